"""E-mail that never pretends (failure 7): production refuses to start without a mail server, a count of
sent mail counts what the server accepted, and a large report goes out as a link."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from portfolio.models import MonthlyReport
from tests.reliability.conftest import production_env, run_python
from tests.reliability.smtp_server import SmtpServer

PERIOD = date(2026, 10, 1)
START_WEB = "import rsi_portal.wsgi"


def test_production_refuses_to_start_without_an_e_mail_configuration():
    env = production_env()
    del env["EMAIL_BACKEND"]
    result = run_python(START_WEB, env=env)
    assert result.returncode != 0
    assert "E-mail is not configured" in result.stderr


@pytest.mark.parametrize(
    "mail_env",
    [{"EMAIL_HOST": "smtp.example.dk"}, {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}],
)
def test_production_starts_with_a_mail_server_or_an_explicit_backend(mail_env):
    env = production_env()
    del env["EMAIL_BACKEND"]
    result = run_python(START_WEB, env={**env, **mail_env})
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.fixture
def smtp(settings):
    with SmtpServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = False, "", ""
        yield server


@pytest.mark.django_db
def test_the_report_count_records_only_mail_the_server_accepted_and_a_large_report_is_a_link(
    demo, smtp, settings, tmp_path
):
    from portfolio.rhythm import services as rhythm_services

    settings.MEDIA_ROOT = tmp_path
    settings.RSI = {**settings.RSI, "MAIL_ATTACHMENT_MAX_BYTES": 1024}  # far below any report PDF
    MonthlyReport.objects.filter(period=PERIOD).delete()
    recipients = rhythm_services.report_recipients()
    assert len(recipients) >= 2
    refused = recipients[0]
    get_user_model().objects.filter(pk=refused.pk).update(email="afvis@example.dk")

    report = rhythm_services.monthly_report_generate(period=PERIOD, notify=False)
    sent = rhythm_services.monthly_report_notify(report_id=report.pk)

    report.refresh_from_db()
    delivered = [address for addresses, _message in smtp.messages for address in addresses]
    assert sent == report.notified_count == len(recipients) - 1 == len(delivered)
    assert "afvis@example.dk" not in delivered
    _addresses, message = smtp.messages[0]
    parts = [part.get_content_type() for part in message.walk()]
    assert "application/pdf" not in parts  # above the size limit: a link, not an attachment
    text = next(part for part in message.walk() if part.get_content_type() == "text/plain").get_payload(decode=True)
    assert f"/rapporter/{report.pk}/".encode() in text

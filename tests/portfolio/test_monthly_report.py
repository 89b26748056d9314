"""The monthly portfolio report: made once after the deadline, PDF + xlsx, versions, notification, archive."""

import re
from datetime import date
from io import BytesIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from portfolio.models import AuditEntry, MonthlyReport
from portfolio.rhythm import services as rhythm_services
from portfolio.rhythm.rules import monthly_report_day, monthly_report_due_period
from portfolio.rhythm.selectors import monthly_report_data
from portfolio.rhythm.tasks import generate_monthly_report, monthly_report_tick
from projects.rules import Colour, reporting_deadline
from projects.selectors import missing_reports, portfolio_status
from rsi_portal.dates import add_working_days, is_working_day
from rsi_portal.pdf import pdf_text

PERIOD = date(2026, 10, 1)  # a month the demo has submitted status for


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _eager():
    """Tasks enqueued by the code under test run in process, as without REDIS_URL (the worker
    tests in test_monthly_report_worker.py cover the broker)."""
    from rsi_portal.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def demo(demo):
    """The demo data without the demo's own generated report (these tests make their own)."""
    MonthlyReport.objects.all().delete()  # rolled back after each test


def test_demo_shows_the_last_complete_months_report_in_the_archive(client, login, django_user_model, db):
    import io

    from django.core.management import call_command
    from django.utils import timezone
    from django.utils.formats import date_format

    from portfolio.demo import reports as demo_reports

    if not django_user_model.objects.filter(username="direktoer").exists():
        call_command("loaddemo", "--i-know-this-is-not-production", stdout=io.StringIO())
    today = timezone.localdate()
    period = demo_reports.last_complete_month(today)
    assert monthly_report_day(period) <= today
    assert MonthlyReport.objects.filter(period=period, is_current=True).exists()  # made by loaddemo
    # The demo module again, from scratch: it makes that month's report once, without e-mail.
    MonthlyReport.objects.all().delete()
    demo_reports.load(io.StringIO())
    demo_reports.load(io.StringIO())
    report = MonthlyReport.objects.get()
    assert report.period == period and report.notified_at is None and not mail.outbox
    login("direktoer")
    page = client.get("/rapporter/").content.decode()
    assert date_format(period, "F Y") in page and f"/rapporter/{report.pk}/" in page  # "november 2026"
    assert "Porteføljerapport" in pdf_text(report.pdf.read())


def test_r13_report_day_is_the_working_day_after_the_deadline(settings):
    deadline = reporting_deadline(PERIOD)
    day = monthly_report_day(PERIOD)
    assert day > deadline and is_working_day(day)
    assert day == add_working_days(deadline, 1)
    settings.RSI = {**settings.RSI, "MONTHLY_REPORT_WORKING_DAYS_AFTER_DEADLINE": 3}
    assert monthly_report_day(PERIOD) == add_working_days(deadline, 3)


def test_r13_beat_makes_last_months_report_from_the_report_day_only():
    day = monthly_report_day(PERIOD)
    assert monthly_report_due_period(add_working_days(day, -1)) is None
    assert monthly_report_due_period(day) == PERIOD
    assert monthly_report_due_period(date(2026, 11, 30)) == PERIOD


def test_the_report_holds_rollups_region_colours_late_reports_and_changes(demo):
    report = rhythm_services.monthly_report_generate(period=PERIOD)
    assert report.version == 1 and report.is_current and report.generated_by is None
    statuses = portfolio_status(PERIOD)
    text = pdf_text(report.pdf.read())
    assert "Porteføljerapport" in text and "oktober 2026" in text
    for status in statuses:
        assert status.pejlemaerke.name[:25] in text.replace("\n", " ")
    red = [s.pejlemaerke.name for s in statuses if s.colour == Colour.RED]
    assert red and report.summary["counts"]["red"] == len(red)

    workbook = load_workbook(BytesIO(report.xlsx.read()))
    assert workbook.sheetnames == ["Overblik", "Regionernes tekster", "Forsinkede", "Ændringer"]
    overview = list(workbook["Overblik"].iter_rows(values_only=True))
    assert overview[0][:3] == ("Pejlemærke", "Status", "Sidste måned")
    assert [row[0] for row in overview[1:]] == [s.pejlemaerke.name for s in statuses]  # red first
    assert overview[1][1] == "Rød"
    late_rows = list(workbook["Forsinkede"].iter_rows(values_only=True))[1:]
    assert len(late_rows) == len(missing_reports(PERIOD)) == report.summary["late"]
    texts = list(workbook["Regionernes tekster"].iter_rows(values_only=True))[1:]
    assert texts and all(row[3] in {"Grøn", "Gul", "Rød", "Gennemført"} for row in texts)


def test_the_pdf_names_colours_in_danish_with_their_letters(demo):
    """R9: the PDF takes colour names and letters from projects.rules, never the stored values."""
    report = rhythm_services.monthly_report_generate(period=PERIOD)
    text = pdf_text(report.pdf.read())
    statuses = portfolio_status(PERIOD)
    assert {s.colour for s in statuses} >= {Colour.RED, Colour.YELLOW}
    for english in ("yellow", "green", "red", "done"):
        assert english not in text.lower().split()
    assert "Gul" in text and "Rød" in text and "Ingen status" in text
    region_marks = {m.split(": ")[1] for m in re.findall(r"\b(?:RH|RSJ|RSD|RM|RN): \S+", text)}
    assert region_marks and region_marks <= {"G", "Gu", "R", "✓", "–", "G,", "Gu,", "R,", "✓,", "–,"}
    assert "Gu" in {m.rstrip(",") for m in region_marks}


def test_changes_since_last_month_list_what_turned_red_and_what_recovered(demo):
    data = monthly_report_data(PERIOD)
    for status in data["turned_red"]:
        assert status.colour == Colour.RED and status.previous_colour != Colour.RED
    for status in data["recovered"]:
        assert status.previous_colour in (Colour.RED, Colour.YELLOW) and status.colour != status.previous_colour
    expected_red = {s.pejlemaerke.pk for s in data["statuses"] if s.colour == "red" and s.previous_colour != "red"}
    assert {s.pejlemaerke.pk for s in data["turned_red"]} == expected_red


def test_a_second_run_does_nothing_extra(demo):
    first = rhythm_services.monthly_report_generate(period=PERIOD)
    assert first is not None
    audit_before = AuditEntry.objects.count()
    assert rhythm_services.monthly_report_generate(period=PERIOD) is None
    assert generate_monthly_report.apply(args=[PERIOD.isoformat()]).get() is None
    assert MonthlyReport.objects.filter(period=PERIOD).count() == 1
    assert AuditEntry.objects.count() == audit_before


def test_regenerating_adds_a_version_and_keeps_the_old_one(demo, sekretariat):
    first = rhythm_services.monthly_report_generate(period=PERIOD)
    with pytest.raises(ValidationError):
        rhythm_services.monthly_report_generate(period=PERIOD, actor=sekretariat, after_version=1, reason=" ")
    second = rhythm_services.monthly_report_generate(
        period=PERIOD, actor=sekretariat, after_version=1, reason="Rettet rapport fra RH"
    )
    assert second.version == 2 and second.is_current and second.generated_by == sekretariat
    first.refresh_from_db()
    assert not first.is_current and first.pdf.read()
    # The same request retried (it saw version 1) adds nothing.
    assert (
        rhythm_services.monthly_report_generate(
            period=PERIOD, actor=sekretariat, after_version=1, reason="Rettet rapport fra RH"
        )
        is None
    )
    assert list(MonthlyReport.objects.filter(period=PERIOD).values_list("version", "is_current")) == [
        (2, True),
        (1, False),
    ]


def test_only_the_secretariat_may_generate(demo, django_user_model):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        rhythm_services.monthly_report_generate(
            period=PERIOD, actor=django_user_model.objects.get(username="direktoer")
        )


def test_the_database_keeps_one_version_per_period_and_one_current(demo):
    from django.db import IntegrityError, transaction

    report = rhythm_services.monthly_report_generate(period=PERIOD)
    with pytest.raises(IntegrityError), transaction.atomic():
        MonthlyReport.objects.create(period=PERIOD, version=1, pdf=report.pdf.name, xlsx=report.xlsx.name)
    with pytest.raises(IntegrityError), transaction.atomic():
        MonthlyReport.objects.create(period=PERIOD, version=2, reason="x", pdf="a", xlsx="b", is_current=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        MonthlyReport.objects.create(period=PERIOD, version=2, reason="", pdf="a", xlsx="b", is_current=False)


def test_body_members_get_a_link_and_the_pdf_only_when_small(demo, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = rhythm_services.monthly_report_generate(period=PERIOD)
    recipients = rhythm_services.report_recipients()
    assert len(mail.outbox) == len(recipients) > 0
    message = mail.outbox[0]
    assert f"/rapporter/{report.pk}/" in message.body
    assert message.attachments and message.attachments[0][2] == "application/pdf"
    report.refresh_from_db()
    assert report.notified_count == len(recipients)
    # Once per version: a second notification sends nothing.
    assert rhythm_services.monthly_report_notify(report_id=report.pk) == 0
    assert len(mail.outbox) == len(recipients)

    settings.RSI = {**settings.RSI, "MAIL_ATTACHMENT_MAX_BYTES": 1024}  # far below any report
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        second = rhythm_services.monthly_report_generate(
            period=PERIOD, actor=None, after_version=1, reason="Større end grænsen"
        )
    assert second is not None and len(mail.outbox) == len(recipients)
    assert all(not m.attachments for m in mail.outbox)
    assert "for stor til at blive vedhæftet" in mail.outbox[0].body


def test_the_beat_tick_runs_eagerly_without_redis(demo, settings):
    assert settings.CELERY_TASK_ALWAYS_EAGER or settings.REDIS_URL
    day = monthly_report_day(PERIOD)
    assert monthly_report_tick.apply(kwargs={"today": add_working_days(day, -1).isoformat()}).get() is None
    assert not MonthlyReport.objects.exists()
    report_id = monthly_report_tick.apply(kwargs={"today": day.isoformat()}).get()
    assert MonthlyReport.objects.get(pk=report_id).period == PERIOD
    assert monthly_report_tick.apply(kwargs={"today": day.isoformat()}).get() is None


ROLES = ["sekretariat", "projektleder", "regional", "formand", "direktoer", "kontakt"]


@pytest.mark.parametrize("username", ROLES)
def test_every_role_reads_the_archive_and_only_the_secretariat_regenerates(demo, client, login, username):
    report = rhythm_services.monthly_report_generate(period=PERIOD)
    login(username)
    page = client.get("/rapporter/")
    assert page.status_code == 200 and "oktober 2026" in page.content.decode()  # month names in lower case
    assert client.get(f"/rapporter/{report.pk}/pdf/").status_code == 200
    workbook = client.get(f"/rapporter/{report.pk}/xlsx/")
    assert workbook.status_code == 200 and workbook["Content-Disposition"].startswith("attachment")
    response = client.post(f"/rapporter/{report.pk}/", {"reason": "Ny version"})
    if username == "sekretariat":
        assert response.status_code == 302
    else:
        assert response.status_code == 403


def test_anonymous_and_roleless_users_are_refused(demo, client, django_user_model):
    report = rhythm_services.monthly_report_generate(period=PERIOD)
    assert client.get(f"/rapporter/{report.pk}/pdf/").status_code == 302  # to login
    client.force_login(django_user_model.objects.create_user("udenrolle"))
    assert client.get("/rapporter/").status_code == 403
    assert client.get(f"/rapporter/{report.pk}/pdf/").status_code == 403


def test_regeneration_form_keeps_what_was_typed_and_explains(demo, client, login):
    report = rhythm_services.monthly_report_generate(period=PERIOD)
    login("sekretariat")
    response = client.post(f"/rapporter/{report.pk}/", {"reason": ""})
    assert response.status_code == 400
    assert "Skriv hvorfor måneden dannes igen." in response.content.decode()


def test_regeneration_is_enqueued_on_commit(demo, sekretariat, django_capture_on_commit_callbacks):
    rhythm_services.monthly_report_generate(period=PERIOD)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        rhythm_services.monthly_report_regenerate(actor=sekretariat, period=PERIOD, reason="Ny data")
    assert MonthlyReport.objects.filter(period=PERIOD).count() == 1  # nothing before commit
    assert len(callbacks) == 1


def test_the_archive_lists_months_in_bounded_queries(demo, client, login, django_assert_max_num_queries):
    for month in (8, 9, 10):
        rhythm_services.monthly_report_generate(period=date(2026, month, 1))
    login("direktoer")
    with django_assert_max_num_queries(12):
        page = client.get("/rapporter/").content.decode()
    assert page.index("oktober 2026") < page.index("september 2026") < page.index("august 2026")
    export = client.get("/rapporter/?format=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_secretariats_regeneration_makes_version_two_after_commit(
    demo, client, login, django_capture_on_commit_callbacks
):
    first = rhythm_services.monthly_report_generate(period=PERIOD)
    login("sekretariat")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/rapporter/{first.pk}/", {"reason": "RH rettede sin rapport"})
    assert response.status_code == 302
    current = MonthlyReport.objects.get(period=PERIOD, is_current=True)
    assert current.version == 2 and current.reason == "RH rettede sin rapport"
    assert current.generated_by.username == "sekretariat"
    assert AuditEntry.objects.filter(action="monthly_report.regenerate_requested").exists()
    page = client.get("/rapporter/").content.decode()
    assert "RH rettede sin rapport" in page and "nej (erstattet)" in page


def test_the_report_data_is_read_in_a_bounded_number_of_queries(demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):  # R38's colour sanity reads one more
        data = monthly_report_data(PERIOD)
    assert len(data["statuses"]) >= 10

"""Two runs at once on PostgreSQL (failure 8): a second monthly-report run does not wait on the first,
a double-clicked submit lands on the submitted report, and the visibility timeout fits the tasks."""

import threading
import time
import zlib
from datetime import date

import psycopg
import pytest
from django.conf import settings as django_settings
from django.db import connection, connections

from portfolio.models import MonthlyReport
from projects import services as project_services
from projects.models import StatusReport
from tests.celery_worker import database_url_for
from tests.projects.factories import MONTH, ProjectFactory, UserFactory
from tests.reliability.conftest import require_postgresql, wait_for

PERIOD = date(2026, 10, 1)


@pytest.mark.django_db(transaction=True)
def test_a_second_monthly_report_run_returns_at_once_while_the_first_holds_the_lock(settings, tmp_path):
    from portfolio.rhythm import services as rhythm_services

    require_postgresql()
    settings.MEDIA_ROOT = tmp_path
    MonthlyReport.objects.filter(period=PERIOD).delete()
    key = zlib.crc32(f"monthly_report:{PERIOD.isoformat()}".encode())
    with psycopg.connect(database_url_for(connection.settings_dict)) as first_run:
        first_run.execute("SELECT pg_advisory_xact_lock(%s)", [key])  # the first run, still rendering
        finish = threading.Timer(6, first_run.rollback)  # it finishes after six seconds
        finish.start()
        started = time.monotonic()
        second = rhythm_services.monthly_report_generate(period=PERIOD, notify=False)
        waited = time.monotonic() - started
        finish.cancel()
    assert waited < 2, f"the second run waited {waited:.1f} s for the lock"
    assert second is None and not MonthlyReport.objects.filter(period=PERIOD).exists()


def test_the_visibility_timeout_is_above_the_longest_task_and_retry_and_far_below_an_hour():
    from portfolio.rhythm.tasks import RETRY

    timeout = django_settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    longest_countdown = RETRY["retry_backoff_max"]  # a retry's ETA message is held unacknowledged until then
    assert timeout > longest_countdown
    assert timeout > django_settings.RSI["PACK_RENDER_LEASE_SECONDS"]
    assert timeout <= 1800, "a killed worker's task would wait this long before it is redelivered"


POSTED = {
    "colour": "green",
    "overall": "Indsendt med et dobbeltklik.",
    "tid": "",
    "oekonomi": "",
    "leverancer": "",
    "risici": "",
    "action": "submit",
}


@pytest.mark.django_db(transaction=True)
def test_a_double_clicked_submit_lands_on_the_submitted_report():
    require_postgresql()
    reporter = UserFactory(sekretariat=True)
    project = ProjectFactory()
    rn = project.pejlemaerke.leading_region
    draft = project_services.status_report_save_draft(
        actor=reporter, project=project, region=rn, period=MONTH, colour="green", overall="Kladde."
    )
    url = f"/projekter/{project.pk}/status/{rn.code}/{MONTH:%Y-%m}/"
    pages = {}

    def click(name):
        from django.test import Client

        client = Client(raise_request_exception=False)
        client.force_login(reporter)
        response = client.post(url, POSTED)
        location = response.get("Location")
        page = client.get(location) if response.status_code == 302 else response
        pages[name] = (response.status_code, location, page.content.decode())
        connections.close_all()

    # Both clicks reach the service before either commits: they queue behind a lock on the draft.
    with psycopg.connect(database_url_for(connection.settings_dict)) as holder:
        holder.execute("SELECT 1 FROM projects_statusreport WHERE id = %s FOR UPDATE", [draft.pk])
        clicks = [threading.Thread(target=click, args=(name,)) for name in ("first", "second")]
        for thread in clicks:
            thread.start()

        def both_waiting():
            with psycopg.connect(database_url_for(connection.settings_dict), autocommit=True) as probe:
                return (
                    probe.execute(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                        "AND wait_event_type = 'Lock'"
                    ).fetchone()[0]
                    >= 2
                )

        wait_for(both_waiting, timeout=30, message="both submits waiting on the draft's row lock")
        holder.rollback()
        for thread in clicks:
            thread.join(timeout=60)

    detail = f"/projekter/status/{draft.pk}/"
    assert {status for status, _location, _page in pages.values()} == {302}, pages
    assert {location for _status, location, _page in pages.values()} == {detail}
    messages = sorted(
        "var allerede" if "Rapporten var allerede indsendt" in page else "indsendt"
        for _status, _location, page in pages.values()
    )
    assert messages == ["indsendt", "var allerede"]
    assert StatusReport.objects.get(pk=draft.pk).version == 1

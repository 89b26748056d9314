"""Exactly once on the real stack: PostgreSQL, Redis and a real Celery worker running two tasks at once."""

from datetime import date

import pytest
from django.db import connection

from portfolio.models import AuditEntry, MonthlyReport
from portfolio.rhythm.tasks import generate_monthly_report
from rsi_portal.pdf import pdf_text
from tests.celery_worker import celery_worker_process  # noqa: F401 - fixture
from tests.conftest import require_component

PERIOD = date(2026, 10, 1)


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_on_a_real_worker_make_one_report(celery_worker_process):  # noqa: F811
    require_component("PostgreSQL", connection.vendor == "postgresql", "the advisory lock is tested on PostgreSQL")
    # Committed rows (transaction=True) so the worker process sees them; the test flushes afterwards.
    # It needs no demo data: an empty portfolio still makes a report, and once is what is tested.
    MonthlyReport.objects.all().delete()
    audited = AuditEntry.objects.filter(action="monthly_report.generate").count()
    first = generate_monthly_report.delay(PERIOD.isoformat())
    second = generate_monthly_report.delay(PERIOD.isoformat())  # the worker runs both at once (2 threads)
    results = [first.get(timeout=240), second.get(timeout=240)]
    made = [r for r in results if r is not None]
    assert len(made) == 1, celery_worker_process.log()
    assert list(MonthlyReport.objects.filter(period=PERIOD).values_list("pk", "version")) == [(made[0], 1)]
    assert AuditEntry.objects.filter(action="monthly_report.generate").count() == audited + 1
    report = MonthlyReport.objects.get(pk=made[0])
    written = celery_worker_process.media_root / report.pdf.name
    assert "Porteføljerapport" in pdf_text(written.read_bytes())
    # A third run later (beat again, or a redelivered message) does nothing either.
    assert generate_monthly_report.delay(PERIOD.isoformat()).get(timeout=240) is None
    assert MonthlyReport.objects.filter(period=PERIOD).count() == 1

"""Benchmark of the monthly rhythm: the monthly portfolio report (PDF + xlsx) and the
årshjul iCalendar feed, on a seeded portfolio.

Builds its own throw-away database (a temp SQLite file; with DATABASE_URL=postgres://… also a
new PostgreSQL database next to it, dropped afterwards) and a temp MEDIA_ROOT; e-mail goes to
Django's in-memory backend. Prints figures; asserts nothing about time.

    .venv/bin/python bench/bench_rhythm.py
    PEJLEMAERKER=100 MONTHS=24 .venv/bin/python bench/bench_rhythm.py
"""

import os
import secrets
import statistics
import sys
import time
from pathlib import Path

from benchlib import for_each_database, run_child

ROOT = Path(__file__).resolve().parents[1]
PEJLEMAERKER = int(os.environ.get("PEJLEMAERKER", "60"))
MONTHS = int(os.environ.get("MONTHS", "24"))
RUNS = 3


def child() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rsi_portal.settings")
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from portfolio.models import MonthlyReport
    from portfolio.rhythm import services as rhythm_services
    from portfolio.rhythm.ical import build_calendar
    from portfolio.rhythm.selectors import calendar_events
    from projects.management.commands.seed_scale import seed_scale
    from rsi_portal.dates import add_months, month_start

    call_command("migrate", verbosity=0)
    result = seed_scale(PEJLEMAERKER, MONTHS)
    period = add_months(month_start(timezone.localdate()), -1)
    report_s, sizes = [], []
    for run in range(RUNS):
        t = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            report = rhythm_services.monthly_report_generate(
                period=period, after_version=run, reason="" if run == 0 else "bench", notify=False
            )
        report_s.append(time.perf_counter() - t)
        sizes.append((report.pdf.size, report.xlsx.size))
    print(
        f"{connection.vendor}: {result['pejlemaerker']} pejlemærker, {result['reports']} status reports; "
        f"monthly report (PDF + xlsx) median {statistics.median(report_s):.2f} s over {RUNS} versions, "
        f"PDF {sizes[0][0] / 1024:.0f} KiB, xlsx {sizes[0][1] / 1024:.0f} KiB, {len(queries.captured_queries)} queries"
    )
    t = time.perf_counter()
    again = rhythm_services.monthly_report_generate(period=period)
    print(
        f"{connection.vendor}: a second beat run for the month: {(time.perf_counter() - t) * 1000:.0f} ms, "
        f"made {'nothing' if again is None else 'a report (!)'}; versions kept: "
        f"{MonthlyReport.objects.filter(period=period).count()}"
    )
    from portfolio.rhythm.selectors import monthly_report_data

    with CaptureQueriesContext(connection) as data_queries:
        monthly_report_data(period)
    print(f"{connection.vendor}: monthly_report_data: {len(data_queries.captured_queries)} queries")
    user = get_user_model().objects.create_superuser("bench", "bench@example.dk", secrets.token_urlsafe(12))
    t = time.perf_counter()
    year = timezone.localdate().year
    events = [e for y in (year - 1, year, year + 1) for e in calendar_events(y)]
    feed = build_calendar(events, name=str(user))
    print(
        f"{connection.vendor}: årshjul feed, {len(events)} events, {len(feed) / 1024:.0f} KiB "
        f"in {(time.perf_counter() - t) * 1000:.0f} ms"
    )


def main() -> int:
    def run(url: str, scratch: str) -> int:
        return run_child(
            __file__, url, MEDIA_ROOT=f"{scratch}/media", EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
        )

    return for_each_database(run, "rhythm")


if __name__ == "__main__":
    if os.environ.get("BENCH_CHILD"):
        child()
    else:
        sys.exit(main())

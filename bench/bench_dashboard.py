"""Benchmark of the portfolio dashboard at scale: 300 pejlemærker × 120 months ≈ 180,000 reports.

Prints the server-side p50/p95 of 30 dashboard requests (view + template, through Django's test
client) and of the selector alone, on SQLite and, when DATABASE_URL points at PostgreSQL, on
PostgreSQL. Each run builds its own throw-away database (a temp SQLite file; a new PostgreSQL
database next to DATABASE_URL's, dropped afterwards) and never touches yours.

    .venv/bin/python bench/bench_dashboard.py            # make bench runs every bench/bench_*.py
    PEJLEMAERKER=50 MONTHS=24 .venv/bin/python bench/bench_dashboard.py   # a quick run
"""

import os
import secrets
import statistics
import sys
import time
from pathlib import Path

from benchlib import for_each_database, percentile, run_child

ROOT = Path(__file__).resolve().parents[1]
REQUESTS = 30
PEJLEMAERKER = int(os.environ.get("PEJLEMAERKER", "300"))
MONTHS = int(os.environ.get("MONTHS", "120"))


def child() -> None:
    """Runs inside a fresh process whose DATABASE_URL is the throw-away database."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rsi_portal.settings")
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")  # no collectstatic in a bench

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from projects.management.commands.seed_scale import seed_scale
    from projects.selectors import portfolio_status
    from rsi_portal.dates import add_months, month_start

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    result = seed_scale(PEJLEMAERKER, MONTHS)
    seeded = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # what autovacuum does after a bulk load; enables index-only scans
    user = get_user_model().objects.create_superuser("bench", "bench@example.dk", secrets.token_urlsafe(12))
    client = Client()
    client.force_login(user)
    from django.utils import timezone

    month = add_months(month_start(timezone.localdate()), -1)
    url = f"/dashboard/?month={month:%Y-%m}"
    for _ in range(3):  # warm up caches, connections and templates
        assert client.get(url, secure=True).status_code == 200
    page_ms, selector_ms = [], []
    for _ in range(REQUESTS):
        t = time.perf_counter()
        response = client.get(url, secure=True)
        page_ms.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200
    for _ in range(REQUESTS):
        t = time.perf_counter()
        rows = portfolio_status(month)
        selector_ms.append((time.perf_counter() - t) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url, secure=True)
    print(
        f"{connection.vendor}: {result['pejlemaerker']} pejlemærker, {result['reports']} status reports "
        f"seeded in {seeded:.1f} s; {len(rows)} dashboard rows, {len(queries.captured_queries)} queries per request"
    )
    print(
        f"{connection.vendor}: dashboard page p50 {statistics.median(page_ms):.0f} ms, "
        f"p95 {percentile(page_ms, 95):.0f} ms over {REQUESTS} requests "
        f"(selector alone p50 {statistics.median(selector_ms):.0f} ms, p95 {percentile(selector_ms, 95):.0f} ms)"
    )


def main() -> int:
    return for_each_database(lambda url, _scratch: run_child(__file__, url), "dashboard")


if __name__ == "__main__":
    if os.environ.get("BENCH_CHILD"):
        child()
    else:
        sys.exit(main())

"""Benchmark of the monthly status at scale: 300 pejlemærker × 120 months ≈ 171,000 reports.

Prints, per database (a temp SQLite file, skipped with BENCH_SKIP_SQLITE=1; and PostgreSQL when
DATABASE_URL points at it):
- the seed, and a full rebuild of the kept monthly roll-up (`rollup_rebuild`; budget ≤ 30 s);
- the dashboard page p50/p95 (view + template through Django's test client; its table kept by the
  fingerprint of its rows, as between writes), the same page with its table built anew, the selector
  (`portfolio_status`) p50/p95 and the raw-SQL floor p50/p95, 30 requests each, interleaved in one
  process; the floor is the three queries that read the same facts from the raw reports (the
  12-month window's colour counts per pejlemærke and month, the month's reports with the "why"
  fields, the pejlemærker); and the ratio page p95 / floor p95 (budget ≤ 1.5×);
- a status submit p95 including the roll-up's maintenance (budget ≤ 150 ms), and a correction far
  back in the history (its later months' R11 inputs follow);
- the monthly report (PDF + xlsx) for every pejlemærker (budget ≤ 30 s).
Each run builds its own throw-away database and never touches yours. Times are printed, never asserted.

    .venv/bin/python bench/bench_dashboard.py            # make bench runs every bench/bench_*.py
    PEJLEMAERKER=50 MONTHS=24 .venv/bin/python bench/bench_dashboard.py   # a quick run
"""

import gc
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

STATES = "('portfolio', 'paused')"
FLOOR = (
    # the window's colour counts per pejlemærke and month
    "SELECT p.pejlemaerke_id, r.period, SUM(CASE WHEN r.colour = 'red' THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN r.colour = 'yellow' THEN 1 ELSE 0 END), SUM(CASE WHEN r.colour = 'green' THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN r.colour = 'done' THEN 1 ELSE 0 END), MAX(r.submitted_at) "
    "FROM projects_statusreport r JOIN projects_project p ON p.id = r.project_id "
    "JOIN portfolio_pejlemaerke m ON m.id = p.pejlemaerke_id "
    f"WHERE r.state = 'submitted' AND r.period >= %s AND r.period <= %s AND m.state IN {STATES} "
    "GROUP BY p.pejlemaerke_id, r.period",
    # the month's reports with what the "why" line needs
    "SELECT r.project_id, r.region_id, r.colour, r.risici, r.affects_tid, r.affects_oekonomi, "
    "r.affects_leverancer, r.version FROM projects_statusreport r JOIN projects_project p ON p.id = r.project_id "
    "JOIN portfolio_pejlemaerke m ON m.id = p.pejlemaerke_id "
    f"WHERE r.state = 'submitted' AND r.period = %s AND m.state IN {STATES}",
    # the pejlemærker with their leading region
    "SELECT m.id, m.name, m.short_name, m.type, m.state, m.leading_region_id, g.code, g.name "
    f"FROM portfolio_pejlemaerke m JOIN portfolio_region g ON g.id = m.leading_region_id WHERE m.state IN {STATES}",
)


def _p(values: list[float]) -> str:
    return f"p50 {statistics.median(values):.0f} ms, p95 {percentile(values, 95):.0f} ms"


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
    from django.utils import timezone

    from portfolio.rhythm import services as rhythm_services
    from projects import services
    from projects.management.commands.seed_scale import seed_scale
    from projects.models import Project, StatusReport
    from projects.selectors import portfolio_status, reporting_regions
    from rsi_portal.dates import add_months, month_start
    from rsi_portal.fingerprint import forget_all

    vendor = connection.vendor
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    result = seed_scale(PEJLEMAERKER, MONTHS)
    seeded = time.perf_counter() - started
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # what autovacuum does after a bulk load; enables index-only scans
    started = time.perf_counter()
    rows_kept = services.rollup_rebuild()
    rebuilt = time.perf_counter() - started
    print(
        f"{vendor}: {result['pejlemaerker']} pejlemærker, {result['reports']} status reports seeded in "
        f"{seeded:.1f} s (with the roll-up); rollup_rebuild of every month: {rebuilt:.1f} s for "
        f"{rows_kept} months (budget ≤ 30 s)"
    )
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE projects_monthlyrollup")

    user = get_user_model().objects.create_superuser("bench", "bench@example.dk", secrets.token_urlsafe(12))
    client = Client()
    client.force_login(user)
    month = add_months(month_start(timezone.localdate()), -1)
    url = f"/dashboard/?month={month:%Y-%m}"
    first = add_months(month, -11)

    def floor():
        with connection.cursor() as cursor:
            cursor.execute(FLOOR[0], [first.isoformat(), month.isoformat()])
            cursor.fetchall()
            cursor.execute(FLOOR[1], [month.isoformat()])
            cursor.fetchall()
            cursor.execute(FLOOR[2])
            cursor.fetchall()

    for _ in range(3):  # warm up caches, connections and templates
        assert client.get(url, secure=True).status_code == 200
        portfolio_status(month)
        floor()

    def measure(label: str) -> list:
        page_ms, built_ms, selector_ms, floor_ms = [], [], [], []
        for _ in range(REQUESTS):  # interleaved, so a busy moment of the machine hits all alike
            t = time.perf_counter()
            response = client.get(url, secure=True)
            page_ms.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200
            forget_all()  # the same page right after a write: its table built anew from the roll-up
            t = time.perf_counter()
            response = client.get(url, secure=True)
            built_ms.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200
            t = time.perf_counter()
            rows = portfolio_status(month)
            selector_ms.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            floor()
            floor_ms.append((time.perf_counter() - t) * 1000)
        print(f"{vendor}: {label}")
        print(f"{vendor}:   dashboard page  {_p(page_ms)} over {REQUESTS} requests (its table kept by fingerprint)")
        print(f"{vendor}:   page, table built anew  {_p(built_ms)} (as after any write)")
        print(f"{vendor}:   selector alone  {_p(selector_ms)}")
        print(f"{vendor}:   raw-SQL floor   {_p(floor_ms)} (the three queries on the raw reports)")
        ratio = percentile(page_ms, 95) / percentile(floor_ms, 95)
        print(f"{vendor}:   page p95 / floor p95 = {ratio:.2f}× (budget ≤ 1.5×)")
        built = percentile(built_ms, 95) / percentile(floor_ms, 95)
        print(f"{vendor}:   page built anew p95 / floor p95 = {built:.2f}×")
        return rows

    rows = measure("Python's default garbage collection")
    # A long-running worker's objects from start-up (Django, the URL conf, templates) are many; a full
    # collection walks all of them and lands in whichever request triggers it: the p95. gc.freeze()
    # after start-up (gunicorn's post_fork) leaves them out of every collection.
    gc.collect()
    gc.freeze()
    measure("after gc.freeze(), as a worker that freezes its start-up objects")
    gc.unfreeze()
    with CaptureQueriesContext(connection) as kept:
        client.get(url, secure=True)
    forget_all()
    with CaptureQueriesContext(connection) as built:
        client.get(url, secure=True)
    print(
        f"{vendor}: {len(rows)} dashboard rows, {len(kept.captured_queries)} queries per request "
        f"({len(built.captured_queries)} when the table is built anew)"
    )

    # Status submits, each with its roll-up maintenance: next month's first reports.
    following = add_months(month, 1)
    pairs = []
    for project in Project.objects.select_related("pejlemaerke").order_by("pk")[: REQUESTS * 2]:
        pairs += [(project, region) for region in reporting_regions(project)[:1]]
    submit_ms = []
    for project, region in pairs[:REQUESTS]:
        t = time.perf_counter()
        services.status_report_submit(
            actor=user, project=project, region=region, period=following, colour="yellow", overall="x", risici="y"
        )
        submit_ms.append((time.perf_counter() - t) * 1000)
    print(f"{vendor}: status submit incl. roll-up  {_p(submit_ms)} over {len(submit_ms)} (budget p95 ≤ 150 ms)")
    back = add_months(month, -(MONTHS // 2))
    correct_ms = []
    for report in StatusReport.objects.filter(period=back).order_by("pk")[:REQUESTS]:
        t = time.perf_counter()
        services.status_report_correct(actor=user, report=report, reason="bench", colour="red", overall="x", risici="y")
        correct_ms.append((time.perf_counter() - t) * 1000)
    print(f"{vendor}: correction {MONTHS // 2} months back incl. roll-up  {_p(correct_ms)}")

    started, cpu = time.perf_counter(), time.process_time()
    report = rhythm_services.monthly_report_generate(period=month, notify=False)
    # The process's CPU time beside the wall time: on a shared machine the wall time is mostly waiting.
    print(
        f"{vendor}: monthly report (PDF + xlsx) for {len(rows)} pejlemærker: "
        f"{time.perf_counter() - started:.1f} s, CPU {time.process_time() - cpu:.1f} s, "
        f"PDF {report.pdf.size / 1024:.0f} KiB (budget ≤ 30 s)"
    )
    problems = services.rollup_check()
    print(f"{vendor}: rollup_rebuild --check after the writes: {len(problems)} differences")


def main() -> int:
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")

    def run(url: str, scratch: str) -> int:
        return run_child(
            __file__,
            url,
            MEDIA_ROOT=f"{scratch}/media",
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        )

    status = for_each_database(run, "dashboard")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return status


if __name__ == "__main__":
    if os.environ.get("BENCH_CHILD"):
        child()
    else:
        sys.exit(main())

"""Finance benchmark: split_by_key throughput and the budget overview / collection over a large portfolio.

Builds its data inside a transaction that is rolled back, prints figures; asserts nothing about time.
Run: DEBUG=1 .venv/bin/python bench/bench_finance.py
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rsi_portal.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from datetime import date  # noqa: E402
from decimal import Decimal as D  # noqa: E402

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def bench_split(n=50_000):
    from finance.rules import split_by_key

    key = {"RH": D("31.70"), "RSJ": D("14.55"), "RSD": D("21.22"), "RM": D("22.63"), "RN": D("9.90")}
    start = time.perf_counter()
    for i in range(n):
        split_by_key(D(i * 137 + 1) / 100, key)
    elapsed = time.perf_counter() - start
    print(f"split_by_key: {n} splits in {elapsed:.2f} s ({n / elapsed:,.0f}/s)")


class Rollback(Exception):
    pass


def bench_portfolio(projects=200):
    from django.contrib.auth import get_user_model

    from finance import selectors
    from finance.models import BlockGrantKey, BusinessCase, BusinessCaseVersion, ExpenseLine
    from portfolio.models import Pejlemaerke, Region
    from projects.models import Project

    try:
        with transaction.atomic():
            user = get_user_model().objects.create(username="bench-finance")
            regions = list(Region.objects.all())
            if len(regions) < 5:
                codes = [
                    ("RH", "Region Hovedstaden"),
                    ("RSJ", "Region Sjælland"),
                    ("RSD", "Region Syddanmark"),
                    ("RM", "Region Midtjylland"),
                    ("RN", "Region Nordjylland"),
                ]
                regions = [
                    Region.objects.get_or_create(code=c, defaults={"name": n, "sort_order": i})[0]
                    for i, (c, n) in enumerate(codes)
                ]
            BlockGrantKey.objects.update_or_create(
                year=2027,
                defaults={
                    "share_rh": 20,
                    "share_rsj": 20,
                    "share_rsd": 20,
                    "share_rm": 20,
                    "share_rn": 20,
                    "updated_by": user,
                },
            )
            lines = []
            for i in range(projects):
                p = Pejlemaerke.objects.create(
                    name=f"Bench {i}", type="anskaffelse", state="portfolio", leading_region=regions[i % 5]
                )
                project = Project.objects.create(pejlemaerke=p, name=f"Bench {i}")
                case = BusinessCase.objects.create(project=project)
                v = BusinessCaseVersion.objects.create(
                    business_case=case,
                    number=1,
                    status="approved",
                    start_date=date(2027, 1, 1),
                    end_date=date(2028, 12, 31),
                    scope="x",
                    created_by=user,
                    decided_by=user,
                    decided_at=django.utils.timezone.now(),
                    expense_total=D("2000000"),
                )
                for year in (2027, 2028):
                    lines.append(
                        ExpenseLine(
                            version=v, kind="other", scope="joint", year=year, description="a", amount=D("700000")
                        )
                    )
                    lines.append(
                        ExpenseLine(
                            version=v,
                            kind="other",
                            scope="regional",
                            region=regions[i % 5],
                            year=year,
                            description="b",
                            amount=D("300000"),
                        )
                    )
            ExpenseLine.objects.bulk_create(lines)
            for label, call in (
                ("budget_overview(2027)", lambda: selectors.budget_overview(2027)),
                ("collections_for_year(2027)", lambda: selectors.collections_for_year(2027)),
            ):
                with CaptureQueriesContext(connection) as ctx:
                    start = time.perf_counter()
                    result = call()
                    elapsed = time.perf_counter() - start
                print(
                    f"{label}: {projects} projects -> {len(result)} rows, {len(ctx.captured_queries)} queries, "
                    f"{elapsed * 1000:.0f} ms"
                )
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    bench_split()
    bench_portfolio(50)
    bench_portfolio(200)

"""Query-count baselines of the portfolio-wide pages (NetBox's utilities/testing/query_counts.py is the model).

Each page's number of SQL queries on the demo data is stored in tests/query_counts.json. A test fails
when a count changes, either way, so a new query (or one saved) is a deliberate change: re-run with
UPDATE_QUERY_COUNTS=1 to record the new counts and commit the file with the change that caused them.

The portfolio-wide reads (dashboard, its export, the monthly report, the pack's appendix) also keep
their count when the portfolio grows in pejlemærker and months: they read the kept roll-up.
"""

import json
import os
import threading
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from governance.models import Meeting
from governance.pdf import pack_context
from governance.selectors import portfolio_appendix
from portfolio.models import BodyKind
from portfolio.rhythm.selectors import monthly_report_data
from projects.management.commands.seed_scale import seed_scale
from rsi_portal.dates import add_months, month_start
from rsi_portal.fingerprint import forget_all

BASELINE = Path(__file__).with_name("query_counts.json")
UPDATE = bool(os.environ.get("UPDATE_QUERY_COUNTS"))
_lock = threading.Lock()


def _month():
    return add_months(month_start(timezone.localdate()), -1)


def _get(url: str, user: str = "sekretariat"):
    def page(client):
        client.force_login(get_user_model().objects.get(username=user))
        return lambda: client.get(url, secure=True)

    return page


def _call(function):
    def read(_client):
        return function

    return read


def _pack(_client):
    meeting = Meeting.objects.filter(body__kind=BodyKind.RSI_DK).order_by("-day").first()
    return lambda: pack_context(meeting, members_view=True)


# name -> (setup(client) -> the measured callable)
PAGES = {
    "dashboard": _get(f"/dashboard/?month={_month():%Y-%m}"),
    "dashboard.xlsx": _get(f"/dashboard/?month={_month():%Y-%m}&format=xlsx"),
    "pejlemaerke_list": _get("/pejlemaerker/"),
    "monthly_report_data": _call(lambda: monthly_report_data(_month())),
    "agenda_pack_context": _pack,
    **{
        f"home:{user}": _get("/", user)
        for user in ("sekretariat", "projektleder", "regional", "formand", "direktoer", "kontakt")
    },
}


def _baseline() -> dict:
    return json.loads(BASELINE.read_text()) if BASELINE.exists() else {}


def _record(name: str, count: int) -> None:
    with _lock:
        data = _baseline()
        data[name] = count
        BASELINE.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")


def _count(measured) -> tuple[int, list[str]]:
    measured()  # warm the per-process caches (content types, permissions), so only the page counts
    forget_all()  # but not what a page keeps by fingerprint: the baseline is the page built anew
    with CaptureQueriesContext(connection) as queries:
        result = measured()
    if hasattr(result, "status_code"):
        assert result.status_code == 200
    return len(queries.captured_queries), [q["sql"][:200] for q in queries.captured_queries]


@pytest.mark.parametrize("name", sorted(PAGES))
def test_query_count_matches_its_baseline(name, demo, client):
    count, sql = _count(PAGES[name](client))
    if UPDATE:
        _record(name, count)
        return
    expected = _baseline().get(name)
    assert expected is not None, f"No baseline for {name}: run with UPDATE_QUERY_COUNTS=1 to record it."
    listing = "\n".join(f"  {n}. {q}" for n, q in enumerate(sql, start=1))
    assert count == expected, (
        f"{name}: {count} queries, the baseline says {expected}. If that is intended, re-run with "
        f"UPDATE_QUERY_COUNTS=1 and commit tests/query_counts.json.\n{listing}"
    )


def test_every_baseline_names_a_page():
    assert set(_baseline()) == set(PAGES)


GROWING = {
    "dashboard": _get(f"/dashboard/?month={_month():%Y-%m}"),
    "dashboard.xlsx": _get(f"/dashboard/?month={_month():%Y-%m}&format=xlsx"),
    "monthly_report_data": _call(lambda: monthly_report_data(_month())),
    "portfolio_appendix": _call(lambda: portfolio_appendix(_month())),
    # The secretariat's and the chair's home pages read the whole portfolio's decisions and gates.
    "home:sekretariat": _get("/", "sekretariat"),
    "home:formand": _get("/", "formand"),
}


@pytest.mark.parametrize("name", sorted(GROWING))
def test_portfolio_reads_do_not_grow_with_pejlemaerker_or_months(name, demo, client):
    seed_scale(2, 2)
    small, _sql = _count(GROWING[name](client))
    seed_scale(30, 15)  # 28 more pejlemærker, and 15 months of reports for each
    big, sql = _count(GROWING[name](client))
    assert big == small, "\n".join(sql)

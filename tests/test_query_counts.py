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
from portfolio.rules import Lifecycle
from projects.management.commands.seed_scale import seed_scale
from projects.models import Project
from projects.selectors import reporting_regions
from projects.services import can_report_status
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


def _status(user: str, submit: bool):
    """The user's first report form (the GET), or a submit of it for a new month on each call (the POST):
    the pages a project leader uses most, in a month no report has been written for yet."""

    def page(client):
        person = get_user_model().objects.get(username=user)
        client.force_login(person)
        project, region = next(
            (project, region)
            for project in Project.objects.filter(pejlemaerke__state=Lifecycle.PORTFOLIO).order_by("pk")
            for region in reporting_regions(project)
            if can_report_status(person, project, region)
        )
        months = iter(add_months(month_start(timezone.localdate()), 120 + n) for n in range(24))
        url = f"/projekter/{project.pk}/status/{region.code}/{{:%Y-%m}}/"
        if not submit:
            return lambda: client.get(url.format(next(months)), secure=True)

        def post():
            response = client.post(
                url.format(next(months)), {"action": "submit", "colour": "green", "overall": "Ok."}, secure=True
            )
            assert response.status_code == 302, response.status_code
            client.cookies.pop("messages", None)  # the next request does not show this one's message

        return post

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
    **{f"status_form:{user}": _status(user, submit=False) for user in ("sekretariat", "projektleder")},
    **{f"status_submit:{user}": _status(user, submit=True) for user in ("sekretariat", "projektleder")},
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

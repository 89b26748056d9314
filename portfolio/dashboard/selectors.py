"""Reads that combine the portfolio base with the projects: the start page's roles, the dashboard's
table and the pejlemærke page."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import get_language

from projects.rules import Colour
from projects.selectors import portfolio_status, portfolio_status_fingerprint, project_roles_of, projects_prefetch
from rsi_portal.fingerprint import Kept

from .. import selectors as portfolio_selectors
from ..models import Pejlemaerke, StrategyGoal
from .rows import prepare, rows_html


def roles_of(user) -> dict:
    """What the start page shows: the user's roles in the portfolio and its projects, each with its objects."""
    return {**portfolio_selectors.roles_of(user), **project_roles_of(user)}


def pejlemaerke_page(pk: int) -> Pejlemaerke:
    """The pejlemærke with everything its page shows, its projects included."""
    return portfolio_selectors.pejlemaerke_detail(pk, prefetch=[projects_prefetch()])


@dataclass(frozen=True)
class Table:
    """What the dashboard shows for a month and its filters, built once from the kept roll-up."""

    rows: list  # PejlemaerkeStatus, prepared (labels, cells, trend drawing)
    html: str  # the table's <tr> elements
    counts: dict  # colour -> number of pejlemærker
    missing_count: int
    closed: list  # R2: closed in the month, completed and stopped told apart


# Reads outnumber writes by far: the table is kept by the fingerprint of every row it is built from,
# so it is built again exactly when one of them has changed (or the day, the language or the filters).
_KEPT_TABLES = Kept(size=16)


def dashboard_table(month: date, filters: dict, goal=None) -> Table:
    """The dashboard's table for `month` (filters as portfolio_status takes them; goal: R40's strategy goal)."""
    today = timezone.localdate()
    state = portfolio_status_fingerprint(month, StrategyGoal.pejlemaerker.through.objects.all())
    key = None
    if state is not None:
        key = (state, month, today, get_language(), tuple(sorted(filters.items())), goal.pk if goal else None)
        kept = _KEPT_TABLES.get(key)
        if kept is not None:
            return kept
    rows = portfolio_status(month, today=today, **filters)
    if goal is not None:  # R40: the pejlemærker that support this strategy goal
        supporting = set(goal.pejlemaerker.values_list("pk", flat=True))
        rows = [r for r in rows if r.pejlemaerke.pk in supporting]
    prepare(rows)
    built = Table(
        rows=rows,
        html=rows_html(rows, f"{month:%Y-%m}"),
        counts={c: sum(1 for r in rows if r.colour == c) for c in Colour.values},
        missing_count=sum(1 for r in rows if r.colour is None),
        closed=portfolio_selectors.closed_in(month),
    )
    if key is not None:
        _KEPT_TABLES.put(key, built)
    return built

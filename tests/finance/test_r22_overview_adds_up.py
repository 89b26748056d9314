"""R22: the budget overview shows whole kroner, and every total on it is the sum of the parts it shows."""

from decimal import Decimal as D
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from finance import selectors
from finance.rules import LineKind, Scope, round_parts
from portfolio.rules import REGION_CODES

from .factories import (
    BlockGrantKeyFactory,
    BusinessCaseVersionFactory,
    ExpenseLineFactory,
    PejlemaerkeFactory,
    ProjectFactory,
    region,
)

YEAR = 2031  # a year the demo has no figures for, so the page holds only this test's cases
ODD_KEY = {"share_rh": D("33.3333"), "share_rsj": D("33.3333"), "share_rsd": D("33.3334"), "share_rm": 0, "share_rn": 0}


class _Table(HTMLParser):
    """The text of each cell of each row of the page's tables (tbody and tfoot alike)."""

    def __init__(self):
        super().__init__()
        self.rows, self._row, self._cell = [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _kr(text: str) -> int:
    return int(text.replace(".", ""))


def _case(name: str, *, joint: D, regional: dict[str, D]):
    """A pejlemærke whose approved case has one joint line and regional lines in YEAR."""
    project = ProjectFactory(pejlemaerke=PejlemaerkeFactory(name=name))
    version = BusinessCaseVersionFactory(approved=True, business_case__project=project)
    ExpenseLineFactory(version=version, year=YEAR, amount=joint)
    for code, amount in regional.items():
        ExpenseLineFactory(version=version, year=YEAR, scope=Scope.REGIONAL, region=region(code), amount=amount)
    ExpenseLineFactory(version=version, year=YEAR, kind=LineKind.OPERATING, amount=D("0.50"))


@pytest.fixture
def odd_cases(db):
    for code in REGION_CODES:
        region(code)
    BlockGrantKeyFactory(year=YEAR, **ODD_KEY)
    for n in range(3):
        _case(f"Øre-pejlemærke {n}", joint=D("100.01"), regional={"RH": D("0.50"), "RN": D("10.49")})


def test_r22_page_totals_are_the_sums_of_the_shown_parts(odd_cases, client, django_user_model):
    client.force_login(django_user_model.objects.get(username="direktoer"))
    html = client.get(reverse("finance:budget_overview_year", args=[YEAR])).content.decode()
    table = _Table()
    table.feed(html)
    n = len(REGION_CODES)
    figures = [
        [[_kr(part) for part in cell.split(" + ")] for cell in row[1 : 4 + n]]
        for row in table.rows
        if len(row) == n + 5  # a pejlemærke's row or the total row (the header rows are shorter)
    ]
    *rows, foot = figures
    assert len(rows) == len(selectors.budget_overview(YEAR)) > 3
    for joint, regional, total, *by_region in [*rows, foot]:
        assert total[0] == joint[0] + regional[0]
        assert joint[0] == sum(cell[0] for cell in by_region)  # the regions' shares of the joint figure
        assert regional[0] == sum(cell[1] for cell in by_region)  # each region's own figure
    for column, shown in enumerate(foot):
        assert shown == [sum(row[column][i] for row in rows) for i in range(len(shown))], column


def test_r22_selector_figures_are_whole_kroner_that_add_up(odd_cases):
    rows = [r for r in selectors.budget_overview(YEAR) if r.pejlemaerke.name.startswith("Øre-pejlemærke")]
    assert len(rows) == 3
    for row in rows:
        assert (row.joint, row.regional, row.total) == (D("100"), D("11"), D("111"))
        assert sum(row.joint_by_region.values()) == row.joint
        assert sum(row.by_region.values()) == row.regional
        assert all(v == v.quantize(D("1")) for v in [*row.joint_by_region.values(), *row.by_region.values()])


def test_r22_round_parts_adds_up_to_the_rounded_whole():
    assert round_parts({"a": D("0.50"), "b": D("0.50"), "c": D("0.50")}) == {"a": D("1"), "b": D("1"), "c": D("0")}
    assert round_parts({"a": D("100.4"), "b": D("100.4")}) == {"a": D("101"), "b": D("100")}
    assert round_parts({"a": D("0"), "b": D("0")}) == {"a": D("0"), "b": D("0")}
    with pytest.raises(ValueError):
        round_parts({"a": D("-1")})

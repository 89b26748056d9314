"""R10: red wins; missing regions are named and never green; the "why" line."""

import pytest

from portfolio.rules import PejlemaerkeType
from projects.rules import Colour, rollup
from projects.selectors import portfolio_status

from .factories import PejlemaerkeFactory, ProjectFactory, StatusReportFactory, first_regions
from .status_support import MONTH, hm_project, luna_project, pejlemaerke, submit

G, Y, R, D = "green", "yellow", "red", "done"


@pytest.mark.parametrize(
    ("colours", "expected"),
    [
        ([], None),
        ([G], G),
        ([G, G, G, G, G], G),
        ([G, G, G, G, Y], Y),
        ([G, Y, R, G, G], R),
        ([R, D, D, D, D], R),
        ([Y, D], Y),
        ([G, D], G),
        ([D], D),
        ([D, D, D, D, D], D),
        # A missing report (None) is never counted as green; red and yellow still win.
        ([G, G, G, G, None], None),
        ([D, D, None], None),
        ([None, None], None),
        ([R, None], R),
        ([Y, None, G], Y),
    ],
)
def test_r10_rollup_red_wins_and_missing_is_never_green(colours, expected):
    assert rollup(colours) == expected


def test_r10_rollup_returns_the_colour_choice():
    assert rollup([G, R]) is Colour.RED
    assert Colour(rollup([Y])).label == "Gul"


def _status(short):
    return next(s for s in portfolio_status(MONTH) if s.pejlemaerke.short_name == short)


def test_r10_missing_regions_are_listed_and_the_rollup_is_not_green(demo):
    luna = luna_project()
    for code in ("RH", "RSD", "RM"):
        submit(luna, code, "green")
    status = _status("LUNA")
    assert status.colour is None
    assert status.colour_label == "Mangler indberetning"
    assert status.missing_regions == ["RSJ", "RN"]
    assert "mangler: RSJ, RN" in status.why
    cells = {rc.region.code: rc.colour for rc in status.region_colours}
    assert cells == {"RH": "green", "RSJ": None, "RSD": "green", "RM": "green", "RN": None}
    submit(luna, "RSJ", "green")
    submit(luna, "RN", "green")
    status = _status("LUNA")
    assert status.colour == "green" and status.missing_regions == []


def _own_status(pejlemaerke):
    (status,) = portfolio_status(MONTH, pejlemaerke=pejlemaerke.pk)
    return status


def test_r10_one_red_region_turns_the_pejlemaerke_red_and_why_names_region_and_dimension(db):
    regions = first_regions(4)
    monitoring = PejlemaerkeFactory(type=PejlemaerkeType.MONITORERING, leading_region=regions[0], regions=regions)
    projects = [ProjectFactory(pejlemaerke=monitoring, region=r) for r in regions]
    for project in projects[:3]:
        StatusReportFactory(project=project, colour="green")
    StatusReportFactory(project=projects[3], colour="red", risici="Forsinket", affects_tid=True, affects_oekonomi=True)
    status = _own_status(monitoring)
    assert status.colour == "red"
    assert status.why == f"Rød: {regions[3].name} (tid, økonomi)"
    assert status.missing_regions == []


def test_r10_yellow_why_without_dimensions_quotes_the_risk(db):
    regions = first_regions(3)
    project = ProjectFactory(pejlemaerke=PejlemaerkeFactory(leading_region=regions[0], regions=regions))
    StatusReportFactory(project=project, region=regions[1], colour="yellow", risici="Bemanding\nmere tekst")
    status = _own_status(project.pejlemaerke)
    assert status.colour == "yellow"
    assert status.why.startswith(f"Gul: {regions[1].name} (risiko: Bemanding)")
    assert f"mangler: {regions[0].code}, {regions[2].code}" in status.why


def test_r10_not_participating_region_is_shown_as_such_and_not_missing(demo):
    for code in ("RSJ", "RSD", "RM", "RN"):
        submit(hm_project(code), code, "green")
    status = _status("Hjemmemonitorering")
    rh = next(rc for rc in status.region_colours if rc.region.code == "RH")
    assert rh.participating is False and rh.colour is None
    assert status.colour == "green" and status.missing_regions == []


def test_r10_done_only_when_every_region_is_done(demo):
    luna = luna_project()
    for code in ("RH", "RSJ", "RSD", "RM"):
        submit(luna, code, "done")
    assert _status("LUNA").colour is None  # RN missing
    submit(luna, "RN", "green")
    assert _status("LUNA").colour == "green"


def test_r10_dashboard_order_is_red_then_yellow_then_the_rest(demo):
    submit(luna_project(), "RN", "yellow")
    submit(hm_project("RN"), "RN", "red")
    rows = portfolio_status(MONTH)
    assert [r.pejlemaerke for r in rows[:2]] == [pejlemaerke("Hjemmemonitorering"), pejlemaerke("LUNA")]
    order = {"red": 0, "yellow": 1, None: 2, "green": 3, "done": 4}
    ranks = [order[r.colour] for r in rows]
    assert ranks == sorted(ranks)

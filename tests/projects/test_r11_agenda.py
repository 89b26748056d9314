"""R11: red and green→yellow go on the RSI DK agenda; persistent yellow is flagged."""

import pytest

from projects.rules import is_persistent_yellow, moved_green_to_yellow, on_agenda, yellow_streak
from projects.selectors import agenda_candidates, persistent_yellow, portfolio_status
from rsi_portal.dates import add_months

from .factories import ProjectFactory, StatusReportFactory, UserFactory
from .status_support import MONTH, hm_project, luna_project, submit

LUNA_REGIONS = ("RH", "RSJ", "RSD", "RM", "RN")


def luna_month(period, colour_rn, others="green"):
    for code in LUNA_REGIONS:
        submit(luna_project(), code, colour_rn if code == "RN" else others, period=period)


def test_r11_rules():
    assert on_agenda("green", "red") and on_agenda(None, "red") and on_agenda("yellow", "red")
    assert on_agenda("green", "yellow") and moved_green_to_yellow("green", "yellow")
    assert not on_agenda("yellow", "yellow") and not on_agenda(None, "yellow") and not on_agenda("red", "yellow")
    assert not on_agenda("green", "green")
    assert yellow_streak(["yellow", "green", "yellow", "yellow"]) == 2
    assert yellow_streak(["yellow", "yellow", "yellow", None]) == 0


@pytest.mark.parametrize(("months", "flagged"), [(2, False), (3, True), (4, True)])
def test_r11_persistent_yellow_boundary_default_three(months, flagged):
    colours = ["green"] + ["yellow"] * months
    assert is_persistent_yellow(colours) is flagged


def test_r11_persistent_yellow_months_is_a_setting(settings):
    settings.RSI = {**settings.RSI, "PERSISTENT_YELLOW_MONTHS": 5}
    assert not is_persistent_yellow(["yellow"] * 4)
    assert is_persistent_yellow(["yellow"] * 5)
    assert is_persistent_yellow(["yellow"] * 2, months=2)


def test_r11_agenda_candidates_red_and_green_to_yellow_with_reasons(demo):
    previous = add_months(MONTH, -1)
    luna_month(previous, "green")
    luna_month(MONTH, "yellow")  # green -> yellow
    for code in ("RSJ", "RSD", "RM", "RN"):
        submit(hm_project(code), code, "red" if code == "RSD" else "green")
    candidates = {c.pejlemaerke.short_name: c for c in agenda_candidates(MONTH)}
    assert set(candidates) == {"LUNA", "Hjemmemonitorering"}
    red = candidates["Hjemmemonitorering"]
    assert red.colour == "red" and "korrigerende handlinger" in red.reason
    assert "Region Syddanmark" in red.why
    assert [r.region.code for r in red.region_reports] == ["RSJ", "RSD", "RM", "RN"]
    moved = candidates["LUNA"]
    assert (moved.previous_colour, moved.colour) == ("green", "yellow")
    assert "it-direktøren" in moved.reason
    assert all(r.is_submitted for r in moved.region_reports)


def test_r11_yellow_staying_yellow_is_not_an_agenda_candidate(demo):
    luna_month(add_months(MONTH, -1), "yellow")
    luna_month(MONTH, "yellow")
    assert "LUNA" not in {c.pejlemaerke.short_name for c in agenda_candidates(MONTH)}


def test_r11_persistent_yellow_selector_and_dashboard_flag(db):
    project = ProjectFactory()
    for n, colour in ((3, "green"), (2, "yellow"), (1, "yellow"), (0, "yellow")):
        StatusReportFactory(project=project, period=add_months(MONTH, -n), colour=colour)
    # yellow in MONTH-2, MONTH-1 and MONTH: three in a row
    assert project.pejlemaerke in persistent_yellow(MONTH)
    assert project.pejlemaerke not in persistent_yellow(add_months(MONTH, -1))  # only two by then
    assert project.pejlemaerke not in persistent_yellow(MONTH, months=4)
    (row,) = portfolio_status(MONTH, pejlemaerke=project.pejlemaerke_id)
    assert "persistent_yellow" in row.flag_codes and row.yellow_months == 3


def test_r11_persistent_yellow_looks_back_further_than_the_trend_when_the_setting_asks(db, settings):
    settings.RSI = {**settings.RSI, "PERSISTENT_YELLOW_MONTHS": 14}
    project = ProjectFactory()
    for n in range(14):
        StatusReportFactory(project=project, period=add_months(MONTH, -n), colour="yellow")
    assert project.pejlemaerke in persistent_yellow(MONTH)
    assert project.pejlemaerke not in persistent_yellow(MONTH, months=15)


def _yellow_for(months: int, *, then: str = "yellow"):
    project = ProjectFactory()
    StatusReportFactory(project=project, period=add_months(MONTH, -months), colour="green")
    for n in range(months - 1, 0, -1):
        StatusReportFactory(project=project, period=add_months(MONTH, -n), colour="yellow")
    StatusReportFactory(project=project, period=MONTH, colour=then)
    return project.pejlemaerke


def test_r11_the_dashboard_and_the_agenda_offers_flag_persistent_yellow_by_the_one_rule(db, settings, client):
    settings.RSI = {**settings.RSI, "PERSISTENT_YELLOW_MONTHS": 14}  # further back than the 12-month trend
    flagged, short, moved = _yellow_for(14), _yellow_for(13), _yellow_for(1)
    client.force_login(UserFactory(sekretariat=True))
    page = client.get(f"/dashboard/?month={MONTH:%Y-%m}").content.decode()
    assert page.count("Gul i 14 måneder i træk") == 1 and "Gul i 13 måneder i træk" not in page
    rows = {r.pejlemaerke: r for r in portfolio_status(MONTH)}
    assert {p for p, r in rows.items() if "persistent_yellow" in r.flag_codes} == {flagged}
    assert set(persistent_yellow(MONTH)) == {flagged}  # what the secretariat is offered for the agenda
    assert short not in persistent_yellow(MONTH)
    candidates = {c.pejlemaerke for c in agenda_candidates(MONTH)}
    assert moved in candidates and not {flagged, short} & candidates  # staying yellow is only flagged


def test_demo_has_a_red_and_a_three_month_yellow(demo):
    from django.utils import timezone

    from rsi_portal.dates import month_start

    last = add_months(month_start(timezone.localdate()), -1)
    rows = {s.pejlemaerke.short_name: s for s in portfolio_status(last)}
    assert rows["LABREK"].colour == "red"
    assert rows["SMR2"].colour == "yellow" and rows["SMR2"].yellow_months >= 3
    assert "persistent_yellow" in rows["SMR2"].flag_codes
    assert {"LABREK", "KI-IT"} <= {c.pejlemaerke.short_name for c in agenda_candidates(last)}

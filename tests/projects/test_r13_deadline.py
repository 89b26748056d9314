"""R13: the status is due on the first working day of the following month; late reports are flagged."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.rules import due_period, is_late, reporting_deadline
from projects.selectors import missing_reports, portfolio_status, status_due_for
from rsi_portal.dates import add_months, month_start

from .status_support import MONTH, hm_project, luna_project, submit, user


@pytest.mark.parametrize(
    ("period", "deadline"),
    [
        (date(2026, 10, 1), date(2026, 11, 2)),  # 1 November 2026 is a Sunday
        (date(2025, 12, 1), date(2026, 1, 2)),  # New Year's Day is a public holiday
        (date(2026, 12, 1), date(2027, 1, 4)),  # holiday, then a weekend
        (date(2024, 3, 1), date(2024, 4, 2)),  # 1 April 2024 is Easter Monday (2. påskedag)
        (date(2026, 11, 1), date(2026, 12, 1)),  # an ordinary Tuesday
    ],
)
def test_r13_reporting_deadline_is_first_working_day_of_next_month(period, deadline):
    assert reporting_deadline(period) == deadline


def test_r13_which_working_day_is_a_setting(settings):
    settings.RSI = {**settings.RSI, "REPORTING_WORKING_DAY": 2}
    assert reporting_deadline(date(2024, 3, 1)) == date(2024, 4, 3)
    assert reporting_deadline(date(2026, 10, 1)) == date(2026, 11, 3)


def test_r13_late_only_after_the_deadline_day():
    assert not is_late(date(2026, 10, 1), date(2026, 11, 2))
    assert is_late(date(2026, 10, 1), date(2026, 11, 3))
    assert due_period(date(2026, 11, 2)) == date(2026, 10, 1)
    assert due_period(date(2026, 11, 3)) == date(2026, 11, 1)


def test_r13_missing_reports_list_responsible_people_for_participating_regions(demo):
    submit(hm_project("RSJ"), "RSJ", "green")
    missing = [m for m in missing_reports(MONTH) if m.project.pejlemaerke.short_name == "Hjemmemonitorering"]
    by_region = {m.region.code: m for m in missing}
    assert set(by_region) == {"RSD", "RM", "RN"}  # RH waits (afventer), RSJ has reported
    assert by_region["RN"].responsible_users == [user("regional")]
    assert by_region["RN"].deadline == reporting_deadline(MONTH)
    luna = [m for m in missing_reports(MONTH) if m.project == luna_project()]
    assert len(luna) == 5 and all(m.responsible_users == [user("projektleder")] for m in luna)
    # Pejlemærker outside the portfolio (idea, pipeline, paused, closed) do not report.
    states = {m.project.pejlemaerke.state for m in missing_reports(MONTH)}
    assert states == {"portfolio"}


def test_r13_missing_after_the_deadline_is_flagged_late_on_the_dashboard(demo):
    submit(hm_project("RSJ"), "RSJ", "green")
    on_time = {s.pejlemaerke.short_name: s for s in portfolio_status(MONTH, today=reporting_deadline(MONTH))}
    assert "late" not in on_time["Hjemmemonitorering"].flag_codes
    late = {s.pejlemaerke.short_name: s for s in portfolio_status(MONTH, today=date(2031, 4, 30))}
    assert "late" in late["Hjemmemonitorering"].flag_codes
    assert late["Hjemmemonitorering"].late


def test_r13_project_leader_start_page_lists_what_is_due(demo, client, login):
    today = date(2031, 4, 10)  # MONTH's report was due 1 April 2031: late by now
    items = status_due_for(user("regional"), today)
    assert [(i.project, i.region.code, i.period, i.state, i.late) for i in items] == [
        (hm_project("RN"), "RN", MONTH, "missing", True),
        (hm_project("RN"), "RN", date(2031, 4, 1), "missing", False),
    ]
    submit(hm_project("RN"), "RN", "green", actor="regional")
    assert status_due_for(user("regional"), today)[0].state == "submitted"
    # The start page shows the panel with a link to the form for the month that is due.
    login("regional")
    html = client.get(reverse("portfolio:home")).content.decode()
    assert "Månedsstatus: det skal du indberette" in html
    last_month = add_months(month_start(timezone.localdate()), -1)
    url = reverse("projects:status_report_edit", args=[hm_project("RN").pk, "RN", last_month.strftime("%Y-%m")])
    assert url in html
    login("projektleder")
    html = client.get(reverse("portfolio:home")).content.decode()
    assert html.count("LUNA – ") >= 5  # one row per participating region of the joint project

"""R13: a paused or closed pejlemærke is never late (the dashboard agrees with the reminders); the non-working
days are weekends, Danish public holidays and the regions' days off (a setting); the working day is validated
at start-up."""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from portfolio.rules import Lifecycle
from projects.rules import reporting_deadline
from projects.selectors import missing_reports, portfolio_status
from rsi_portal.dates import add_working_days, is_working_day, nth_working_day

from .factories import MONTH, PejlemaerkeFactory, ProjectFactory

ROOT = Path(__file__).resolve().parents[2]
AFTER_DEADLINE = date(2031, 4, 30)


def test_r13_paused_pejlemaerke_is_never_late_and_the_dashboard_agrees_with_the_reminders(db):
    running = ProjectFactory(pejlemaerke=PejlemaerkeFactory(state=Lifecycle.PORTFOLIO))
    paused = ProjectFactory(pejlemaerke=PejlemaerkeFactory(state=Lifecycle.PAUSED))
    rows = {s.pejlemaerke.pk: s for s in portfolio_status(MONTH, today=AFTER_DEADLINE)}
    assert rows[running.pejlemaerke_id].late and "late" in rows[running.pejlemaerke_id].flag_codes
    shown = rows[paused.pejlemaerke_id]  # still on the dashboard, flagged paused, never late
    assert not shown.late and "late" not in shown.flag_codes and "paused" in shown.flag_codes
    late_on_dashboard = {pk for pk, s in rows.items() if s.late}
    reminded = {m.project.pejlemaerke_id for m in missing_reports(MONTH)}
    assert late_on_dashboard <= reminded and paused.pejlemaerke_id not in reminded
    assert running.pejlemaerke_id in reminded


def test_r13_the_missing_reports_filter_leaves_out_paused_pejlemaerker(db):
    """The dashboard's "Mangler indberetning" answers who has not reported, as the reminders do."""
    running = ProjectFactory(pejlemaerke=PejlemaerkeFactory(state=Lifecycle.PORTFOLIO))
    paused = ProjectFactory(pejlemaerke=PejlemaerkeFactory(state=Lifecycle.PAUSED))
    unfiltered = {s.pejlemaerke.pk for s in portfolio_status(MONTH, today=AFTER_DEADLINE) if s.colour is None}
    assert {running.pejlemaerke_id, paused.pejlemaerke_id} <= unfiltered  # neither has reported
    missing = {s.pejlemaerke.pk for s in portfolio_status(MONTH, today=AFTER_DEADLINE, colour="missing")}
    assert running.pejlemaerke_id in missing and paused.pejlemaerke_id not in missing
    assert missing <= {m.project.pejlemaerke_id for m in missing_reports(MONTH)}


@pytest.mark.parametrize(
    ("day", "name"),
    [(date(2026, 6, 5), "Grundlovsdag"), (date(2026, 12, 24), "juleaftensdag"), (date(2026, 12, 31), "nytårsaften")],
)
def test_r13_the_regions_days_off_are_non_working_by_default(day, name):
    assert day.weekday() < 5, name
    assert not is_working_day(day)


def test_r13_the_regions_days_off_are_a_setting(settings):
    settings.RSI = {**settings.RSI, "DAYS_OFF": ()}
    assert is_working_day(date(2026, 6, 5)) and is_working_day(date(2026, 12, 24))
    assert add_working_days(date(2026, 12, 23), 1) == date(2026, 12, 24)
    settings.RSI = {**settings.RSI, "DAYS_OFF": ("Juleaftensdag",)}
    assert not is_working_day(date(2026, 12, 24)) and is_working_day(date(2026, 12, 31))


def test_r13_workers_day_is_an_ordinary_working_day():
    assert is_working_day(date(2026, 5, 1))  # a Friday; not one of the regions' days off


def test_r13_days_off_move_the_deadlines(settings):
    # 31 December 2026 is a Thursday; with it and New Year's Day off, the next working day is 4 January.
    assert add_working_days(date(2026, 12, 30), 1) == date(2027, 1, 4)
    assert nth_working_day(date(2026, 6, 1), 5) == date(2026, 6, 8)  # Friday 5 June 2026 is Grundlovsdag
    settings.RSI = {**settings.RSI, "REPORTING_WORKING_DAY": 5}
    assert reporting_deadline(date(2026, 5, 1)) == date(2026, 6, 8)


def _check(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("RSI_") and k != "DATABASE_URL"}
    clean.update({"DEBUG": "1", **env})
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("value", ["0", "25", "-1"])
def test_r13_reporting_working_day_out_of_range_is_refused_at_start_up(value):
    result = _check(RSI_REPORTING_WORKING_DAY=value)
    assert result.returncode != 0
    assert "RSI_REPORTING_WORKING_DAY must be between 1 and 15" in result.stderr


def test_r13_an_unknown_day_off_is_refused_at_start_up():
    result = _check(RSI_DAYS_OFF="Grundlovsdag,Sankthans")
    assert result.returncode != 0
    assert "RSI_DAYS_OFF" in result.stderr and "Sankthans" in result.stderr
    assert _check(RSI_DAYS_OFF="").returncode == 0

"""The portfolio rhythm as pure code on plain values: the monthly report and reminders (R13),
the director mail (R31) and the fixed points of the year (R32). Never touches the database."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from governance.rules import due_on_working_day
from projects.rules import reporting_deadline
from rsi_portal.dates import add_months, add_working_days, month_start

DIRECTOR_MAIL_DAYS = (1, 15)
DIRECTOR_MAIL_PAUSE_MONTH = 7  # July


def monthly_report_day(period: date) -> date:
    """R13: the month's portfolio report is made the configured working day(s) after the deadline (default 1)."""
    return add_working_days(reporting_deadline(period), settings.RSI["MONTHLY_REPORT_WORKING_DAYS_AFTER_DEADLINE"])


def monthly_report_due_period(today: date) -> date | None:
    """R13: the month whose first report beat should make today (the previous month, from its report day)."""
    period = add_months(month_start(today), -1)
    return period if today >= monthly_report_day(period) else None


def reminder_day(period: date) -> date:
    """R13: missing reports are reminded the configured working days before the deadline (default 3)."""
    return add_working_days(reporting_deadline(period), -settings.RSI["REMINDER_WORKING_DAYS_BEFORE"])


def reminder_kind_due(period: date, today: date) -> str | None:
    """R13: "before" from the reminder day to the deadline, "after" once the deadline has passed, else None.

    The "after" window ends when the next month's reminders begin, so an old month is never chased.
    """
    deadline = reporting_deadline(period)
    if reminder_day(period) <= today <= deadline:
        return "before"
    if deadline < today < reminder_day(add_months(period, 1)):
        return "after"
    return None


def director_mail_due(day: date) -> bool:
    """R31: the RSI-direktørkredsmail goes out on the 1st and the 15th of each month, except July."""
    return day.day in DIRECTOR_MAIL_DAYS and day.month != DIRECTOR_MAIL_PAUSE_MONTH


def director_mail_items_due(issue_date: date) -> date:
    """R31 with R13: items for a director mail are due the day before it goes out, moved to the
    working day before when that day is not a working day."""
    return due_on_working_day(issue_date - timedelta(days=1))


def director_mail_issues(year: int) -> list[date]:
    """R31: the year's issue dates (the 1st and the 15th, except July), and the next year's first issue."""
    days = [date(year, month, day) for month in range(1, 13) for day in DIRECTOR_MAIL_DAYS] + [date(year + 1, 1, 1)]
    return [day for day in days if director_mail_due(day)]


def next_director_mail_date(day: date) -> date:
    """R31: the first issue date on or after `day`."""
    while not director_mail_due(day):
        day += timedelta(days=1)
    return day


def open_director_mail_date(day: date) -> date:
    """R31: the issue an item added on `day` goes into: the first one whose items are still due,
    so on an issue date itself (or after its deadline) that is the following issue."""
    issue = next_director_mail_date(day + timedelta(days=1))
    while director_mail_items_due(issue) < day:
        issue = next_director_mail_date(issue + timedelta(days=1))
    return issue


@dataclass(frozen=True)
class WheelEvent:
    """One entry of the årshjul: a dated event, or a month-long one when `month_long` is set."""

    start: date
    title: str
    kind: str
    month_long: bool = False
    description: str = ""


def year_wheel(year: int) -> list[WheelEvent]:
    """R32: the fixed points of RSI's year (strategy seminars, ØA process, R22 budget overview, R21 collection)."""
    fixed = [
        WheelEvent(date(year, 1, 1), _("ØA: emner identificeres"), "oea", True),
        WheelEvent(date(year, 2, 1), _("Strategiseminar (justering af pipeline)"), "seminar", True),
        WheelEvent(date(year, 3, 1), _("ØA: kortliste"), "oea", True),
        WheelEvent(
            date(year, 4, 30),
            _("Budgetoverblik: nøgletal for næste år fra alle business cases"),
            "budget",
            False,
            _("Business cases opdateret og godkendt af styregrupperne; til regionernes budgetproces."),
        ),
        WheelEvent(date(year, 5, 1), _("ØA: forhandlinger"), "oea", True),
        WheelEvent(date(year, 6, 1), _("ØA: aftalen lukkes"), "oea", True),
        WheelEvent(date(year, 9, 1), _("Strategiseminar (justering af pipeline)"), "seminar", True),
        WheelEvent(date(year, 10, 1), _("ØA: opfølgning"), "oea", True),
        WheelEvent(
            date(year, 12, 1),
            _("Frist for opkrævning af fællesfinansieringen"),
            "collection",
            False,
            _("Den projektledende region opkræver regionernes andele senest 1. december."),
        ),
    ]
    quarterly = [
        WheelEvent(date(year, month, 1), _("Kvartalsrapporter fra RITA og SYS til IT5"), "quarterly", True)
        for month in (3, 6, 9, 12)
    ]
    return sorted(fixed + quarterly, key=lambda event: (event.start, event.title))

"""R37 reads: which quarterly reports RITA and SYS owe IT5, which are in and which are missing.

Re-exported by governance.selectors (other apps import them from there). Three queries.
"""

from dataclasses import dataclass
from datetime import date

from portfolio.models import Body, BodyKind

from .models import Meeting, QuarterlyReport
from .rules import QUARTERLY_REPORTERS, quarter_end, quarter_label, quarter_start, quarterly_due

QUARTERS_SHOWN = 4


@dataclass
class QuarterlyDue:
    body: Body
    quarter: date
    meeting: Meeting | None
    due_on: date | None
    report: QuarterlyReport | None
    missing: bool  # the agenda deadline has passed and nothing is in

    @property
    def quarter_label(self) -> str:
        return quarter_label(self.quarter)


def recent_quarters(today: date, count: int = QUARTERS_SHOWN) -> list[date]:
    """The `count` quarters ended before `today`, newest first."""
    quarters, quarter = [], quarter_start(today)
    for _index in range(count):
        year, month = (quarter.year, quarter.month - 3) if quarter.month > 3 else (quarter.year - 1, 10)
        quarter = date(year, month, 1)
        quarters.append(quarter)
    return quarters


def quarterly_status(today: date, *, count: int = QUARTERS_SHOWN) -> list[QuarterlyDue]:
    """R37: for RITA and SYS and each of the last `count` quarters: the IT5 meeting it is due at (R28's
    agenda deadline of IT5's first meeting after the quarter), the report if filed, and whether it is missing."""
    quarters = recent_quarters(today, count)
    bodies = list(Body.objects.filter(kind__in=QUARTERLY_REPORTERS).order_by("kind"))
    meetings = {
        m.day: m
        for m in Meeting.objects.filter(body__kind=BodyKind.IT5, day__gt=quarter_end(quarters[-1])).select_related(
            "body"
        )
    }
    reports = {
        (r.body_id, r.quarter): r
        for r in QuarterlyReport.objects.filter(body__in=bodies, quarter__in=quarters).select_related("meeting", "item")
    }
    result = []
    for quarter in quarters:
        due = quarterly_due(quarter, meetings)
        for body in bodies:
            report = reports.get((body.pk, quarter))
            meeting = report.meeting if report else (meetings[due[0]] if due else None)
            due_on = due[1] if due else None
            missing = report is None and due_on is not None and today > due_on
            result.append(QuarterlyDue(body, quarter, meeting, due_on, report, missing))
    return result


def quarterly_missing(today: date, *, meeting: Meeting | None = None) -> list[QuarterlyDue]:
    """R37: the missing reports (optionally only those due at one IT5 meeting)."""
    return [
        due
        for due in quarterly_status(today)
        if due.missing and (meeting is None or (due.meeting is not None and due.meeting.pk == meeting.pk))
    ]

"""Reads of the portfolio rhythm: the month's report data, the archives, the director mail's lines and the
year's calendar. Other apps are read through their selectors and rules; each read has a bounded number of queries."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import F
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from finance.selectors.realisation import follow_up_table
from governance.rules import agenda_due
from governance.selectors import upcoming_meetings
from projects.rules import COLOUR_ORDER, Colour, reporting_deadline
from projects.selectors import missing_reports, portfolio_status, submitted_reports
from rsi_portal.dates import add_months, month_start

from ..models import DirectorMailItem, MonthlyReport, ReminderKind, ReminderLog
from ..selectors import closed_in, group_by_goal
from .rules import (
    director_mail_issues,
    director_mail_items_due,
    monthly_report_day,
    year_wheel,
)


def monthly_report_data(period, *, today=None, by_goal: bool = False) -> dict:
    """Everything the month's portfolio report shows (PDF and xlsx), in a bounded number of queries.

    Roll-ups (red first) with the regions' colours and texts (in the regions' order), late reports, the
    changes since last month: what turned red and what recovered (moved to a better colour than last
    month), and the pejlemærker closed in the month, completed or stopped (R2). `by_goal` (on request) adds
    the roll-ups grouped by strategy goal (R40), one query more.
    """
    period = month_start(period)
    today = today or timezone.localdate()
    statuses = portfolio_status(period, today=today)
    texts: dict[int, list] = {}
    for report in submitted_reports(period):
        texts.setdefault(report.project.pejlemaerke_id, []).append(report)
    turned_red = [s for s in statuses if s.colour == Colour.RED and s.previous_colour != Colour.RED]
    recovered = [
        s
        for s in statuses
        if s.previous_colour in (Colour.RED, Colour.YELLOW)
        and s.colour is not None
        and COLOUR_ORDER[s.colour] > COLOUR_ORDER[s.previous_colour]
    ]
    late = missing_reports(period)
    closed = closed_in(period)  # R2: completed and stopped told apart
    counts = {colour: sum(1 for s in statuses if s.colour == colour) for colour in Colour.values}
    counts["missing"] = sum(1 for s in statuses if s.colour is None)
    summary = {
        "pejlemaerker": len(statuses),
        "counts": counts,
        "turned_red": [s.pejlemaerke.name for s in turned_red],
        "recovered": [s.pejlemaerke.name for s in recovered],
        "late": len(late),
        "closed": [[p.name, p.closure] for p in closed],
    }
    if by_goal:
        summary["grouped_by_goal"] = True
    return {
        "period": period,
        "deadline": reporting_deadline(period),
        "statuses": statuses,
        "region_reports": texts,
        "rows": [(s, texts.get(s.pejlemaerke.pk, [])) for s in statuses],
        "turned_red": turned_red,
        "recovered": recovered,
        "late": late,
        "closed": closed,
        "counts": counts,
        "benefits": follow_up_table(today),  # R36: closed projects in realisation, realised against target
        "summary": summary,
        "goal_groups": group_by_goal(statuses) if by_goal else None,  # R40
    }


def monthly_report_archive():
    """Every month's reports, newest month first, each month's versions newest first (one query).

    `period_version` is one sortable key for (period, version), so sorting the archive by month
    keeps each month's versions together in the same direction.
    """
    return (
        MonthlyReport.objects.select_related("generated_by")
        .annotate(period_version=ExtractYear("period") * 100_000 + ExtractMonth("period") * 1000 + F("version"))
        .order_by("-period", "-version")
    )


def reminder_log(*, period=None, kind: str = ""):
    """The sent status reminders (who, month, kind, what was missing), newest first (one query)."""
    queryset = ReminderLog.objects.select_related("user").order_by("-sent_at", "-pk")
    if period:
        queryset = queryset.filter(period=period)
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset


def manual_reminder_sent(user, period) -> bool:
    """Whether the secretariat's one-click reminder of the month reached the person (one query)."""
    return ReminderLog.objects.filter(user=user, period=period, kind=ReminderKind.MANUAL).exists()


def latest_reminders(period, user_ids) -> dict[int, tuple]:
    """{user id: (when the latest reminder of the month was sent, whether one was the secretariat's)} (one query)."""
    latest: dict[int, tuple] = {}
    for user_id, sent_at, kind in (
        ReminderLog.objects.filter(period=period, user_id__in=list(user_ids))
        .order_by("user_id", "-sent_at")
        .values_list("user_id", "sent_at", "kind")
    ):
        when, manual = latest.get(user_id, (sent_at, False))
        latest[user_id] = (when, manual or kind == ReminderKind.MANUAL)
    return latest


def director_mail_auto_lines(issue_date) -> dict:
    """R31: the automatic lines of a director mail: new red pejlemærker, upcoming meetings and deadlines.

    "New red" compares the latest month whose reporting deadline has passed with the month before.
    Meetings and deadlines are those in the four weeks after the issue date.
    """
    period = add_months(month_start(issue_date), -1)
    if reporting_deadline(period) >= issue_date:
        period = add_months(period, -1)
    statuses = portfolio_status(period, today=issue_date)
    new_red = [s for s in statuses if s.colour == Colour.RED and s.previous_colour != Colour.RED]
    horizon = issue_date + timedelta(days=28)
    meetings = [m for m in upcoming_meetings(after=issue_date) if m.day <= horizon]
    deadlines = []
    for meeting in meetings:
        due = agenda_due(meeting.day)
        if issue_date <= due:
            deadlines.append((due, f"Frist for dagsordensmateriale til {meeting.body} {meeting.day:%d.%m.%Y}"))
    for month in (add_months(month_start(issue_date), -1), month_start(issue_date)):
        due = reporting_deadline(month)
        if issue_date <= due <= horizon:
            deadlines.append((due, f"Frist for månedsstatus for {month:%m.%Y}"))
    for event in _year_wheel_dated(issue_date.year) + _year_wheel_dated(issue_date.year + 1):
        if issue_date <= event.start <= horizon:
            deadlines.append((event.start, str(event.title)))
    deadlines.sort(key=lambda item: item[0])
    return {"period": period, "new_red": new_red, "meetings": meetings, "deadlines": deadlines}


def _year_wheel_dated(year):
    return [event for event in year_wheel(year) if not event.month_long]


def director_mail_pending_items(issue_date):
    """R31: items added by the day before the issue date and not yet in a sent mail."""
    due = director_mail_items_due(issue_date)
    end = timezone.make_aware(datetime.combine(due + timedelta(days=1), time.min))  # the whole of the due day
    return DirectorMailItem.objects.filter(mail__isnull=True, added_at__lt=end).select_related("added_by")


@dataclass(frozen=True)
class CalendarEvent:
    """One entry of the årshjul page and the iCalendar feeds (all-day unless `start_time` is set)."""

    uid: str
    start: date
    end: date  # exclusive (all-day events)
    title: str
    kind: str
    description: str = ""
    start_time: time | None = None
    end_time: time | None = None  # a timed meeting's end (the feed assumes two hours when it is empty)
    location: str = ""
    body_id: int | None = None
    month_long: bool = False


KIND_LABELS = {
    "oea": _("ØA-processen"),
    "seminar": _("Strategiseminar"),
    "budget": _("Budgetoverblik"),
    "collection": _("Opkrævning"),
    "quarterly": _("Kvartalsrapporter"),
    "meeting": _("Møde"),
    "agenda": _("Frist for dagsorden"),
    "reporting": _("Frist for månedsstatus"),
    "report": _("Porteføljerapport"),
    "director_mail": _("Frist for direktørkredsmail"),
    "kommissorium": _("Frist for kommissorier"),
}


def _one_day(uid: str, day: date, title, kind: str, **extra) -> CalendarEvent:
    return CalendarEvent(uid=uid, start=day, end=day + timedelta(days=1), title=title, kind=kind, **extra)


def _fixed_events(year: int) -> list[CalendarEvent]:
    """The årshjul's fixed points, the R13 reporting deadlines and report days, and the R31 director mails'
    items deadlines (on a working day, R13)."""
    events = []
    for event in year_wheel(year):
        end = add_months(event.start, 1) if event.month_long else event.start + timedelta(days=1)
        events.append(
            CalendarEvent(
                uid=f"wheel-{event.kind}-{event.start.isoformat()}",
                start=event.start,
                end=end,
                title=str(event.title),
                kind=event.kind,
                description=str(event.description),
                month_long=event.month_long,
            )
        )
    for month in range(1, 13):
        period = add_months(date(year, month, 1), -1)  # the month whose status falls due in this month
        month_label = {"month": f"{period:%m.%Y}"}
        events.append(
            _one_day(
                f"reporting-{period:%Y-%m}",
                reporting_deadline(period),
                _("Frist for månedsstatus for %(month)s") % month_label,
                "reporting",
            )
        )
        events.append(
            _one_day(
                f"report-{period:%Y-%m}",
                monthly_report_day(period),
                _("Porteføljerapport for %(month)s til RSI DK") % month_label,
                "report",
            )
        )
    for issue in director_mail_issues(year):
        deadline = director_mail_items_due(issue)
        if deadline.year == year:  # the mail of 1 January has its deadline in the year before
            events.append(
                _one_day(
                    f"director-mail-{issue.isoformat()}",
                    deadline,
                    _("Frist for punkter til RSI-direktørkredsmailen %(day)s") % {"day": f"{issue:%d.%m.%Y}"},
                    "director_mail",
                )
            )
    return events


def _meeting_events(year: int, bodies) -> list[CalendarEvent]:
    """The year's meetings (of `bodies`, or every body's) with their R28 agenda deadlines."""
    meetings = upcoming_meetings(after=date(year, 1, 1)).filter(day__year=year).order_by("day", "pk")
    if bodies is not None:
        meetings = meetings.filter(body__in=bodies)
    events = []
    for meeting in meetings:
        suggestion = f" ({_('forslag')})" if meeting.is_suggestion else ""
        events.append(
            _one_day(
                f"meeting-{meeting.pk}",
                meeting.day,
                f"{meeting.body}: {_('strategiseminar') if meeting.is_seminar else _('møde')}{suggestion}",
                "meeting",
                start_time=meeting.start_time,
                end_time=meeting.end_time,
                location=meeting.location,
                description=str(meeting.get_format_display()),
                body_id=meeting.body_id,
            )
        )
        events.append(
            _one_day(
                f"agenda-{meeting.pk}",
                agenda_due(meeting.day),
                _("Frist for dagsordensmateriale: %(body)s %(day)s")
                % {"body": meeting.body, "day": f"{meeting.day:%d.%m.%Y}"},
                "agenda",
                body_id=meeting.body_id,
            )
        )
        if meeting.is_seminar:  # R32/R34: the ideas' one-page kommissorier are due some weeks before
            weeks = settings.RSI.get("KOMMISSORIUM_WEEKS_BEFORE_SEMINAR", 3)
            events.append(
                _one_day(
                    f"kommissorium-{meeting.pk}",
                    meeting.day - timedelta(weeks=weeks),
                    _("Frist for kommissorier til strategiseminaret %(day)s") % {"day": f"{meeting.day:%d.%m.%Y}"},
                    "kommissorium",
                    body_id=meeting.body_id,
                )
            )
    return events


def calendar_events(year: int, *, bodies=None, fixed: bool = True) -> list[CalendarEvent]:
    """R32: the year's calendar: the fixed points of the årshjul, meetings with their agenda deadlines,
    the R13 reporting deadlines and report days, and the R31 director mails. Two queries.

    bodies: None = every body's meetings; otherwise only these bodies' meetings (and, with
    fixed=False, nothing else: the per-body feed).
    """
    events = (_fixed_events(year) if fixed else []) + _meeting_events(year, bodies)
    events.sort(key=lambda e: (e.start, e.start_time is not None, str(e.title)))
    return events


def week_events(today: date) -> list[CalendarEvent]:
    """R32: the årshjul's entries in the week of `today` (Monday to Sunday), a month-long one while the week is in
    its month. Two queries (four in a week across the new year)."""
    monday = today - timedelta(days=today.weekday())
    next_monday = monday + timedelta(days=7)
    years = sorted({monday.year, (next_monday - timedelta(days=1)).year})
    return [e for year in years for e in calendar_events(year) if e.start < next_monday and e.end > monday]

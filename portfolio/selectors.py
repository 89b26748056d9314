"""Reads of the portfolio, each with a bounded number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from .models import BodyMembership, Participation, Pejlemaerke, Region
from .rules import OPT_OUT_STATUSES, Lifecycle, ParticipationStatus, leadership_counts

ACTIVE_STATES = (Lifecycle.PIPELINE, Lifecycle.PORTFOLIO, Lifecycle.PAUSED)


def regions() -> list[Region]:
    return list(Region.objects.all())


def pejlemaerke_list(
    *,
    q: str = "",
    type: str = "",
    state: str = "",
    leading_region: str = "",
    participation: str = "",
    participation_region: str = "",
):
    """The filtered pejlemærke queryset for the list page (3 queries whatever its size)."""
    queryset = Pejlemaerke.objects.select_related("leading_region", "project_leader").prefetch_related(
        Prefetch(
            "participations", queryset=Participation.objects.select_related("region").order_by("region__sort_order")
        )
    )
    if q:
        queryset = queryset.filter(Q(name__icontains=q) | Q(short_name__icontains=q))
    if type:
        queryset = queryset.filter(type=type)
    if state:
        queryset = queryset.filter(state=state)
    if leading_region:
        queryset = queryset.filter(leading_region__code=leading_region)
    if participation in {"fravalg", "fuld"}:
        opt_outs = Participation.objects.filter(pejlemaerke=OuterRef("pk"), status__in=OPT_OUT_STATUSES)
        if participation_region:
            opt_outs = opt_outs.filter(region__code=participation_region)
        queryset = (
            queryset.filter(Exists(opt_outs)) if participation == "fravalg" else queryset.exclude(Exists(opt_outs))
        )
    return queryset


def pejlemaerke_detail(pk: int) -> Pejlemaerke:
    from projects.models import Project, RegionalProjectLeader

    return (
        Pejlemaerke.objects.select_related("leading_region", "project_leader", "steering_group")
        .prefetch_related(
            Prefetch("participations", queryset=Participation.objects.select_related("region")),
            Prefetch(
                "projects",
                queryset=Project.objects.select_related("region", "leader").prefetch_related(
                    Prefetch(
                        "regional_leaders", queryset=RegionalProjectLeader.objects.select_related("region", "user")
                    )
                ),
            ),
            Prefetch("steering_group__memberships", queryset=BodyMembership.objects.select_related("user", "region")),
            "transitions__decided_by",
        )
        .get(pk=pk)
    )


def leadership_per_region() -> list[dict]:
    """R4: the number of active pejlemærker each region leads, for spreading leadership evenly."""
    rows = Pejlemaerke.objects.filter(state__in=ACTIVE_STATES).values_list("leading_region__code", flat=True)
    counts = leadership_counts(rows, [r.code for r in regions()])
    names = {r.code: r.name for r in regions()}
    return [{"code": code, "name": names[code], "count": count} for code, count in counts.items()]


def state_counts() -> dict[str, int]:
    counts = dict(Pejlemaerke.objects.values_list("state").annotate(n=Count("pk")).order_by())
    return {state: counts.get(state, 0) for state in Lifecycle.values}


def opt_outs_for_region(region: Region):
    return Participation.objects.filter(region=region, status__in=OPT_OUT_STATUSES).select_related("pejlemaerke")


def participation_summary(pejlemaerke: Pejlemaerke) -> dict[str, int]:
    participations = list(pejlemaerke.participations.all())
    return {
        "deltager": sum(p.status == ParticipationStatus.DELTAGER for p in participations),
        "fravalg": sum(p.status != ParticipationStatus.DELTAGER for p in participations),
    }


def roles_of(user) -> dict:
    """What the start page shows: the user's roles, each with its objects."""
    from projects.models import Project, RegionalProjectLeader

    memberships = list(BodyMembership.objects.filter(user=user).select_related("body", "region"))
    return {
        "led_pejlemaerker": list(Pejlemaerke.objects.filter(project_leader=user).select_related("leading_region")),
        "led_projects": list(
            Project.objects.filter(Q(leader=user) | Q(pejlemaerke__project_leader=user))
            .select_related("pejlemaerke", "region")
            .distinct()
        ),
        "regional_leads": list(
            RegionalProjectLeader.objects.filter(user=user).select_related("project__pejlemaerke", "region")
        ),
        "chaired_bodies": [m.body for m in memberships if m.role == "chair"],
        "memberships": memberships,
        "contact_regions": list(Region.objects.filter(contacts__user=user)),
    }


# --- RHYTHM (issue 7): monthly report data, reminders, director mail lines, the årshjul ---

COLOUR_RANK = {"red": 0, "yellow": 1, "green": 2, "done": 3}


def monthly_report_data(period, *, today=None) -> dict:
    """Everything the month's portfolio report shows (PDF and xlsx), in a bounded number of queries.

    Roll-ups (red first) with the regions' colours and texts, late reports, and the changes since
    last month: what turned red and what recovered (moved to a better colour than last month).
    """
    from django.utils import timezone

    from projects.models import ReportState, StatusReport
    from projects.rules import Colour, reporting_deadline
    from projects.selectors import missing_reports, portfolio_status
    from rsi_portal.dates import month_start

    period = month_start(period)
    today = today or timezone.localdate()
    statuses = portfolio_status(period, today=today)
    texts: dict[int, list] = {}
    for report in (
        StatusReport.objects.filter(period=period, state=ReportState.SUBMITTED)
        .select_related("project", "region")
        .order_by("project__name", "region__sort_order")
    ):
        texts.setdefault(report.project.pejlemaerke_id, []).append(report)
    turned_red = [s for s in statuses if s.colour == Colour.RED and s.previous_colour != Colour.RED]
    recovered = [
        s
        for s in statuses
        if s.previous_colour in (Colour.RED, Colour.YELLOW)
        and s.colour is not None
        and COLOUR_RANK[s.colour] > COLOUR_RANK[s.previous_colour]
    ]
    late = missing_reports(period)
    counts = {colour: sum(1 for s in statuses if s.colour == colour) for colour in Colour.values}
    counts["missing"] = sum(1 for s in statuses if s.colour is None)
    return {
        "period": period,
        "deadline": reporting_deadline(period),
        "statuses": statuses,
        "region_reports": texts,
        "rows": [(s, texts.get(s.pejlemaerke.pk, [])) for s in statuses],
        "turned_red": turned_red,
        "recovered": recovered,
        "late": late,
        "counts": counts,
        "summary": {
            "pejlemaerker": len(statuses),
            "counts": counts,
            "turned_red": [s.pejlemaerke.name for s in turned_red],
            "recovered": [s.pejlemaerke.name for s in recovered],
            "late": len(late),
        },
    }


def monthly_report_archive():
    """Every month's reports, newest month first, each month's versions newest first (one query)."""
    from .models import MonthlyReport

    return MonthlyReport.objects.select_related("generated_by").order_by("-period", "-version")


def reminder_log(*, period=None, kind: str = ""):
    """The sent status reminders (who, month, kind, what was missing), newest first (one query)."""
    from .models import ReminderLog

    queryset = ReminderLog.objects.select_related("user").order_by("-sent_at", "-pk")
    if period:
        queryset = queryset.filter(period=period)
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset


def director_mail_auto_lines(issue_date) -> dict:
    """R31: the automatic lines of a director mail: new red pejlemærker, upcoming meetings and deadlines.

    "New red" compares the latest month whose reporting deadline has passed with the month before.
    Meetings and deadlines are those in the four weeks after the issue date.
    """
    from datetime import timedelta

    from governance.rules import agenda_due
    from governance.selectors import upcoming_meetings
    from projects.rules import Colour, reporting_deadline
    from projects.selectors import portfolio_status
    from rsi_portal.dates import add_months, month_start

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
    from .rules import year_wheel

    return [event for event in year_wheel(year) if not event.month_long]


def director_mail_pending_items(issue_date):
    """R31: items added by the day before the issue date and not yet in a sent mail."""
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    from .models import DirectorMailItem
    from .rules import director_mail_items_due

    due = director_mail_items_due(issue_date)
    end = timezone.make_aware(datetime.combine(due + timedelta(days=1), time.min))  # the whole of the due day
    return DirectorMailItem.objects.filter(mail__isnull=True, added_at__lt=end).select_related("added_by")


@dataclass(frozen=True)
class CalendarEvent:
    """One entry of the årshjul page and the iCalendar feeds (all-day unless `start_time` is set)."""

    uid: str
    start: object  # date
    end: object  # date, exclusive (all-day events)
    title: str
    kind: str
    description: str = ""
    start_time: object = None  # time
    location: str = ""
    body_id: int | None = None
    month_long: bool = False


KIND_LABELS = {
    "oea": _("ØA-processen"),
    "seminar": _("Strategiseminar"),
    "budget": _("Budgetoverblik (R22)"),
    "collection": _("Opkrævning (R21)"),
    "quarterly": _("Kvartalsrapporter"),
    "meeting": _("Møde"),
    "agenda": _("Frist for dagsorden"),
    "reporting": _("Frist for månedsstatus"),
    "report": _("Porteføljerapport"),
    "director_mail": _("Direktørkredsmail"),
}


def calendar_events(year: int, *, bodies=None, fixed: bool = True) -> list[CalendarEvent]:
    """R32: the year's calendar: the fixed points of the årshjul, meetings with their agenda deadlines,
    the R13 reporting deadlines and report days, and the R31 director mails. Two queries.

    bodies: None = every body's meetings; otherwise only these bodies' meetings (and, with
    fixed=False, nothing else: the per-body feed).
    """
    from datetime import date, timedelta

    from governance.models import Meeting
    from governance.rules import agenda_due
    from projects.rules import reporting_deadline
    from rsi_portal.dates import add_months

    from .rules import director_mail_due, monthly_report_day, year_wheel

    events = []
    if fixed:
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
            deadline = reporting_deadline(period)
            events.append(
                CalendarEvent(
                    uid=f"reporting-{period:%Y-%m}",
                    start=deadline,
                    end=deadline + timedelta(days=1),
                    title=_("Frist for månedsstatus for %(month)s") % {"month": f"{period:%m.%Y}"},
                    kind="reporting",
                )
            )
            report_day = monthly_report_day(period)
            events.append(
                CalendarEvent(
                    uid=f"report-{period:%Y-%m}",
                    start=report_day,
                    end=report_day + timedelta(days=1),
                    title=_("Porteføljerapport for %(month)s til RSI DK") % {"month": f"{period:%m.%Y}"},
                    kind="report",
                )
            )
            for day in (1, 15):
                issue = date(year, month, day)
                if director_mail_due(issue):
                    events.append(
                        CalendarEvent(
                            uid=f"director-mail-{issue.isoformat()}",
                            start=issue,
                            end=issue + timedelta(days=1),
                            title=_("RSI-direktørkredsmail (punkter senest dagen før)"),
                            kind="director_mail",
                        )
                    )
    meetings = Meeting.objects.filter(day__year=year).select_related("body").order_by("day", "pk")
    if bodies is not None:
        meetings = meetings.filter(body__in=bodies)
    for meeting in meetings:
        events.append(
            CalendarEvent(
                uid=f"meeting-{meeting.pk}",
                start=meeting.day,
                end=meeting.day + timedelta(days=1),
                title=f"{meeting.body}: {_('møde')}" + (f" ({_('forslag')})" if meeting.is_suggestion else ""),
                kind="meeting",
                start_time=meeting.start_time,
                location=meeting.location,
                description=str(meeting.get_format_display()),
                body_id=meeting.body_id,
            )
        )
        due = agenda_due(meeting.day)
        events.append(
            CalendarEvent(
                uid=f"agenda-{meeting.pk}",
                start=due,
                end=due + timedelta(days=1),
                title=_("Frist for dagsordensmateriale: %(body)s %(day)s")
                % {"body": meeting.body, "day": f"{meeting.day:%d.%m.%Y}"},
                kind="agenda",
                body_id=meeting.body_id,
            )
        )
    events.sort(key=lambda e: (e.start, e.start_time is not None, str(e.title)))
    return events

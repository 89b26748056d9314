""" "Mit overblik": what each role has to do now, read through the apps' selectors.

Every section is built from a bounded number of queries: the portfolio-wide reads (roll-up, missing reports,
agenda candidates) read the kept roll-up, the rest is limited to the person's own projects, bodies and regions.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from finance import selectors as finance_selectors
from governance import selectors as governance_selectors
from governance.rules import agenda_due
from projects import selectors as project_selectors
from projects.rules import Colour
from rsi_portal.dates import add_months, month_start

from ..models import BodyKind, MonthlyReport
from ..rhythm import selectors as rhythm_selectors

UPCOMING_MEETINGS = 5
NEW_REDS_SHOWN = 10


def last_month(today: date | None = None) -> date:
    return add_months(month_start(today or timezone.localdate()), -1)


@dataclass
class MissingGroup:
    """The reports one person owes for the month, per region (R13)."""

    person: object
    region: object
    reports: list = field(default_factory=list)
    reminded_at: object = None  # when the person was last reminded of the month (R13)
    reminded_by_secretariat: bool = False  # the one-click reminder is sent once a month

    @property
    def late(self) -> bool:
        return any(r.deadline < timezone.localdate() for r in self.reports)


def missing_by_person(month: date) -> list[MissingGroup]:
    """Who has not reported for `month` (paused and closed pejlemærker owe nothing, R13), per person and region."""
    groups: dict[tuple, MissingGroup] = {}
    for report in project_selectors.missing_reports(month):
        people = report.responsible_users or [None]
        for person in people:
            key = (person.pk if person else None, report.region.pk)
            groups.setdefault(key, MissingGroup(person=person, region=report.region)).reports.append(report)
    reminded = rhythm_selectors.latest_reminders(month, {g.person.pk for g in groups.values() if g.person})
    for group in groups.values():
        if group.person and group.person.pk in reminded:
            group.reminded_at, group.reminded_by_secretariat = reminded[group.person.pk]
    return sorted(
        groups.values(),
        key=lambda g: (g.region.sort_order, g.person.get_full_name() if g.person else ""),
    )


def _meetings(queryset, today: date) -> list:
    """The next meetings with their R28 deadline and their latest published pack (3 queries)."""
    meetings = list(queryset.prefetch_related("pack_versions__members_pack")[:UPCOMING_MEETINGS])
    for meeting in meetings:
        meeting.agenda_deadline = agenda_due(meeting.day)  # R28
        meeting.deadline_passed = meeting.agenda_deadline < today
        agenda = [v for v in meeting.pack_versions.all() if v.kind == governance_selectors.PackKind.AGENDA]
        versions = sorted(agenda, key=lambda v: v.number, reverse=True)
        meeting.latest_pack = versions[0] if versions else None  # R30: only a published pack is a version
    return meetings


def sekretariat_home(user, today: date) -> dict:
    month = last_month(today)
    statuses = project_selectors.portfolio_status(month)
    rsi_dk = governance_selectors.upcoming_meetings(after=today, body=BodyKind.RSI_DK).first()
    missing = missing_by_person(month)
    open_matters = list(governance_selectors.matter_list().filter(status="open").order_by("-created_at")[:10])
    pending = finance_selectors.pending_decisions()
    return {
        "month": month,
        "missing": missing,
        "late": [g for g in missing if g.late],
        "new_reds": [s for s in statuses if s.colour == Colour.RED and s.previous_colour != Colour.RED][
            :NEW_REDS_SHOWN
        ],
        "next_rsi_dk": rsi_dk,
        "agenda_candidates": project_selectors.agenda_candidates(month) if rsi_dk else [],
        "open_matters": open_matters,
        "draft_versions": [(p.project, v.version) for p in pending for v in p.versions],
        "change_requests": [(p.project, r) for p in pending for r in p.requests],
        "gates_ready": project_selectors.gates_ready_for_decision(),  # R6: checklist complete
        "meetings": _meetings(governance_selectors.upcoming_meetings(after=today), today),
        "week_end": today + timedelta(days=6 - today.weekday()),
        "week_events": rhythm_selectors.week_events(today),  # R32
    }


def formand_home(user, roles: dict) -> dict:
    """The change requests and business-case versions awaiting the steering group the user chairs (R18, R23),
    each version with what changed since the one before it. Four queries, whatever the number of projects."""
    chaired = [body.pk for body in roles["chaired_bodies"]]
    return {"pending": finance_selectors.pending_decisions(steering_group_ids=chaired)}


def director_home(user, roles: dict, today: date) -> dict:
    """The next meeting of each of the user's bodies with its published pack, the reds and the open matters."""
    month = last_month(today)
    by_body = defaultdict(list)
    for meeting in _meetings(governance_selectors.meetings_for_user(user, after=today), today):
        by_body[meeting.body_id].append(meeting)
    next_meetings = [meetings[0] for meetings in by_body.values()]
    kinds = {m.body.kind for m in roles["memberships"]}
    reds = [s for s in project_selectors.portfolio_status(month) if s.colour == Colour.RED]
    matters = list(
        governance_selectors.matter_list().filter(status="open", route_body__in=kinds).order_by("-created_at")[:10]
    )
    report = MonthlyReport.objects.filter(is_current=True).order_by("-period").first()
    return {"month": month, "next_meetings": next_meetings, "reds": reds, "matters": matters, "report": report}


def contact_home(regions: list, today: date) -> list[dict]:
    """Per region: its reds and yellows, its missing reports, what it pays this year (R21) and its opt-outs (R3)."""
    month = last_month(today)
    statuses = project_selectors.portfolio_status(month)
    missing = project_selectors.missing_reports(month)
    year = today.year
    collections = finance_selectors.collections_for_year(year)
    out = []
    for region in regions:
        colours = []
        for status in statuses:
            for rc in status.region_colours:
                if rc.region.pk == region.pk and rc.colour in (Colour.RED, Colour.YELLOW):
                    colours.append((status, rc.colour))
        out.append(
            {
                "region": region,
                "month": month,
                "colours": colours,
                "missing": [m for m in missing if m.region.pk == region.pk],
                "year": year,
                "pays": [c for c in collections if c.paying_region.pk == region.pk],
            }
        )
    return out

"""Every non-trivial governance read, with bounded queries; access (Lukket/Fortrolig) is decided here."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Count, DecimalField, F, OuterRef, Prefetch, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from portfolio.models import Body, BodyKind, BodyMembership
from portfolio.selectors import group_by_goal
from projects import selectors as project_selectors
from projects.rules import reporting_deadline
from rsi_portal.dates import add_months, month_start
from rsi_portal.permissions import is_sekretariat

from .access import CLOSED_DECISION as CLOSED_DECISION  # the R29 answers; other apps read them here
from .access import Reader as Reader
from .access import ShownDecision as ShownDecision
from .access import is_member as is_member
from .access import matter_status_shown as matter_status_shown
from .access import may_see as may_see
from .access import shown_decisions as shown_decisions
from .access import status_label as status_label
from .access import with_shown_status as with_shown_status
from .models import (
    MONEY,
    Access,
    AgendaItem,
    Attachment,
    Decision,
    JointSystem,
    Matter,
    MatterStatus,
    Meeting,
    OperatingBudget,
    PackKind,
    PackVersion,
    RouteBody,
)
from .models import Outcome as Outcome  # the choices portfolio.pipeline records seminar decisions with
from .models import Standing as Standing
from .quarterly_reads import QuarterlyDue as QuarterlyDue  # R37
from .quarterly_reads import quarterly_missing as quarterly_missing
from .quarterly_reads import quarterly_status as quarterly_status
from .rules import Kind, agenda_due, follow_up_due, on_time, r29_shown


def upcoming_meetings(*, after: date, body=None):
    """Meetings on or after `after` (optionally of one body or body kind), soonest first."""
    queryset = Meeting.objects.filter(day__gte=after).select_related("body")
    if body is not None:
        queryset = queryset.filter(body__kind=body) if isinstance(body, str) else queryset.filter(body=body)
    return queryset.order_by("day", "start_time", "pk")


def meeting_list(*, body=None, year: int | None = None, member_bodies: set[int] | None = frozenset()):
    """Meetings with the number of items the reader sees on each meeting's page (R29): Lukket items count
    only for the body's members (`member_bodies`; None for the secretariat, who sees all), so the list leaks
    nothing and matches the page."""
    all_items, shown_items = Count("items"), Count("items", filter=~Q(items__access=Access.CLOSED))
    if member_bodies is None:
        item_count = all_items
    elif member_bodies:
        item_count = Case(When(body_id__in=list(member_bodies), then=all_items), default=shown_items)
    else:
        item_count = shown_items
    queryset = Meeting.objects.select_related("body").annotate(item_count=item_count)
    if body is not None:
        queryset = queryset.filter(body=body)
    if year:
        queryset = queryset.filter(day__year=year)
    return queryset


def previous_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(body_id=meeting.body_id, day__lt=meeting.day, is_suggestion=False)
        .order_by("-day")
        .first()
    )


def next_meeting(meeting: Meeting) -> Meeting | None:
    return Meeting.objects.filter(body_id=meeting.body_id, day__gt=meeting.day).order_by("day").first()


@dataclass
class VisibleItem:
    """An agenda item as one reader may see it: in full, or only its number (Fortrolig for others)."""

    item: AgendaItem
    full: bool

    @property
    def number(self):
        return self.item.number


def visible_items(meeting: Meeting, *, members_view: bool) -> list[VisibleItem]:
    """R29 access: Lukket items only for members; Fortrolig items show only their number to others."""
    items = (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("presenter", "pejlemaerke", "matter")
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("number")))
        .order_by("number")
    )
    shown = [(item, r29_shown(item.access, member=members_view)) for item in items]
    return [VisibleItem(item, how == "full") for item, how in shown if how != "nothing"]


def item_visible_in_full(user, item: AgendaItem) -> bool:
    return may_see(user, item)


@dataclass
class Timeliness:
    label: str
    due: date
    sent_on: date | None
    on_time: bool | None

    @property
    def status_text(self) -> str:
        if self.on_time is None:
            return _("Ikke udsendt endnu") if self.due >= date.today() else _("Ikke udsendt – fristen er overskredet")
        return _("Rettidigt") if self.on_time else _("For sent")


def meeting_timeliness(meeting: Meeting) -> list[Timeliness]:
    """R28: was the agenda out 7 days before, and the decision log and minutes within a week after?"""
    due_before, due_after = agenda_due(meeting.day), follow_up_due(meeting.day)
    sent = [
        (_("Dagsorden"), due_before, meeting.agenda_sent_on),
        (_("Beslutningsprotokol"), due_after, meeting.decision_log_sent_on),
        (_("Referat"), due_after, meeting.minutes_sent_on),
    ]
    return [Timeliness(label, due, sent_on, on_time(sent_on, due)) for label, due, sent_on in sent]


def decisions_for(subject) -> list[Decision]:
    return list(
        Decision.objects.filter(
            content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk
        ).select_related("body", "recorded_by", "meeting", "item__meeting")
    )


def meeting_decisions(meeting: Meeting) -> list[Decision]:
    return list(meeting.decisions.select_related("body", "content_type").order_by("pk"))


def operating_budget(system, year: int) -> OperatingBudget | None:
    return OperatingBudget.objects.filter(system=system, year=year).first() if system else None


def operating_budget_left(system, year: int, *, exclude_matter=None) -> Decimal | None:
    """R33: what is left of a joint system's operating budget for the year after SYS-approved matters."""
    budget = OperatingBudget.objects.filter(system=system, year=year).values_list("amount", flat=True).first()
    if budget is None:
        return None
    committed = Matter.objects.filter(joint_system=system, year=year, route_body=RouteBody.SYS).exclude(
        status=MatterStatus.REJECTED
    )
    if exclude_matter is not None:
        committed = committed.exclude(pk=exclude_matter.pk)
    used = committed.aggregate(total=Sum("amount"))["total"] or Decimal("0")
    return budget - used


def joint_system_list(year: int):
    """R33 register with the year's budget and what is left for SYS approvals (constant queries)."""
    budget = OperatingBudget.objects.filter(system=OuterRef("pk"), year=year).values("amount")[:1]
    committed = (
        Matter.objects.filter(joint_system=OuterRef("pk"), year=year, route_body=RouteBody.SYS)
        .exclude(status=MatterStatus.REJECTED)
        .order_by()
        .values("joint_system")
        .annotate(total=Sum("amount"))
        .values("total")[:1]
    )
    money = DecimalField(**MONEY)
    pending = _open_recommendations().filter(joint_system=OuterRef("pk")).order_by("-created_at", "-pk")
    return (
        JointSystem.objects.select_related("responsible_region")
        .prefetch_related("user_groups")
        .annotate(
            budget=Subquery(budget, output_field=money),
            committed=Coalesce(Subquery(committed, output_field=money), Value(0), output_field=money),
            pending_region=Subquery(pending.values("recommended_region__name")[:1]),
        )
        .annotate(left=F("budget") - F("committed"))
        .order_by("name")
    )


def _open_recommendations():
    """R33: SYS's recommendations of a system-responsible region that RSI DK has not decided yet."""
    return Matter.objects.filter(kind=Kind.SYSTEM_RESPONSIBLE, status__in=[MatterStatus.OPEN, MatterStatus.POSTPONED])


def joint_system_page(system: JointSystem, year: int, user) -> dict:
    """R33: the system's budget for the year, its user groups and SYS's recommendations of a responsible region
    (each with its status as the user may see it)."""
    recommendations = Matter.objects.filter(joint_system=system, kind=Kind.SYSTEM_RESPONSIBLE).select_related(
        "recommended_region"
    )
    return {
        "budget": operating_budget(system, year),
        "left": operating_budget_left(system, year),
        "user_groups": list(system.user_groups.all()),
        "recommendations": list(with_shown_status(recommendations, user).order_by("-created_at", "-pk")),
    }


def route_body(matter: Matter) -> Body:
    """The body a matter was routed to (R24)."""
    return Body.objects.get(kind=matter.route_body)


def approved_matters():
    """The matters their body has approved, as a subquery of keys (finance counts a business-case version
    above its frame only then, R23)."""
    return Matter.objects.filter(status=MatterStatus.APPROVED).values("pk")


def matter_settled(matter: Matter) -> bool | None:
    """True once the body approved the matter, False if it rejected it, None while it waits (open or postponed)."""
    return {MatterStatus.APPROVED: True, MatterStatus.REJECTED: False}.get(matter.status)


def matter_subject_projects():
    """The projects a matter may be about, read through the matter's own relation."""
    return Matter._meta.get_field("project").related_model.objects.all()


def matter_list(*, body: str | None = None):
    queryset = Matter.objects.select_related("pejlemaerke", "project", "joint_system", "created_by")
    if body:
        queryset = queryset.filter(route_body=body)
    return queryset


def it_director_for(pejlemaerke):
    """R11: the IT director (IT5 member) of the region responsible for the pejlemærke's steering group."""
    membership = (
        BodyMembership.objects.filter(body__kind=BodyKind.IT5, region_id=pejlemaerke.leading_region_id)
        .select_related("user")
        .first()
    )
    return membership.user if membership else None


def likely_presenter_ids(meeting: Meeting) -> set[int]:
    """Who usually presents an item at `meeting`: the body's members and the regions' IT directors (IT5)."""
    memberships = BodyMembership.objects.filter(Q(body_id=meeting.body_id) | Q(body__kind=BodyKind.IT5))
    return set(memberships.values_list("user_id", flat=True))


def meetings_for_user(user, *, after: date):
    """The meetings of the bodies the user is a member of (all for the secretariat), from `after`."""
    queryset = upcoming_meetings(after=after)
    if is_sekretariat(user):
        return queryset
    return queryset.filter(body__memberships__user=user).distinct()


def report_month(meeting_day: date, today: date | None = None) -> date:
    """R11/R13: the latest month whose status reports were due both before the agenda goes out (R28)
    and by today (an agenda drafted early uses the latest month that is complete now)."""
    due = min(agenda_due(meeting_day), today or date.today())
    month = month_start(meeting_day)
    while reporting_deadline(month) > due:
        month = add_months(month, -1)
    return month


def agenda_candidates_for(meeting: Meeting, *, month: date | None = None) -> list:
    """R11: red roll-ups and green→yellow moves of the latest month."""
    return list(project_selectors.agenda_candidates(month or report_month(meeting.day)))


def yellow_offers(meeting: Meeting, *, month: date | None = None) -> list:
    """R11: persistent-yellow pejlemærker not yet on the agenda, offered to the secretariat as one click."""
    on_agenda = set(meeting.items.exclude(pejlemaerke=None).values_list("pejlemaerke_id", flat=True))
    return [p for p in project_selectors.persistent_yellow(month or report_month(meeting.day)) if p.pk not in on_agenda]


def portfolio_appendix(month: date) -> list:
    """R30: every pejlemærke's roll-up, red first, with the regions' colours."""
    return list(project_selectors.portfolio_status(month))


def portfolio_appendix_by_goal(appendix: list) -> list:
    """R40 on request (Meeting.appendix_by_goal): the appendix's roll-ups under each strategy goal (one query)."""
    return group_by_goal(appendix)


@dataclass
class YellowOffer:
    """A persistent-yellow pejlemærke offered as a one-click agenda item (R11)."""

    pejlemaerke: object
    colour: str = "yellow"
    reason: str = "Pejlemærket har været gult i flere måneder i træk; sekretariatet foreslår det drøftet."
    why: str = ""
    region_reports: list = field(default_factory=list)


def member_body_ids(user) -> set[int] | None:
    """The bodies the user is a member of; None means all (the secretariat)."""
    if is_sekretariat(user):
        return None
    return set(BodyMembership.objects.filter(user=user).values_list("body_id", flat=True))


def published_meeting_ids(meeting_ids) -> set[int]:
    """R30: which of these meetings have a published agenda pack (one query)."""
    published = PackVersion.objects.filter(meeting_id__in=list(meeting_ids), kind=PackKind.AGENDA)
    return set(published.values_list("meeting_id", flat=True))


# --- R34: what the strategy seminars (portfolio.pipeline) read of meetings and agenda items ---------------


def agenda_item_with_meeting(item_id: int) -> AgendaItem:
    """One agenda item with its meeting and body (one query)."""
    return AgendaItem.objects.select_related("meeting__body").get(pk=item_id)


def standing_item(meeting: Meeting, standing: str) -> AgendaItem:
    """The meeting's standing item of this kind, e.g. Orienteringer (one query)."""
    return AgendaItem.objects.get(meeting=meeting, standing=standing)

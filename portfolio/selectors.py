"""Reads of the portfolio base, each with a bounded number of queries."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext

from rsi_portal.dates import add_months, month_start

from .models import BodyMembership, MemberRole, Participation, Pejlemaerke, Region, StrategyGoal
from .rules import OPT_OUT_STATUSES, Closure, Lifecycle, leadership_counts, lifecycle_label

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
    if state in Closure.values:  # R2: a closed one by how it ended
        queryset = queryset.filter(state=Lifecycle.CLOSED, closure=state)
    elif state:
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


def pejlemaerke_detail(pk: int, *, prefetch=()) -> Pejlemaerke:
    """One pejlemærke with its participations, steering group and lifecycle history.

    `prefetch`: further prefetch_related() lookups for what a higher layer shows on the same page.
    """
    return (
        Pejlemaerke.objects.select_related("leading_region", "project_leader", "steering_group")
        .prefetch_related(
            Prefetch("participations", queryset=Participation.objects.select_related("region")),
            Prefetch("steering_group__memberships", queryset=BodyMembership.objects.select_related("user", "region")),
            "transitions__decided_by",
            *prefetch,
        )
        .get(pk=pk)
    )


def leadership_per_region() -> list[dict]:
    """R4: the number of active pejlemærker each region leads, for spreading leadership evenly."""
    rows = Pejlemaerke.objects.filter(state__in=ACTIVE_STATES).values_list("leading_region__code", flat=True)
    names = {r.code: r.name for r in regions()}
    counts = leadership_counts(rows, list(names))
    return [{"code": code, "name": names[code], "count": count} for code, count in counts.items()]


def state_counts() -> list[dict]:
    """R2: how many pejlemærker are at each stage, a closed one counted by how it ended (one query)."""
    counts = dict(
        ((state, closure), n)
        for state, closure, n in Pejlemaerke.objects.values_list("state", "closure").annotate(n=Count("pk")).order_by()
    )
    rows = [(state, state, "") for state in Lifecycle.values if state != Lifecycle.CLOSED]
    rows += [(closure, Lifecycle.CLOSED, closure) for closure in Closure.values]
    return [
        {"state": key, "label": lifecycle_label(state, closure), "count": counts.get((state, closure), 0)}
        for key, state, closure in rows
    ]


def closed_in(month) -> list[Pejlemaerke]:
    """R2: the pejlemærker closed in `month` (completed first, then stopped), for the dashboard and the
    monthly report, which tell the two apart. One query."""
    return list(
        Pejlemaerke.objects.filter(
            state=Lifecycle.CLOSED, closed_on__gte=month_start(month), closed_on__lt=add_months(month_start(month), 1)
        )
        .select_related("leading_region")
        .order_by("closure", "name")
    )


def opt_outs_for_region(region: Region):
    return Participation.objects.filter(region=region, status__in=OPT_OUT_STATUSES).select_related("pejlemaerke")


def roles_of(user) -> dict:
    """The user's roles in the portfolio, each with its objects (the start page adds the project roles)."""
    memberships = list(BodyMembership.objects.filter(user=user).select_related("body", "region"))
    return {
        "led_pejlemaerker": list(Pejlemaerke.objects.filter(project_leader=user).select_related("leading_region")),
        "chaired_bodies": [m.body for m in memberships if m.role == MemberRole.CHAIR],
        "memberships": memberships,
        "contact_regions": list(Region.objects.filter(contacts__user=user)),
    }


# --- R40: the portfolio read per strategy goal (the monthly report and the agenda pack's appendix) ----------


@dataclass
class GoalGroup:
    """One strategy goal with its items in their given order; `goal` None: the items supporting no goal."""

    goal: StrategyGoal | None
    items: list = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.goal.title if self.goal else gettext("Uden strategimål")


def group_by_goal(items, *, pejlemaerke_id=lambda item: item.pejlemaerke.pk) -> list[GoalGroup]:
    """R40: the items under each goal their pejlemærke supports (under each of several), goals in their order,
    the items' order kept; those supporting no goal last, under "Uden strategimål" (one query)."""
    items = list(items)
    ids = {pejlemaerke_id(item) for item in items}
    links = StrategyGoal.pejlemaerker.through.objects.filter(pejlemaerke_id__in=ids).select_related("strategygoal")
    goals: dict[int, StrategyGoal] = {}
    supports: dict[int, set[int]] = {}
    for link in links:
        goals[link.strategygoal_id] = link.strategygoal
        supports.setdefault(link.pejlemaerke_id, set()).add(link.strategygoal_id)
    ordered = sorted(goals.values(), key=lambda g: (g.period_start, g.title, g.pk))
    groups = [GoalGroup(goal, [i for i in items if goal.pk in supports.get(pejlemaerke_id(i), ())]) for goal in ordered]
    without = [i for i in items if not supports.get(pejlemaerke_id(i))]
    return groups + ([GoalGroup(None, without)] if without else [])

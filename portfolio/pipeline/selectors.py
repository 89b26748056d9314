"""Reads of the pipeline (R34) and the strategy goals (R40), each in a constant number of queries."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from finance.selectors.realisation import benefits_targeted_and_realised
from governance.selectors import meeting_list
from portfolio.audit import entries_for
from portfolio.models import (
    AcquisitionNotice,
    BodyKind,
    Kommissorium,
    PipelineEntry,
    PipelineRevision,
    Qualification,
    SeminarItem,
    Stage,
    StrategyGoal,
)
from portfolio.rules import Lifecycle
from projects.rules import Colour, streak_is_persistent
from projects.selectors import open_gates, pejlemaerker_with_projektgrundlag, portfolio_status
from rsi_portal.dates import add_months, month_start
from rsi_portal.permissions import is_sekretariat

from .rules import days_in_stage, gate_stalled, whole_months
from .settings import stalled_gate_months

# R34: the funnel, left to right; "projektgrundlag" and "portfolio" are read from the idea's pejlemærke.
FUNNEL = (
    ("draft", _("Idéer – kladder")),
    ("submitted", _("Idéer – indsendt")),
    ("qualified", _("Kvalificeret af PMO5")),
    ("ranked", _("I IT5's pipeline")),
    ("decided", _("Besluttet på strategiseminar")),
    ("projektgrundlag", _("Projektgrundlag undervejs")),
    ("portfolio", _("I porteføljen")),
)
SIDE_STAGES = (("parked", _("Parkeret")), ("rejected", _("Afvist")))
STAGE_LABELS = dict(FUNNEL + SIDE_STAGES)
RED_MONTHS = 3  # yearly prioritisation: red this many months in a row makes a closing candidate


def with_projektgrundlag(pejlemaerke_ids) -> set[int]:
    """The pejlemærker of these ids that have a projektgrundlag version uploaded (one query)."""
    return pejlemaerker_with_projektgrundlag(pejlemaerke_ids)


def stage_of(k: Kommissorium, grundlag_ids=frozenset()) -> str:
    """The funnel stage: the stored one, until the seminar's decision puts a pejlemærke on its way;
    then its lifecycle and its projektgrundlag tell (`grundlag_ids`: pejlemærker with one uploaded)."""
    if k.stage == Stage.DECIDED and k.pejlemaerke_id:
        state = k.pejlemaerke.state
        if state in (Lifecycle.PORTFOLIO, Lifecycle.PAUSED) or (
            state == Lifecycle.CLOSED and k.pejlemaerke.closure == "completed"
        ):
            return "portfolio"
        if state == Lifecycle.PIPELINE and k.pejlemaerke_id in grundlag_ids:
            return "projektgrundlag"
    return k.stage


def _visible(user):
    queryset = Kommissorium.objects.all()
    if not is_sekretariat(user):
        queryset = queryset.filter(~Q(stage=Stage.DRAFT) | Q(proposer=user))
    return queryset


def kommissorium_list(user, *, stage: str = ""):
    """The ideas the user may read, with what the list shows (4 queries whatever their number)."""
    queryset = (
        _visible(user)
        .select_related("proposer", "pejlemaerke", "leading_region", "pipeline_entry")
        .prefetch_related("regions")
        .annotate(n_qualifications=Count("qualifications", distinct=True))
    )
    rows = list(queryset.order_by("-updated_at", "-pk"))
    grundlag = with_projektgrundlag(k.pejlemaerke_id for k in rows if k.stage == Stage.DECIDED and k.pejlemaerke_id)
    now = timezone.now()
    for k in rows:
        k.funnel_stage = stage_of(k, grundlag)
        k.funnel_label = STAGE_LABELS.get(k.funnel_stage, k.funnel_stage)
        k.days_in_stage = days_in_stage(k.stage_since, now)
    if stage:
        rows = [k for k in rows if k.funnel_stage == stage]
    return rows


@dataclass
class FunnelStage:
    code: str
    label: str
    count: int = 0
    days: list = field(default_factory=list)

    @property
    def average_days(self) -> int | None:
        return round(sum(self.days) / len(self.days)) if self.days else None

    @property
    def longest_days(self) -> int | None:
        return max(self.days) if self.days else None


def funnel(user) -> tuple[list[FunnelStage], list[FunnelStage]]:
    """R34: the count and time in stage of every funnel stage (and the parked and rejected aside)."""
    stages = {code: FunnelStage(code, label) for code, label in FUNNEL + SIDE_STAGES}
    for k in kommissorium_list(user):
        stage = stages.get(k.funnel_stage)
        if stage:
            stage.count += 1
            stage.days.append(k.days_in_stage)
    return [stages[c] for c, _l in FUNNEL], [stages[c] for c, _l in SIDE_STAGES]


def kommissorium_detail(pk: int) -> Kommissorium:
    return (
        Kommissorium.objects.select_related("proposer", "leading_region", "pejlemaerke", "pipeline_entry")
        .prefetch_related(
            "regions",
            "versions__author",
            Prefetch(
                "qualifications",
                queryset=Qualification.objects.select_related("region", "assessed_by").prefetch_related("related"),
            ),
            Prefetch("seminar_items", queryset=SeminarItem.objects.select_related("decided_by")),
        )
        .get(pk=pk)
    )


def kommissorium_history(k: Kommissorium) -> list:
    """The idea's audit entries, newest first: who, when, what and why (one query)."""
    return list(entries_for(k).order_by("-at", "-pk"))


def awaiting_qualification():
    """R34: the submitted ideas PMO5 has not yet qualified (the secretariat's and PMO5's list)."""
    return list(
        Kommissorium.objects.filter(stage=Stage.SUBMITTED)
        .select_related("proposer")
        .prefetch_related("regions")
        .order_by("submitted_at")
    )


def ranking():
    """R34: IT5's pipeline in its order, and the qualified ideas waiting to be placed."""
    ranked = list(
        PipelineEntry.objects.filter(kommissorium__stage=Stage.RANKED)
        .select_related("kommissorium")
        .order_by("rank", "pk")
    )
    waiting = list(
        Kommissorium.objects.filter(stage__in=(Stage.QUALIFIED, Stage.PARKED))
        .prefetch_related(Prefetch("qualifications", queryset=Qualification.objects.select_related("region")))
        .order_by("stage_since")
    )
    seminars = {m.pk: m for m in seminar_meetings()}
    for entry in ranked:
        entry.target_seminar = seminars.get(entry.target_seminar_id)
    return ranked, waiting


def ranking_history(limit: int = 20):
    return list(PipelineRevision.objects.select_related("changed_by")[:limit])


def seminar_meetings(*, after: date | None = None) -> list:
    """RSI DK's strategy seminars (R32), in date order."""
    meetings = meeting_list().filter(is_seminar=True, body__kind=BodyKind.RSI_DK)
    return list(meetings.filter(day__gte=after) if after else meetings)


def rsi_dk_meetings(*, after: date) -> list:
    return list(meeting_list().filter(body__kind=BodyKind.RSI_DK, day__gte=after))


def seminar_items(meeting_id: int):
    return list(
        SeminarItem.objects.filter(meeting_id=meeting_id).select_related("kommissorium", "decided_by").order_by("pk")
    )


def pending_notices():
    return list(AcquisitionNotice.objects.filter(agenda_item_id__isnull=True).select_related("region", "submitted_by"))


def pejlemaerke_history(pejlemaerke) -> list[dict]:
    """R34/R2: the idea's steps before and after it became a pejlemærke, oldest first: who, when, why."""
    steps = []
    k = getattr(pejlemaerke, "kommissorium", None)
    if k is not None:
        for entry in entries_for(k).order_by("at"):
            steps.append(
                {"at": entry.at, "who": entry.actor, "what": entry.action_label, "why": entry.data.get("reason", "")}
            )
    for t in pejlemaerke.transitions.select_related("decided_by").order_by("decided_at"):
        steps.append(
            {
                "at": t.decided_at,
                "who": t.decided_by,
                "what": f"{t.get_from_state_display()} → {t.get_to_state_display()}",
                "why": t.reason,
            }
        )
    return sorted(steps, key=lambda s: s["at"])


# --- R40: strategy goals ----------------------------------------------------------------------------


def goal_list(*, month: date | None = None):
    """R40: the goals, each with its number of pejlemærker and their roll-up colours in `month`."""
    month = month or add_months(month_start(timezone.localdate()), -1)
    goals = list(StrategyGoal.objects.prefetch_related("pejlemaerker").order_by("period_start", "title"))
    colours = {s.pejlemaerke.pk: s.colour for s in portfolio_status(month)}
    for goal in goals:
        ids = [p.pk for p in goal.pejlemaerker.all()]
        goal.n = len(ids)
        goal.colour_counts = {c: sum(1 for i in ids if colours.get(i) == c) for c in Colour.values}
    return goals, month


def goal_page(goal: StrategyGoal, *, month: date | None = None) -> dict:
    """R40: a goal's pejlemærker with their colours and trend (the dashboard's roll-up, narrowed)."""
    month = month or add_months(month_start(timezone.localdate()), -1)
    members = list(goal.pejlemaerker.select_related("leading_region").order_by("name"))
    ids = {p.pk for p in members}
    statuses = {s.pejlemaerke.pk: s for s in portfolio_status(month) if s.pejlemaerke.pk in ids}
    rows = [{"pejlemaerke": p, "status": statuses.get(p.pk)} for p in members]
    colours = {c: 0 for c in Colour.values}
    for s in statuses.values():
        if s.colour in colours:
            colours[s.colour] += 1
    benefits = benefits_targeted_and_realised(ids)  # R35/R36: what the goal's pejlemærker promise and deliver
    return {"goal": goal, "rows": rows, "month": month, "colour_counts": colours, "benefits": benefits}


@dataclass
class CloseCandidate:
    status: object
    reasons: list


def close_candidates(month: date | None = None, *, today: date | None = None) -> list[CloseCandidate]:
    """R34 yearly prioritisation: pejlemærker RSI DK might close, from the roll-up: long red, persistent
    yellow, and a next gate not passed for settings.RSI["STALLED_GATE_MONTHS"] months (one query more than
    the roll-up, whatever the portfolio's size)."""
    today = today or timezone.localdate()
    month = month or add_months(month_start(today), -1)
    statuses = portfolio_status(month)
    stalled_after = stalled_gate_months()
    stalled: dict[int, list[str]] = {}
    for gate in open_gates(s.pejlemaerke.pk for s in statuses):
        if gate_stalled(gate.since, today, stalled_after):
            where = f"{gate.project.region.name}: " if gate.project.region_id else ""
            stalled.setdefault(gate.project.pejlemaerke_id, []).append(
                where
                + _("Gaten fra %(from)s til %(to)s er ikke passeret i %(n)s måneder (i fasen siden %(since)s)")
                % {
                    "from": gate.from_label,
                    "to": gate.to_label,
                    "n": whole_months(gate.since, today),
                    "since": gate.since.strftime("%d.%m.%Y"),
                }
            )
    candidates = []
    for s in statuses:
        reasons = []
        recent = [colour for _m, colour in s.trend[-RED_MONTHS:]]
        if len(recent) == RED_MONTHS and all(c == Colour.RED for c in recent):
            reasons.append(_("Rød i %(n)s måneder i træk") % {"n": RED_MONTHS})
        if streak_is_persistent(s.yellow_months):
            reasons.append(_("Vedvarende gul (%(n)s måneder)") % {"n": s.yellow_months})
        reasons += stalled.get(s.pejlemaerke.pk, [])
        if reasons:
            candidates.append(CloseCandidate(s, [str(r) for r in reasons]))
    return candidates

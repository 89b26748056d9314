"""Every write of the pipeline (R34) and the strategy goals (R40): atomic, permission-checked, audited.
The strategy seminar's agenda and decisions are in seminar.py."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from portfolio.audit import log_action
from portfolio.models import (
    AcquisitionNotice,
    IdeaSource,
    Kommissorium,
    KommissoriumVersion,
    Maturity,
    OAMarking,
    Pejlemaerke,
    PipelineAuditAction,
    PipelineEntry,
    PipelineRevision,
    Priority,
    Qualification,
    Recommendation,
    Stage,
    StrategyGoal,
)
from portfolio.rules import Lifecycle, PejlemaerkeType
from rsi_portal.permissions import is_sekretariat
from rsi_portal.services import audit_value

from . import access, rules

KOMMISSORIUM_FIELDS = (
    "title",
    "problem",
    "benefits",
    "rough_cost",
    "timeframe",
    "source",
    "type",
    "leading_region",
    "oa_year",
)
QUALIFY_FROM = (Stage.SUBMITTED, Stage.QUALIFIED, Stage.PARKED)
RANK_FROM = (Stage.QUALIFIED, Stage.RANKED, Stage.PARKED)


def _snapshot(kommissorium: Kommissorium, regions) -> dict:
    content = {name: audit_value(getattr(kommissorium, name)) for name in KOMMISSORIUM_FIELDS}
    content["leading_region"] = kommissorium.leading_region.code if kommissorium.leading_region_id else None
    content["regions"] = sorted(r.code for r in regions)
    content["stage"] = kommissorium.stage
    return content


def _set_stage(kommissorium: Kommissorium, stage: str) -> None:
    if kommissorium.stage != stage:
        kommissorium.stage, kommissorium.stage_since = stage, timezone.now()


def _version(*, actor, kommissorium: Kommissorium, regions, reason: str) -> KommissoriumVersion:
    number = (kommissorium.versions.aggregate(m=Max("number"))["m"] or 0) + 1
    return KommissoriumVersion.objects.create(
        kommissorium=kommissorium,
        number=number,
        content=_snapshot(kommissorium, regions),
        author=actor,
        reason=reason[:300],
    )


@transaction.atomic
def kommissorium_save(
    *, actor, kommissorium: Kommissorium | None = None, regions=(), submit: bool = False, reason: str = "", **fields
) -> Kommissorium:
    """R34: save an idea's one-page kommissorium as a new version; `submit` sends it to PMO5.

    A draft needs only a title; submitting needs every field (Danish errors per field)."""
    unknown = set(fields) - set(KOMMISSORIUM_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if kommissorium is None:
        access.check(access.may_propose(actor))
        kommissorium = Kommissorium(proposer=actor, stage_since=timezone.now())
    else:
        kommissorium = Kommissorium.objects.select_for_update().get(pk=kommissorium.pk)
        access.check(access.may_edit(actor, kommissorium))
    for name, value in fields.items():
        setattr(kommissorium, name, value.strip() if isinstance(value, str) else value)
    regions = list(regions)
    if kommissorium.source and kommissorium.source not in IdeaSource.values:
        raise ValidationError({"source": _("Vælg en kilde fra listen.")})
    if kommissorium.type not in PejlemaerkeType.values:
        raise ValidationError({"type": _("Vælg en type fra listen.")})
    if not (kommissorium.title or "").strip():
        raise ValidationError({"title": _("Giv idéen en titel.")})
    if kommissorium.rough_cost is not None and kommissorium.rough_cost < 0:
        raise ValidationError({"rough_cost": _("Økonomien kan ikke være negativ.")})
    if submit:
        missing = rules.kommissorium_missing(
            {**{n: getattr(kommissorium, n) for n in KOMMISSORIUM_FIELDS}, "regions": regions}
        )
        if missing:
            raise ValidationError(missing)
        _set_stage(kommissorium, Stage.SUBMITTED)
        kommissorium.submitted_at = timezone.now()
    kommissorium.full_clean(exclude=["regions"])
    kommissorium.save()
    kommissorium.regions.set(regions)
    why = (reason or "").strip() or (_("Indsendt til kvalificering") if submit else _("Kladde gemt"))
    version = _version(actor=actor, kommissorium=kommissorium, regions=regions, reason=why)
    log_action(
        actor=actor,
        action=PipelineAuditAction.KOMMISSORIUM_SUBMIT if submit else PipelineAuditAction.KOMMISSORIUM_SAVE,
        obj=kommissorium,
        data={"version": version.number, "reason": why},
    )
    return kommissorium


@transaction.atomic
def qualification_record(
    *,
    actor,
    kommissorium: Kommissorium,
    region=None,
    coherence: str,
    synergy: str = "",
    related=(),
    maturity: str,
    recommendation: str,
    reason: str,
) -> Qualification:
    """R34: a PMO5 member's assessment of a submitted idea, for their region or jointly (region None)."""
    regions = access.member_region_ids(actor, "PMO5")
    access.check(regions is not None)
    kommissorium = Kommissorium.objects.select_for_update().get(pk=kommissorium.pk)
    errors = {}
    if kommissorium.stage not in QUALIFY_FROM:
        errors["__all__"] = _("Kun indsendte idéer kan kvalificeres.")
    if region is not None and region.pk not in regions:
        errors["region"] = _("Du kan kun kvalificere for din egen region eller i fællesskab.")
    if not (coherence or "").strip():
        errors["coherence"] = _("Beskriv sammenhængen med regionens egen portefølje.")
    if maturity not in Maturity.values:
        errors["maturity"] = _("Vælg idéens modenhed.")
    if recommendation not in Recommendation.values:
        errors["recommendation"] = _("Vælg en anbefaling.")
    if not (reason or "").strip():
        errors["reason"] = _("Skriv en begrundelse for anbefalingen.")
    if errors:
        raise ValidationError(errors)
    qualification = Qualification.objects.create(
        kommissorium=kommissorium,
        region=region,
        coherence=coherence.strip(),
        synergy=(synergy or "").strip(),
        maturity=maturity,
        recommendation=recommendation,
        reason=reason.strip(),
        assessed_by=actor,
    )
    qualification.related.set(related)
    if kommissorium.stage != Stage.QUALIFIED:
        _set_stage(kommissorium, Stage.QUALIFIED)
        kommissorium.save(update_fields=["stage", "stage_since", "updated_at"])
    log_action(
        actor=actor,
        action=PipelineAuditAction.KOMMISSORIUM_QUALIFY,
        obj=kommissorium,
        data={"region": region.code if region else None, "recommendation": recommendation, "reason": reason.strip()},
    )
    return qualification


def _order_snapshot() -> list[dict]:
    return [
        {"id": e.kommissorium_id, "title": e.kommissorium.title, "rank": e.rank, "priority": e.priority}
        for e in PipelineEntry.objects.select_related("kommissorium").filter(kommissorium__stage=Stage.RANKED)
    ]


@transaction.atomic
def pipeline_place(
    *, actor, kommissorium: Kommissorium, position: int, priority: str, reason: str, target_seminar=None
) -> PipelineEntry:
    """R34: IT5 puts a qualified idea at `position` (1 = first) of its pipeline; the whole order is kept."""
    access.check(access.may_rank(actor))
    kommissorium = Kommissorium.objects.select_for_update().get(pk=kommissorium.pk)
    errors = {}
    if kommissorium.stage not in RANK_FROM:
        errors["__all__"] = _("Kun idéer, PMO5 har kvalificeret, kan prioriteres.")
    if priority not in Priority.values:
        errors["priority"] = _("Vælg en prioritet.")
    if not (reason or "").strip():
        errors["reason"] = _("Skriv en begrundelse for placeringen.")
    if position is None or position < 1:
        errors["position"] = _("Placeringen skal være 1 eller derover.")
    if target_seminar is not None and not getattr(target_seminar, "is_seminar", False):
        errors["target_seminar"] = _("Vælg et strategiseminar.")
    if errors:
        raise ValidationError(errors)
    ranked = list(
        PipelineEntry.objects.select_for_update()
        .filter(kommissorium__stage=Stage.RANKED)
        .exclude(kommissorium=kommissorium)
        .order_by("rank", "pk")
    )
    position = min(position, len(ranked) + 1)
    entry, _created = PipelineEntry.objects.update_or_create(
        kommissorium=kommissorium,
        defaults={
            "priority": priority,
            "rank": position,
            "target_seminar_id": target_seminar.pk if target_seminar else None,
        },
    )
    ranked.insert(position - 1, entry)
    for number, other in enumerate(ranked, start=1):
        if other.rank != number:
            other.rank = number
            other.save(update_fields=["rank"])
    _set_stage(kommissorium, Stage.RANKED)
    kommissorium.save(update_fields=["stage", "stage_since", "updated_at"])
    revision = PipelineRevision.objects.create(order=_order_snapshot(), changed_by=actor, reason=reason.strip())
    log_action(
        actor=actor,
        action=PipelineAuditAction.PIPELINE_RANK,
        obj=kommissorium,
        data={"rank": entry.rank, "priority": priority, "reason": reason.strip(), "revision": revision.pk},
    )
    return entry


@transaction.atomic
def kommissorium_link(*, actor, kommissorium: Kommissorium, pejlemaerke: Pejlemaerke, reason: str) -> Kommissorium:
    """The secretariat records that an existing pejlemærke came from this (submitted) idea, e.g. one decided
    before the portal or started through ØA; the idea then follows its pejlemærke's lifecycle."""
    access.check(is_sekretariat(actor))
    kommissorium = Kommissorium.objects.select_for_update().get(pk=kommissorium.pk)
    errors = {}
    if kommissorium.stage == Stage.DRAFT:
        errors["__all__"] = _("En kladde kan ikke knyttes til et pejlemærke.")
    if Kommissorium.objects.filter(pejlemaerke=pejlemaerke).exclude(pk=kommissorium.pk).exists():
        errors["pejlemaerke"] = _("Pejlemærket har allerede et kommissorium.")
    if not (reason or "").strip():
        errors["reason"] = _("Skriv en begrundelse.")
    if errors:
        raise ValidationError(errors)
    kommissorium.pejlemaerke = pejlemaerke
    if pejlemaerke.state != Lifecycle.IDEA:  # an idea-state pejlemærke still goes through the funnel
        _set_stage(kommissorium, Stage.DECIDED)
    kommissorium.save(update_fields=["pejlemaerke", "stage", "stage_since", "updated_at"])
    log_action(
        actor=actor,
        action=PipelineAuditAction.KOMMISSORIUM_LINK,
        obj=kommissorium,
        data={"pejlemaerke": pejlemaerke.pk, "reason": reason.strip()},
    )
    return kommissorium


@transaction.atomic
def oa_mark(*, actor, pejlemaerke: Pejlemaerke, year: int) -> OAMarking:
    """R34: mark a pejlemærke as started through the ØA negotiations; it still needs its projektgrundlag."""
    access.check(is_sekretariat(actor))
    if not year or not 2000 <= int(year) <= 2100:
        raise ValidationError({"year": _("Angiv ØA-året, fx 2027.")})
    marking, _created = OAMarking.objects.update_or_create(
        pejlemaerke=pejlemaerke, defaults={"year": int(year), "marked_by": actor}
    )
    log_action(actor=actor, action=PipelineAuditAction.OA_MARK, obj=pejlemaerke, data={"year": int(year)})
    return marking


@transaction.atomic
def notice_submit(*, actor, region, title: str, description: str, expected_start, contact: str) -> AcquisitionNotice:
    """A region tells RSI DK it starts a relevant acquisition of its own (for the next RSI DK agenda)."""
    access.check(access.may_give_notice(actor, region))
    notice = AcquisitionNotice(
        region=region,
        title=(title or "").strip(),
        description=(description or "").strip(),
        expected_start=expected_start,
        contact=(contact or "").strip(),
        submitted_by=actor,
    )
    notice.full_clean()
    notice.save()
    log_action(actor=actor, action=PipelineAuditAction.NOTICE_SUBMIT, obj=notice, data={"region": region.code})
    return notice


GOAL_FIELDS = ("title", "description", "period_start", "period_end")


@transaction.atomic
def strategy_goal_save(*, actor, goal: StrategyGoal | None = None, pejlemaerker=None, **fields) -> StrategyGoal:
    """R40: the secretariat keeps RSI DK's strategy goals and which pejlemærker support each."""
    access.check(is_sekretariat(actor))
    goal = goal or StrategyGoal()
    before = {name: audit_value(getattr(goal, name)) for name in GOAL_FIELDS} if goal.pk else {}
    for name in GOAL_FIELDS:
        if name in fields:
            setattr(goal, name, fields[name])
    goal.full_clean()
    goal.save()
    if pejlemaerker is not None:
        goal.pejlemaerker.set(pejlemaerker)
    changes = {
        n: [before.get(n), audit_value(getattr(goal, n))]
        for n in GOAL_FIELDS
        if before.get(n) != audit_value(getattr(goal, n))
    }
    if pejlemaerker is not None:
        changes["pejlemaerker"] = sorted(p.pk for p in pejlemaerker)
    log_action(actor=actor, action=PipelineAuditAction.GOAL_SAVE, obj=goal, data=changes)
    return goal

"""R34: the strategy seminars. The agenda is drafted from IT5's pipeline (one item per idea, the
kommissorium appended as Bilag); the secretariat records each decision, which moves the idea's
lifecycle (R2) with the decision as reason and link. Regional acquisition notices land on the next
RSI DK agenda as orientations. Writes go through the governance and portfolio services."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from governance import selectors as governance_selectors
from governance import services as governance_services
from governance.selectors import Outcome, Standing
from portfolio import services as portfolio_services
from portfolio.audit import log_action
from portfolio.models import (
    AcquisitionNotice,
    BodyKind,
    Kommissorium,
    OAMarking,
    PipelineAuditAction,
    PipelineEntry,
    Priority,
    Region,
    SeminarItem,
    SeminarOutcome,
    Stage,
)
from portfolio.rules import Lifecycle
from rsi_portal.formatting import format_kr

from . import access
from .pdf import kommissorium_pdf

OUTCOME_FOR = {
    SeminarOutcome.PIPELINE: Outcome.APPROVED,
    SeminarOutcome.PARKED: Outcome.POSTPONED,
    SeminarOutcome.REJECTED: Outcome.REJECTED,
}
STAGE_FOR = {
    SeminarOutcome.PIPELINE: Stage.DECIDED,
    SeminarOutcome.PARKED: Stage.PARKED,
    SeminarOutcome.REJECTED: Stage.REJECTED,
}


def _seminar_or_refuse(meeting) -> None:
    if not meeting.is_seminar or meeting.body.kind != BodyKind.RSI_DK:
        raise ValidationError(_("Mødet er ikke et strategiseminar i RSI DK."))


def _item_texts(k: Kommissorium, entry: PipelineEntry) -> dict:
    cost = f"{format_kr(k.rough_cost)} kr." if k.rough_cost is not None else _("Ikke anslået")
    regions = ", ".join(r.code for r in k.regions.all()) or "–"
    return {
        "title": (_("Kommissorium: %(title)s") % {"title": k.title})[:200],
        "case_handler": "RSI-sekretariatet",
        "resume": _("IT5 har prioriteret idéen som nr. %(rank)s i pipelinen (prioritet %(priority)s).")
        % {"rank": entry.rank, "priority": Priority(entry.priority).label.lower()},
        "indstilling": _("at RSI DK beslutter, om idéen optages i pipelinen med prioritet, parkeres eller afvises"),
        "sagsfremstilling": f"{k.problem}\n\n{_('Forventede gevinster')}: {k.benefits}\n{_('Regioner')}: {regions}",
        "oekonomi": _("Anslået økonomi: %(cost)s. Tidsramme: %(time)s.") % {"cost": cost, "time": k.timeframe or "–"},
    }


@transaction.atomic
def seminar_agenda_draft(*, actor, meeting) -> list[SeminarItem]:
    """R34: the standing items, then one item per idea IT5 has ranked for this seminar (or for no seminar
    in particular), in IT5's order, each with the kommissorium as Bilag."""
    access.check(access.may_decide_seminar(actor))
    _seminar_or_refuse(meeting)
    governance_services.agenda_draft(actor=actor, meeting=meeting)
    have = set(SeminarItem.objects.filter(meeting_id=meeting.pk).values_list("kommissorium_id", flat=True))
    entries = (
        PipelineEntry.objects.filter(kommissorium__stage=Stage.RANKED)
        .filter(target_seminar_id__in=[meeting.pk, None])
        .exclude(kommissorium_id__in=have)
        .select_related("kommissorium__proposer")
        .prefetch_related("kommissorium__regions")
        .order_by("rank")
    )
    created = []
    for entry in entries:
        k = entry.kommissorium
        item = governance_services.agenda_item_save(actor=actor, meeting=meeting, **_item_texts(k, entry))
        upload = SimpleUploadedFile(
            f"kommissorium-{slugify(k.title)[:40] or k.pk}.pdf", kommissorium_pdf(k), content_type="application/pdf"
        )
        governance_services.attachment_add(actor=actor, item=item, title=_("Kommissorium: %s") % k.title, upload=upload)
        created.append(SeminarItem.objects.create(kommissorium=k, meeting_id=meeting.pk, agenda_item_id=item.pk))
    log_action(actor=actor, action=PipelineAuditAction.SEMINAR_AGENDA, obj=meeting, data={"ideas": len(created)})
    return created


def _reference(meeting, item) -> str:
    return _("RSI DK's strategiseminar %(day)s, punkt %(number)s") % {
        "day": meeting.day.strftime("%d.%m.%Y"),
        "number": item.number,
    }


def _pejlemaerke_for(actor, k: Kommissorium):
    """The idea's pejlemærke, created (in state idé) from the kommissorium when the seminar takes it in."""
    if k.pejlemaerke_id:
        return k.pejlemaerke
    regions = list(k.regions.all())
    leading = k.leading_region or (regions[0] if regions else Region.objects.first())
    pejlemaerke = portfolio_services.pejlemaerke_create(
        actor=actor,
        name=k.title,
        type=k.type,
        leading_region=leading,
        description=k.problem,
        goal=k.benefits,
    )
    k.pejlemaerke = pejlemaerke
    if k.oa_year:
        OAMarking.objects.get_or_create(pejlemaerke=pejlemaerke, defaults={"year": k.oa_year, "marked_by": actor})
    return pejlemaerke


@transaction.atomic
def seminar_decide(
    *, actor, seminar_item: SeminarItem, outcome: str, reason: str, priority: str = "", decided_on=None
) -> SeminarItem:
    """R34: the seminar's decision on one idea: into the pipeline (with priority), parked, or rejected.

    It is recorded in the decision protocol under the idea's agenda item and moves the idea's lifecycle
    (R2): into the pipeline moves its pejlemærke from idé to pipeline; rejecting a pejlemærke stops it."""
    access.check(access.may_decide_seminar(actor))
    seminar_item = SeminarItem.objects.select_for_update().get(pk=seminar_item.pk)
    reason = (reason or "").strip()
    errors = {}
    if seminar_item.outcome:
        errors["__all__"] = _("Seminarets beslutning om idéen er allerede registreret.")
    if outcome not in SeminarOutcome.values:
        errors["outcome"] = _("Vælg optag i pipelinen, parkér eller afvis.")
    if not reason:
        errors["reason"] = _("Skriv seminarets begrundelse.")
    if outcome == SeminarOutcome.PIPELINE and priority not in Priority.values:
        errors["priority"] = _("Vælg en prioritet for idéen i pipelinen.")
    if errors:
        raise ValidationError(errors)
    item = governance_selectors.agenda_item_with_meeting(seminar_item.agenda_item_id)
    meeting = item.meeting
    decided_on = decided_on or meeting.day
    k = Kommissorium.objects.select_for_update().get(pk=seminar_item.kommissorium_id)
    label = SeminarOutcome(outcome).label
    text = f"{label}" + (f" ({_('prioritet')} {Priority(priority).label.lower()})" if priority else "") + f": {reason}"
    decision = governance_services.agenda_item_decide(
        actor=actor, item=item, outcome=OUTCOME_FOR[outcome], text=text, decided_on=decided_on
    )
    reference = _reference(meeting, item)
    why = f"{reference}: {text}"
    if outcome == SeminarOutcome.PIPELINE:
        pejlemaerke = _pejlemaerke_for(actor, k)
        if pejlemaerke.state == Lifecycle.IDEA:
            portfolio_services.pejlemaerke_transition(
                actor=actor, pejlemaerke=pejlemaerke, to_state=Lifecycle.PIPELINE, reason=why
            )
        PipelineEntry.objects.filter(kommissorium=k).update(priority=priority)
    elif outcome == SeminarOutcome.REJECTED and k.pejlemaerke_id and k.pejlemaerke.state != Lifecycle.CLOSED:
        portfolio_services.pejlemaerke_stop(
            actor=actor, pejlemaerke=k.pejlemaerke, reason=why, decided_on=decided_on, decision_reference=reference
        )
    k.stage, k.stage_since = STAGE_FOR[outcome], timezone.now()
    k.save(update_fields=["stage", "stage_since", "pejlemaerke", "updated_at"])
    seminar_item.outcome, seminar_item.priority, seminar_item.reason = outcome, priority or "", reason
    seminar_item.decision_id, seminar_item.decided_by, seminar_item.decided_at = decision.pk, actor, timezone.now()
    seminar_item.save()
    log_action(
        actor=actor,
        action=PipelineAuditAction.SEMINAR_DECIDE,
        obj=k,
        data={
            "outcome": outcome,
            "priority": priority,
            "reason": reason,
            "decision": decision.pk,
            "meeting": meeting.pk,
        },
    )
    return seminar_item


@transaction.atomic
def notices_to_agenda(*, actor, meeting) -> int:
    """Every regional acquisition notice not yet on an agenda becomes an orientation on this RSI DK meeting:
    added to its Orienteringer item (drafted if missing)."""
    access.check(access.may_decide_seminar(actor))
    if meeting.body.kind != BodyKind.RSI_DK:
        raise ValidationError(_("Orienteringer fra regionerne går til RSI DK."))
    notices = list(AcquisitionNotice.objects.select_for_update().filter(agenda_item_id__isnull=True).order_by("pk"))
    if not notices:
        return 0
    governance_services.agenda_draft(actor=actor, meeting=meeting)
    item = governance_selectors.standing_item(meeting, Standing.ORIENTERING)
    lines = [
        _("%(region)s igangsætter anskaffelsen »%(title)s« (forventet start %(start)s, kontakt %(contact)s): %(text)s")
        % {
            "region": n.region.name,
            "title": n.title,
            "start": n.expected_start.strftime("%d.%m.%Y"),
            "contact": n.contact,
            "text": n.description,
        }
        for n in notices
    ]
    text = "\n".join(filter(None, [item.sagsfremstilling.strip(), *lines]))
    governance_services.agenda_item_save(actor=actor, meeting=meeting, item=item, sagsfremstilling=text)
    for notice in notices:
        notice.agenda_item_id = item.pk
        notice.save(update_fields=["agenda_item_id"])
        log_action(actor=actor, action=PipelineAuditAction.NOTICE_AGENDA, obj=notice, data={"meeting": meeting.pk})
    return len(notices)

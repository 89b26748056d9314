"""R25: raising an escalation along one of its paths, the log entry, the agenda item it drafts for the receiving
body's next meeting, and the decision that closes it (recorded through decision_record)."""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portfolio.audit import log_action
from portfolio.models import Body, BodyMembership
from rsi_portal.permissions import is_sekretariat

from .. import rules, selectors
from ..escalations import escalation_path
from ..models import AgendaItem, Decision, Escalation, EscalationAuditAction, EscalationKind, Meeting, Outcome
from .numbering import agenda_item_draft

REASON_MAX = 4000
CLOSING = (Outcome.APPROVED, Outcome.REJECTED)  # Udsat leaves the escalation open


def may_raise_escalation(user, from_body: Body) -> bool:
    """Only the source body's members (its chair included) or the secretariat raise an escalation from it."""
    if is_sekretariat(user):
        return True
    if not (user and user.is_authenticated and user.is_active):
        return False
    return BodyMembership.objects.filter(body=from_body, user=user).exists()


def receiving_meeting(to_body: Body, today: date) -> Meeting | None:
    """The receiving body's next meeting after today (R25), or None: the entry then waits."""
    return selectors.upcoming_meetings(after=today + timedelta(days=1), body=to_body).first()


@transaction.atomic
def escalation_raise(*, actor, from_body: Body, kind: str, reason: str, today: date | None = None, **subject):
    """R25 from a source's page: the source body's member or chair, or the secretariat, raises it."""
    if not may_raise_escalation(actor, from_body):
        raise PermissionDenied
    return escalation_record(actor=actor, from_body=from_body, kind=kind, reason=reason, today=today, **subject)


@transaction.atomic
def escalation_record(
    *, actor, from_body: Body, kind: str, reason: str, pejlemaerke=None, joint_system=None, matter=None, today=None
) -> Escalation:
    """Write the log entry and draft the agenda item on the receiving body's next meeting. For callers that have
    checked their own permission (matter_escalate: the secretariat records IT5's escalation)."""
    today = today or timezone.localdate()
    errors = {}
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = _("Skriv hvorfor sagen eskaleres.")
    elif len(reason) > REASON_MAX:
        errors["reason"] = _("Begrundelsen må højst være %(n)d tegn.") % {"n": REASON_MAX}
    path = escalation_path(from_body.kind, kind)
    if path is None:
        errors["kind"] = _("%(body)s kan ikke eskalere en sag af typen »%(kind)s«.") % {
            "body": from_body.get_kind_display().split(" (")[0],
            "kind": EscalationKind(kind).label if kind in EscalationKind.values else kind,
        }
    if not (pejlemaerke or joint_system or matter):
        errors["__all__"] = _("Vælg hvad eskalationen handler om.")
    if errors:
        raise ValidationError(errors)
    route = rules.escalation_route(path)
    to_body = Body.objects.get(kind=route.body)
    subject = matter or joint_system or pejlemaerke
    escalation = Escalation(
        source=path,
        kind=kind,
        from_body=from_body,
        to_body=to_body,
        pejlemaerke=pejlemaerke or getattr(matter, "pejlemaerke", None),
        joint_system=joint_system or getattr(matter, "joint_system", None),
        matter=matter,
        reason=reason,
        route_reason=route.reason,
        raised_on=today,
        raised_by=actor,
    )
    meeting = receiving_meeting(to_body, today)
    if meeting is not None:
        escalation.item = _draft_item(actor=actor, escalation=escalation, meeting=meeting, subject=subject)
    escalation.full_clean()
    escalation.save()
    log_action(
        actor=actor,
        action=EscalationAuditAction.RAISE,
        obj=escalation,
        data={
            "path": path,
            "kind": kind,
            "to": to_body.kind,
            "meeting": str(meeting.day) if meeting else None,
            "item": escalation.item.number if escalation.item else None,
        },
    )
    return escalation


def _draft_item(*, actor, escalation: Escalation, meeting: Meeting, subject) -> AgendaItem:
    names = {
        "from": escalation.from_body.name,
        "to": escalation.to_body.get_kind_display().split(" (")[0],
        "subject": str(subject),
    }
    return agenda_item_draft(
        actor=actor,
        meeting=meeting,
        title=(_("Eskalation fra %(from)s: %(subject)s") % names)[:200],
        resume=escalation.reason,
        indstilling=_("at %(to)s træffer beslutning i den eskalerede sag.") % names,
        sagsfremstilling=escalation.route_reason,
        case_handler="RSI-sekretariatet",
        matter=escalation.matter,
    )


@transaction.atomic
def escalations_place_waiting(*, actor, meeting: Meeting) -> list[Escalation]:
    """A meeting is planned: the receiving body's waiting escalations raised before it go on its agenda."""
    placed = []
    waiting = Escalation.objects.select_for_update(of=("self",)).filter(
        to_body_id=meeting.body_id, item__isnull=True, decision__isnull=True, raised_on__lt=meeting.day
    )
    for escalation in waiting.select_related("from_body", "to_body", "matter", "joint_system", "pejlemaerke"):
        if selectors.upcoming_meetings(after=escalation.raised_on + timedelta(days=1), body=meeting.body).first() != (
            meeting
        ):
            continue  # an earlier meeting exists; the escalation belongs there
        escalation.item = _draft_item(actor=actor, escalation=escalation, meeting=meeting, subject=escalation.subject)
        escalation.save(update_fields=["item"])
        log_action(
            actor=actor,
            action=EscalationAuditAction.PLACE,
            obj=escalation,
            data={"meeting": str(meeting.day), "item": escalation.item.number},
        )
        placed.append(escalation)
    return placed


def escalation_decided(*, actor, decision: Decision) -> Escalation | None:
    """Called by decision_record: a decision on the escalation's agenda item (or on its matter, by the body it
    went to) fills in decided on, outcome and the link. Udsat leaves it open."""
    if decision.outcome not in CLOSING:
        return None
    open_ = Escalation.objects.select_for_update().filter(decision__isnull=True, to_body_id=decision.body_id)
    escalation = open_.filter(item_id=decision.item_id).first() if decision.item_id else None
    if escalation is None and decision.content_type.model == "matter":
        escalation = open_.filter(matter_id=decision.object_id).first()
    if escalation is None:
        return None
    escalation.decision = decision
    escalation.decided_on = decision.decided_on
    escalation.outcome = decision.outcome
    escalation.save(update_fields=["decision", "decided_on", "outcome"])
    log_action(
        actor=actor,
        action=EscalationAuditAction.DECIDE,
        obj=escalation,
        data={"decision": decision.pk, "outcome": decision.outcome, "decided_on": str(decision.decided_on)},
    )
    return escalation

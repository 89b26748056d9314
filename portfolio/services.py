"""Every write to the portfolio: atomic, permission-checked, audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from rsi_portal.permissions import require, sync_object_permissions
from rsi_portal.services import audit_value, model_update

from . import hooks
from .audit import log_action
from .models import (
    AuditAction,
    Body,
    BodyKind,
    BodyMembership,
    MemberRole,
    Participation,
    Pejlemaerke,
    PejlemaerkeTransition,
    Region,
    RegionContact,
)
from .rules import Closure, Lifecycle, ParticipationStatus, allowed_transitions, can_stop, participation_is_valid

PEJLEMAERKE_FIELDS = (
    "name",
    "short_name",
    "type",
    "is_programme",
    "description",
    "goal",
    "leading_region",
    "project_leader",
)


def opt_out_error_message() -> str:
    return _(
        "Skriv en forklaring. En region kan kun afstå eller afvente med en forklaring på, hvordan den "
        "når målet og gevinsterne inden for den aftalte tidsramme (følg eller forklar)."
    )


def _sync_people(*users) -> None:
    for user in {u for u in users if u is not None}:
        sync_object_permissions(user)


@transaction.atomic
def pejlemaerke_create(*, actor, **fields) -> Pejlemaerke:
    """Create a pejlemærke with its styregruppe, five participations and its project(s) (R1, R3)."""
    require(actor, "portfolio.add_pejlemaerke")
    unknown = set(fields) - set(PEJLEMAERKE_FIELDS) - {"state", "closure"}  # state, closure: imported history
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    pejlemaerke = Pejlemaerke(**fields)
    if pejlemaerke.closure:
        pejlemaerke.closed_on = timezone.localdate()
    pejlemaerke.full_clean()
    steering_group = Body.objects.create(kind=BodyKind.STYREGRUPPE, name=_("Styregruppe for %s") % pejlemaerke.name)
    pejlemaerke.steering_group = steering_group
    pejlemaerke.save()
    regions = list(Region.objects.all())
    bulk_create_with_history([Participation(pejlemaerke=pejlemaerke, region=r) for r in regions], Participation)
    for created in hooks.pejlemaerke_created:
        created(pejlemaerke, regions)
    log_action(actor=actor, action=AuditAction.PEJLEMAERKE_CREATE, obj=pejlemaerke, data={"type": pejlemaerke.type})
    _sync_people(pejlemaerke.project_leader)
    return pejlemaerke


@transaction.atomic
def pejlemaerke_update(*, actor, pejlemaerke: Pejlemaerke, **fields) -> Pejlemaerke:
    """Change a pejlemærke's fields (not its state: R2 moves go through pejlemaerke_transition).

    The audit entry records {field: [old, new]}; an edit that changes nothing saves nothing.
    """
    require(actor, "portfolio.change_pejlemaerke", pejlemaerke)
    # Read from the database: a bound ModelForm has already put the new leader on the instance.
    previous_leader = Pejlemaerke.objects.select_related("project_leader").get(pk=pejlemaerke.pk).project_leader
    changes = model_update(instance=pejlemaerke, data=fields, fields=PEJLEMAERKE_FIELDS)
    if not changes:
        return pejlemaerke
    if "project_leader" in changes:
        for leader_changed in hooks.pejlemaerke_leader_changed:
            leader_changed(pejlemaerke, previous_leader)
    log_action(actor=actor, action=AuditAction.PEJLEMAERKE_UPDATE, obj=pejlemaerke, data=changes)
    _sync_people(previous_leader, pejlemaerke.project_leader)
    return pejlemaerke


@transaction.atomic
def pejlemaerke_transition(*, actor, pejlemaerke: Pejlemaerke, to_state: str, reason: str) -> PejlemaerkeTransition:
    """R2: move a pejlemærke along its lifecycle; the only place that changes `state`."""
    require(actor, "portfolio.change_pejlemaerke", pejlemaerke)
    pejlemaerke = Pejlemaerke.objects.select_for_update().get(pk=pejlemaerke.pk)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Skriv en begrundelse for skiftet.")})
    if to_state not in allowed_transitions(pejlemaerke.state):
        raise ValidationError(
            {
                "to_state": _("Et pejlemærke kan ikke gå fra »%(from)s« til »%(to)s«.")
                % {
                    "from": Lifecycle(pejlemaerke.state).label,
                    "to": Lifecycle(to_state).label if to_state in Lifecycle.values else to_state,
                }
            }
        )
    problems = [problem for check in hooks.lifecycle_checks for problem in check(pejlemaerke, to_state)]
    if problems:
        raise ValidationError({"to_state": problems})
    transition = PejlemaerkeTransition.objects.create(
        pejlemaerke=pejlemaerke,
        from_state=pejlemaerke.state,
        to_state=to_state,
        reason=reason.strip(),
        decided_by=actor,
    )
    pejlemaerke.state = to_state
    if to_state == Lifecycle.CLOSED:  # this way out is the completed closure (R2); stopping is pejlemaerke_stop
        pejlemaerke.closure, pejlemaerke.closed_on = Closure.COMPLETED, timezone.localdate()
    pejlemaerke.save(update_fields=["state", "closure", "closed_on", "updated_at"])
    for changed in hooks.lifecycle_changed:
        changed(pejlemaerke, transition.from_state, to_state)
    log_action(
        actor=actor,
        action=AuditAction.PEJLEMAERKE_TRANSITION,
        obj=pejlemaerke,
        data={"state": [transition.from_state, to_state], "reason": transition.reason},
    )
    return transition


def _stop_errors(pejlemaerke: Pejlemaerke, reason: str, decided_on, decision_reference: str) -> dict:
    errors = {}
    if not can_stop(pejlemaerke.state):
        errors["to_state"] = _("Pejlemærket er lukket. Lukket er endeligt.")
    if not reason:
        errors["reason"] = _("Skriv RSI DK's begrundelse for at stoppe pejlemærket.")
    if decided_on is None:
        errors["decided_on"] = _("Angiv datoen for RSI DK's beslutning.")
    if not decision_reference:
        errors["decision_reference"] = _("Angiv RSI DK's beslutning, fx møde og punkt.")
    return errors


@transaction.atomic
def pejlemaerke_stop(
    *, actor, pejlemaerke: Pejlemaerke, reason: str, decided_on, decision_reference: str
) -> PejlemaerkeTransition:
    """R2: RSI DK stops a pejlemærke before completion, at any stage: it ends closed, recorded as stopped
    with RSI DK's decision (in the decision protocol when governance is there) and reason, and needs no
    afslutningsrapport."""
    require(actor, "portfolio.change_pejlemaerke", pejlemaerke)
    pejlemaerke = Pejlemaerke.objects.select_for_update().get(pk=pejlemaerke.pk)
    reason, decision_reference = (reason or "").strip(), (decision_reference or "").strip()
    errors = _stop_errors(pejlemaerke, reason, decided_on, decision_reference)
    if errors:
        raise ValidationError(errors)
    transition = PejlemaerkeTransition.objects.create(
        pejlemaerke=pejlemaerke,
        from_state=pejlemaerke.state,
        to_state=Lifecycle.CLOSED,
        reason=reason,
        decided_by=actor,
    )
    rsi_dk = Body.objects.filter(kind=BodyKind.RSI_DK).first()
    text = _("RSI DK stopper pejlemærket: %(reason)s") % {"reason": reason}
    decisions = [
        record(actor=actor, subject=pejlemaerke, body=rsi_dk, text=text, decided_on=decided_on)
        for record in (hooks.decision_recorders if rsi_dk else ())
    ]
    changes = model_update(
        instance=pejlemaerke,
        data={
            "state": Lifecycle.CLOSED,
            "closure": Closure.STOPPED,
            "closed_on": decided_on,
            "stop_decision_reference": decision_reference,
            "stop_decision_id": decisions[0].pk if decisions else None,
        },
    )
    for changed in hooks.lifecycle_changed:
        changed(pejlemaerke, transition.from_state, Lifecycle.CLOSED)
    log_action(
        actor=actor,
        action=AuditAction.PEJLEMAERKE_STOP,
        obj=pejlemaerke,
        data={**changes, "reason": reason, "decision_reference": decision_reference},
    )
    return transition


@transaction.atomic
def participation_set(
    *, actor, pejlemaerke: Pejlemaerke, region: Region, status: str, explanation: str = ""
) -> Participation:
    """R3: record a region's participation; opting out needs an explanation."""
    require(actor, "portfolio.change_participation", pejlemaerke)
    explanation = (explanation or "").strip()
    if status not in ParticipationStatus.values:
        raise ValidationError({"status": _("Vælg deltager, afstår eller afventer.")})
    if not participation_is_valid(status, explanation):
        raise ValidationError({"explanation": opt_out_error_message()})
    participation, _created = Participation.objects.select_for_update().get_or_create(
        pejlemaerke=pejlemaerke, region=region
    )
    changes = model_update(instance=participation, data={"status": status, "explanation": explanation})
    if changes:
        for changed in hooks.participation_changed:
            changed(pejlemaerke, region)
        log_action(
            actor=actor,
            action=AuditAction.PARTICIPATION_SET,
            obj=pejlemaerke,
            data={"region": region.code, **changes},
        )
    return participation


@transaction.atomic
def body_member_set(
    *, actor, body: Body, user, role: str = MemberRole.MEMBER, region=None, organisation: str = "", title: str = ""
) -> BodyMembership:
    """Make `user` a member of `body` with this role (one chair per body: a new chair demotes the old).

    The audit entry records {field: [old, new]} (old is None for a new member).
    """
    require(actor, "portfolio.change_body", body)
    if role == MemberRole.CHAIR:
        BodyMembership.objects.filter(body=body, role=MemberRole.CHAIR).exclude(user=user).update(
            role=MemberRole.MEMBER
        )
    values = {"role": role, "region": region, "organisation": organisation, "title": title}
    # order_by("pk"): the model's default ordering joins the nullable region, which FOR UPDATE refuses.
    membership = BodyMembership.objects.select_for_update().filter(body=body, user=user).order_by("pk").first()
    if membership is None:
        membership = BodyMembership.objects.create(body=body, user=user, **values)
        changes = {name: [None, audit_value(value)] for name, value in values.items() if value not in (None, "")}
    else:
        changes = model_update(instance=membership, data=values)
    if changes:
        log_action(actor=actor, action=AuditAction.BODY_MEMBER_SET, obj=body, data={"user": user.username, **changes})
    sync_object_permissions(user)
    return membership


@transaction.atomic
def region_contact_add(*, actor, region: Region, user) -> RegionContact:
    require(actor, "portfolio.change_region", region)
    contact, _created = RegionContact.objects.get_or_create(region=region, user=user)
    log_action(actor=actor, action=AuditAction.REGION_CONTACT_ADD, obj=region, data={"user": user.username})
    sync_object_permissions(user)
    return contact

"""Every write to the portfolio: atomic, permission-checked, audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from rsi_portal.permissions import require, sync_object_permissions

from .audit import log_action
from .models import (
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
from .rules import Lifecycle, ParticipationStatus, PejlemaerkeType, allowed_transitions, participation_is_valid

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
    from projects.models import Project

    unknown = set(fields) - set(PEJLEMAERKE_FIELDS) - {"state"}
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    pejlemaerke = Pejlemaerke(**fields)
    pejlemaerke.full_clean()
    steering_group = Body.objects.create(kind=BodyKind.STYREGRUPPE, name=_("Styregruppe for %s") % pejlemaerke.name)
    pejlemaerke.steering_group = steering_group
    pejlemaerke.save()
    regions = list(Region.objects.all())
    bulk_create_with_history([Participation(pejlemaerke=pejlemaerke, region=r) for r in regions], Participation)
    if pejlemaerke.type == PejlemaerkeType.MONITORERING:
        bulk_create_with_history(
            [Project(pejlemaerke=pejlemaerke, region=r, name=f"{pejlemaerke.name} – {r.name}") for r in regions],
            Project,
        )
    else:
        Project.objects.create(pejlemaerke=pejlemaerke, name=pejlemaerke.name, leader=pejlemaerke.project_leader)
    log_action(actor=actor, action="pejlemaerke.create", obj=pejlemaerke, data={"type": pejlemaerke.type})
    _sync_people(pejlemaerke.project_leader)
    return pejlemaerke


@transaction.atomic
def pejlemaerke_update(*, actor, pejlemaerke: Pejlemaerke, **fields) -> Pejlemaerke:
    require(actor, "portfolio.change_pejlemaerke", pejlemaerke)
    unknown = set(fields) - set(PEJLEMAERKE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    before = {name: str(getattr(pejlemaerke, name)) for name in fields}
    previous_leader = pejlemaerke.project_leader
    for name, value in fields.items():
        setattr(pejlemaerke, name, value)
    pejlemaerke.full_clean()
    pejlemaerke.save()
    if "project_leader" in fields and previous_leader != pejlemaerke.project_leader:
        pejlemaerke.projects.filter(region__isnull=True, leader=previous_leader).update(
            leader=pejlemaerke.project_leader
        )
    changes = {
        k: [before[k], str(getattr(pejlemaerke, k))] for k in fields if before[k] != str(getattr(pejlemaerke, k))
    }
    if changes:
        log_action(actor=actor, action="pejlemaerke.update", obj=pejlemaerke, data=changes)
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
    # --- Phases and gates (R2): into the portfolio with the projektgrundlag approved by RSI DK; closed
    # with the afslutningsrapport approved by the steering group, then RSI DK (projects.rules).
    from projects.rules import lifecycle_document_problems
    from projects.selectors import lifecycle_document_facts

    problems = lifecycle_document_problems(to_state, **lifecycle_document_facts(pejlemaerke))
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
    pejlemaerke.save(update_fields=["state", "updated_at"])
    log_action(
        actor=actor,
        action="pejlemaerke.transition",
        obj=pejlemaerke,
        data={"from": transition.from_state, "to": to_state, "reason": transition.reason},
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
    before = (participation.status, participation.explanation)
    participation.status, participation.explanation = status, explanation
    participation.full_clean()
    participation.save()
    if before != (status, explanation):
        log_action(
            actor=actor,
            action="participation.set",
            obj=pejlemaerke,
            data={"region": region.code, "status": status, "explanation": explanation},
        )
    return participation


@transaction.atomic
def body_member_set(
    *, actor, body: Body, user, role: str = MemberRole.MEMBER, region=None, organisation: str = "", title: str = ""
) -> BodyMembership:
    require(actor, "portfolio.change_body", body)
    if role == MemberRole.CHAIR:
        BodyMembership.objects.filter(body=body, role=MemberRole.CHAIR).exclude(user=user).update(
            role=MemberRole.MEMBER
        )
    membership, _created = BodyMembership.objects.update_or_create(
        body=body,
        user=user,
        defaults={"role": role, "region": region, "organisation": organisation, "title": title},
    )
    log_action(actor=actor, action="body.member_set", obj=body, data={"user": user.username, "role": role})
    sync_object_permissions(user)
    return membership


@transaction.atomic
def region_contact_add(*, actor, region: Region, user) -> RegionContact:
    require(actor, "portfolio.change_region", region)
    contact, _created = RegionContact.objects.get_or_create(region=region, user=user)
    log_action(actor=actor, action="region.contact_add", obj=region, data={"user": user.username})
    sync_object_permissions(user)
    return contact

"""Decisions, matters for decision and their route (R24–R26), IT5's escalation (R25), and the
system-responsible region that SYS recommends and RSI DK decides (R33)."""

from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portfolio.audit import log_action
from portfolio.models import Body, BodyKind
from rsi_portal.formatting import kroner
from rsi_portal.permissions import require
from rsi_portal.services import model_update

from .. import rules, selectors
from ..models import AuditAction, Decision, JointSystem, Matter, MatterStatus, OperatingBudget, Outcome
from .escalations import escalation_decided, escalation_record

BODY_RANK = {"SYS": 0, "IT5": 1, "RSI_DK": 2}
MATTER_FIELDS = (
    "title",
    "description",
    "kind",
    "amount",
    "year",
    "pejlemaerke",
    "project",
    "joint_system",
    "recommended_region",
)


@transaction.atomic
def decision_record(
    *, actor, subject, body, outcome, text, decided_on, conditions="", meeting=None, item=None
) -> Decision:
    """Record a body's decision (approved/rejected/postponed) on any subject; earlier decisions stay.

    `item` is the agenda item it was taken under: the decision then has the item's R29 access."""
    require(actor, "governance.add_decision")
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Vælg godkendt, afvist eller udsat.")})
    responsibility = isinstance(subject, Matter) and subject.kind == rules.Kind.SYSTEM_RESPONSIBLE
    if responsibility and body.kind != subject.route_body:
        raise ValidationError(_("Den systemansvarlige region besluttes af RSI DK på SYS' indstilling."))
    decision = Decision(
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        body=body,
        outcome=outcome,
        text=(text or "").strip(),
        conditions=(conditions or "").strip(),
        decided_on=decided_on,
        meeting=meeting,
        item=item,
        recorded_by=actor,
    )
    decision.full_clean()
    decision.save()
    data = {"subject": f"{subject._meta.label_lower}:{subject.pk}", "outcome": outcome, "body": body.kind}
    if isinstance(subject, Matter):
        data.update(model_update(instance=subject, data={"status": outcome}))
    log_action(actor=actor, action=AuditAction.DECISION_RECORD, obj=decision, data=data)
    escalation_decided(actor=actor, decision=decision)  # R25: the decision closes its escalation in the log
    if responsibility and outcome == Outcome.APPROVED:
        _responsibility_decided(actor=actor, matter=subject)
    return decision


def _responsibility_decided(*, actor, matter: Matter) -> None:
    """R33: RSI DK approved SYS's recommendation, so the recommended region becomes system-responsible."""
    system = JointSystem.objects.select_for_update().get(pk=matter.joint_system_id)
    changes = model_update(instance=system, data={"responsible_region": matter.recommended_region})
    if changes:
        log_action(
            actor=actor,
            action=AuditAction.JOINT_SYSTEM_RESPONSIBILITY,
            obj=system,
            data={**changes, "matter": matter.pk},
        )


def approval_record(*, actor, subject, body, text, decided_on) -> Decision:
    """An approval another app records through portfolio.hooks.decision_recorders (a passed gate, R6)."""
    return decision_record(
        actor=actor, subject=subject, body=body, outcome=Outcome.APPROVED, text=text, decided_on=decided_on
    )


def matter_decision_record(*, actor, matter: Matter, **decision) -> Decision:
    """A decision on a matter by the body it was routed to."""
    body = selectors.route_body(matter)
    return decision_record(actor=actor, subject=matter, body=body, **decision)


def matter_route(*, kind, amount, year, joint_system=None, escalated_from="", exclude_matter=None) -> rules.Route:
    """R24/R25/R26 for a concrete matter: SYS only within what is left of the system's budget."""
    amount = Decimal(amount)
    develops_system = kind == rules.Kind.SYSTEM_DEVELOPMENT and joint_system is not None
    left = None
    if develops_system:
        left = selectors.operating_budget_left(joint_system, year, exclude_matter=exclude_matter)
    within = rules.within_operating_budget(amount, left=left)
    route = rules.route_approval(amount, kind=kind, within_operating_budget=within)
    if develops_system:
        names = {"system": joint_system.name, "year": year}
        if left is None:
            note = _("%(system)s har ikke noget driftsbudget registreret for %(year)s.") % names
        else:
            note = _("Der er %(left)s tilbage af driftsbudgettet for %(system)s i %(year)s.") % {
                **names,
                "left": kroner(left),
            }
        route = rules.Route(route.body, f"{route.reason} {note}" if within else f"{note} {route.reason}")
    if escalated_from:
        escalation = rules.escalation_route(escalated_from)
        if BODY_RANK[escalation.body] > BODY_RANK[route.body]:
            without = _("Uden eskaleringen ville %(body)s godkende:") % {"body": route.body_label}
            route = rules.Route(escalation.body, f"{escalation.reason} {without} {route.reason}")
        elif escalation.body != route.body:
            route = rules.Route(route.body, f"{route.reason} ({escalation.reason})")
        else:
            route = rules.Route(route.body, f"{escalation.reason} {route.reason}")
    return route


@transaction.atomic
def matter_escalate(*, actor, matter: Matter, reason: str, kind: str = "strategic") -> Matter:
    """R25: IT5 escalates an open matter routed to it to RSI DK; the route's reason says why (R26).

    The escalation log gets its entry, with an item drafted for RSI DK's next meeting."""
    require(actor, "governance.change_matter", matter)
    matter = Matter.objects.select_for_update(of=("self",)).select_related("joint_system").get(pk=matter.pk)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Skriv hvorfor IT5 eskalerer sagen.")})
    if not matter.escalatable_from_it5:
        raise ValidationError(_("Kun en åben sag hos IT5 kan eskaleres fra IT5 til RSI DK."))
    route = matter_route(
        kind=matter.kind,
        amount=matter.amount,
        year=matter.year,
        joint_system=matter.joint_system,
        escalated_from=rules.Source.IT5,
        exclude_matter=matter,
    )
    changes = model_update(
        instance=matter,
        data={
            "escalated_from": rules.Source.IT5,
            "route_body": route.body,
            "route_reason": f"{route.reason} " + _("IT5's begrundelse: %(reason)s") % {"reason": reason},
            "status": MatterStatus.OPEN,
        },
    )
    log_action(actor=actor, action=AuditAction.MATTER_ESCALATE, obj=matter, data=changes)
    escalation_record(
        actor=actor, from_body=Body.objects.get(kind=BodyKind.IT5), kind=kind, reason=reason, matter=matter
    )
    return matter


@transaction.atomic
def matter_create(*, actor, escalated_from: str = "", **fields) -> Matter:
    """Create a matter for decision and route it (R24–R26); the route and its reason are stored."""
    require(actor, "governance.add_matter")
    return matter_open(actor=actor, escalated_from=escalated_from, **fields)


@transaction.atomic
def matter_open(*, actor, escalated_from: str = "", **fields) -> Matter:
    """matter_create for another app's service that has checked its own permission (a steering-group chair's
    approval above a business case's frame opens one, R23): validated, routed and audited the same way."""
    unknown = set(fields) - set(MATTER_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    matter = Matter(created_by=actor, escalated_from=escalated_from or "", **fields)
    if matter.kind == rules.Kind.SYSTEM_DEVELOPMENT and matter.joint_system_id is None:
        raise ValidationError({"joint_system": _("Vælg det fælles driftssystem, der videreudvikles.")})
    if not (matter.pejlemaerke_id or matter.project_id or matter.joint_system_id):
        raise ValidationError(_("Vælg hvad sagen handler om: et pejlemærke, et projekt eller et fælles driftssystem."))
    if matter.kind == rules.Kind.SYSTEM_RESPONSIBLE and not (matter.joint_system_id and matter.recommended_region_id):
        raise ValidationError(_("Vælg systemet og den region, SYS indstiller som systemansvarlig."))
    if matter.joint_system_id:
        # Lock the system's budget rows so two matters cannot spend the same remainder.
        OperatingBudget.objects.select_for_update().filter(system_id=matter.joint_system_id, year=matter.year).first()
    route = matter_route(
        kind=matter.kind,
        amount=matter.amount,
        year=matter.year,
        joint_system=matter.joint_system,
        escalated_from=matter.escalated_from,
    )
    matter.route_body, matter.route_reason = route.body, route.reason
    matter.within_operating_budget = route.body == "SYS"
    matter.full_clean()
    matter.save()
    log_action(
        actor=actor,
        action=AuditAction.MATTER_CREATE,
        obj=matter,
        data={"route": route.body, "reason": route.reason, "amount": str(matter.amount), "kind": matter.kind},
    )
    return matter


@transaction.atomic
def system_responsibility_recommend(*, actor, system: JointSystem, region, reason: str, year: int | None = None):
    """R33: SYS recommends the system-responsible region; the matter goes to RSI DK, whose approval decides it."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Skriv SYS' begrundelse for indstillingen.")})
    names = {"system": system.name, "region": region.name}
    if system.responsible_region_id == region.pk:
        raise ValidationError({"region": _("%(region)s er allerede systemansvarlig for %(system)s.") % names})
    return matter_create(
        actor=actor,
        title=_("Systemansvarlig region for %(system)s: %(region)s") % names,
        description=_("SYS indstiller %(region)s som systemansvarlig region for %(system)s.") % names + "\n\n" + reason,
        kind=rules.Kind.SYSTEM_RESPONSIBLE,
        amount=Decimal("0"),
        year=year or date.today().year,
        joint_system=system,
        recommended_region=region,
    )

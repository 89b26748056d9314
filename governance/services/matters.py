"""Decisions, matters for decision and their route (R24–R26), joint running systems and their budgets (R33)."""

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portfolio.audit import log_action
from rsi_portal.formatting import kroner
from rsi_portal.permissions import require
from rsi_portal.services import audit_value, model_update

from .. import rules, selectors
from ..models import AuditAction, Decision, JointSystem, Matter, OperatingBudget, Outcome
from .common import update_locked

BODY_RANK = {"SYS": 0, "IT5": 1, "RSI_DK": 2}
MATTER_FIELDS = ("title", "description", "kind", "amount", "year", "pejlemaerke", "project", "joint_system")
JOINT_SYSTEM_FIELDS = ("name", "responsible_region", "fsa")


@transaction.atomic
def decision_record(*, actor, subject, body, outcome, text, decided_on, conditions="", meeting=None) -> Decision:
    """Record a body's decision (approved/rejected/postponed) on any subject; earlier decisions stay."""
    require(actor, "governance.add_decision")
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Vælg godkendt, afvist eller udsat.")})
    decision = Decision(
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        body=body,
        outcome=outcome,
        text=(text or "").strip(),
        conditions=(conditions or "").strip(),
        decided_on=decided_on,
        meeting=meeting,
        recorded_by=actor,
    )
    decision.full_clean()
    decision.save()
    data = {"subject": f"{subject._meta.label_lower}:{subject.pk}", "outcome": outcome, "body": body.kind}
    if isinstance(subject, Matter):
        data.update(model_update(instance=subject, data={"status": outcome}))
    log_action(actor=actor, action=AuditAction.DECISION_RECORD, obj=decision, data=data)
    return decision


def approval_record(*, actor, subject, body, text, decided_on) -> Decision:
    """An approval another app records through portfolio.hooks.decision_recorders (a passed gate, R6)."""
    return decision_record(
        actor=actor, subject=subject, body=body, outcome=Outcome.APPROVED, text=text, decided_on=decided_on
    )


def matter_decision_record(*, actor, matter: Matter, **decision) -> Decision:
    """A decision on a matter by the body it was routed to."""
    body = selectors.route_body(matter)
    return decision_record(actor=actor, subject=matter, body=body, **decision)


@transaction.atomic
def joint_system_save(*, actor, system: JointSystem | None = None, **fields) -> JointSystem:
    require(actor, "governance.change_jointsystem" if system else "governance.add_jointsystem", system)
    if system is None:
        unknown = set(fields) - set(JOINT_SYSTEM_FIELDS)
        if unknown:
            raise TypeError(f"unknown fields: {sorted(unknown)}")
        system = JointSystem(**fields)
        system.full_clean()
        system.save()
        changes = {name: [None, audit_value(value)] for name, value in fields.items()}
    else:
        changes = update_locked(system, fields, JOINT_SYSTEM_FIELDS)
    if changes:
        log_action(actor=actor, action=AuditAction.JOINT_SYSTEM_SAVE, obj=system, data=changes)
    return system


@transaction.atomic
def operating_budget_set(*, actor, system: JointSystem, year: int, amount: Decimal) -> OperatingBudget:
    require(actor, "governance.change_jointsystem", system)
    amount = Decimal(amount).quantize(Decimal("0.01"))
    budget = OperatingBudget.objects.select_for_update().filter(system=system, year=year).first()
    if budget is None:
        budget = OperatingBudget(system=system, year=year, amount=amount)
        budget.full_clean()
        budget.save()
        changes = {"amount": [None, audit_value(amount)]}
    else:
        changes = model_update(instance=budget, data={"amount": amount})
    if changes:
        log_action(actor=actor, action=AuditAction.JOINT_SYSTEM_BUDGET, obj=system, data={"year": year, **changes})
    return budget


def matter_route(*, kind, amount, year, joint_system=None, escalated_from="", exclude_matter=None) -> rules.Route:
    """R24/R25/R26 for a concrete matter: SYS only within what is left of the system's budget."""
    amount = Decimal(amount)
    develops_system = kind == rules.Kind.SYSTEM_DEVELOPMENT and joint_system is not None
    left = None
    if develops_system:
        left = selectors.operating_budget_left(joint_system, year, exclude_matter=exclude_matter)
    within = left is not None and amount <= left
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
            route = rules.Route(escalation.body, f"{escalation.reason} {route.reason}")
        elif escalation.body != route.body:
            route = rules.Route(route.body, f"{route.reason} ({escalation.reason})")
        else:
            route = rules.Route(route.body, f"{escalation.reason} {route.reason}")
    return route


@transaction.atomic
def matter_create(*, actor, escalated_from: str = "", **fields) -> Matter:
    """Create a matter for decision and route it (R24–R26); the route and its reason are stored."""
    require(actor, "governance.add_matter")
    unknown = set(fields) - set(MATTER_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    matter = Matter(created_by=actor, escalated_from=escalated_from or "", **fields)
    if matter.kind == rules.Kind.SYSTEM_DEVELOPMENT and matter.joint_system_id is None:
        raise ValidationError({"joint_system": _("Vælg det fælles driftssystem, der videreudvikles.")})
    if not (matter.pejlemaerke_id or matter.project_id or matter.joint_system_id):
        raise ValidationError(_("Vælg hvad sagen handler om: et pejlemærke, et projekt eller et fælles driftssystem."))
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

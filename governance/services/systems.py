"""SYS's register of joint running systems (R33): the systems, their operating budgets and user groups.

The system-responsible region is not edited here: SYS recommends it and RSI DK decides it through a
routed matter (services.matters.system_responsibility_recommend and decision_record)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portfolio.audit import log_action
from rsi_portal.permissions import require
from rsi_portal.services import audit_value, model_update

from ..models import AuditAction, JointSystem, OperatingBudget, UserGroup
from .common import update_locked

JOINT_SYSTEM_FIELDS = ("name", "fsa")


@transaction.atomic
def joint_system_save(*, actor, system: JointSystem | None = None, **fields) -> JointSystem:
    require(actor, "governance.change_jointsystem" if system else "governance.add_jointsystem", system)
    unknown = set(fields) - set(JOINT_SYSTEM_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if system is None:
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


@transaction.atomic
def user_group_add(*, actor, system: JointSystem, name: str, description: str = "") -> UserGroup:
    """R33: a user group of the system; a name is used once per system."""
    require(actor, "governance.change_jointsystem", system)
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Skriv brugergruppens navn.")})
    if UserGroup.objects.filter(system=system, name__iexact=name).exists():
        raise ValidationError({"name": _("Systemet har allerede en brugergruppe med det navn.")})
    group = UserGroup(system=system, name=name, description=(description or "").strip())
    group.full_clean()
    group.save()
    log_action(
        actor=actor,
        action=AuditAction.JOINT_SYSTEM_USER_GROUP_ADD,
        obj=system,
        data={"user_group": [None, name], "description": [None, group.description]},
    )
    return group


@transaction.atomic
def user_group_remove(*, actor, group: UserGroup) -> None:
    require(actor, "governance.change_jointsystem", group.system)
    system, name = group.system, group.name
    group.delete()
    log_action(
        actor=actor, action=AuditAction.JOINT_SYSTEM_USER_GROUP_REMOVE, obj=system, data={"user_group": [name, None]}
    )

"""Writes to the bloktilskudsnøgle and a project's agreed split (R20)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from portfolio.audit import log_action
from portfolio.rules import REGION_CODES
from rsi_portal.permissions import require
from rsi_portal.services import audit_value, model_update

from .. import rules
from ..models import AgreedSplit, AuditAction, BlockGrantKey, BusinessCase
from ..permissions import CHAIR as CHAIR_PERM  # the steering-group chair (on the pejlemærke)
from ..permissions import KEYS as KEY_PERM  # the secretariat


def shares_message() -> str:
    return _("De fem andele skal tilsammen give præcis 100 %, og ingen andel må være negativ.")


def _share_fields(model, shares: dict[str, Decimal]) -> dict[str, Decimal]:
    """R20: five shares for the five regions, exactly 100 %, as the model's share fields."""
    if set(shares) != set(REGION_CODES):
        raise ValidationError(_("Angiv en andel for hver af de fem regioner."))
    shares = {code: Decimal(shares[code]) for code in REGION_CODES}
    if not rules.shares_are_valid(shares):
        raise ValidationError(shares_message())
    return {model.SHARE_FIELDS[code]: value for code, value in shares.items()}


def _upsert(model, *, lookup: dict, fields: dict) -> tuple[models.Model, dict[str, list]]:
    """Create the row or update what changed; returns it with the changes as {field: [old, new]}."""
    instance = model.objects.select_for_update().filter(**lookup).first()
    if instance is not None:
        return instance, model_update(instance=instance, data=fields)
    instance = model(**lookup, **fields)
    instance.full_clean()
    instance.save()
    return instance, {name: [None, audit_value(value)] for name, value in fields.items()}


@transaction.atomic
def block_grant_key_set(*, actor, year: int, shares: dict[str, Decimal], source: str = "") -> BlockGrantKey:
    """R20: the secretariat records the year's bloktilskudsnøgle (five shares, exactly 100 %)."""
    require(actor, KEY_PERM)
    fields = {**_share_fields(BlockGrantKey, shares), "source": source, "updated_by": actor}
    key, changes = _upsert(BlockGrantKey, lookup={"year": year}, fields=fields)
    if changes:
        log_action(actor=actor, action=AuditAction.BLOCK_GRANT_KEY_SET, obj=key, data=changes)
    return key


@transaction.atomic
def agreed_split_set(*, actor, business_case: BusinessCase, shares: dict[str, Decimal], reason: str) -> AgreedSplit:
    """R20: record the steering group's agreed split (instead of the key); also exactly 100 %."""
    require(actor, CHAIR_PERM, business_case.project.pejlemaerke)
    share_fields = _share_fields(AgreedSplit, shares)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Skriv hvor fordelingen er aftalt (fx styregruppemøde og dato).")})
    fields = {**share_fields, "reason": reason.strip(), "updated_by": actor}
    split, changes = _upsert(AgreedSplit, lookup={"business_case": business_case}, fields=fields)
    if changes:
        log_action(actor=actor, action=AuditAction.AGREED_SPLIT_SET, obj=business_case, data=changes)
    return split


@transaction.atomic
def agreed_split_remove(*, actor, business_case: BusinessCase) -> None:
    """R20: go back to the bloktilskudsnøgle."""
    require(actor, CHAIR_PERM, business_case.project.pejlemaerke)
    split = AgreedSplit.objects.select_for_update().filter(business_case=business_case).first()
    if split is None:
        return
    removed = [*AgreedSplit.SHARE_FIELDS.values(), "reason"]
    changes = {name: [audit_value(getattr(split, name)), None] for name in removed}
    split.delete()
    log_action(actor=actor, action=AuditAction.AGREED_SPLIT_REMOVE, obj=business_case, data=changes)

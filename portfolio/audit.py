"""The audit trail: every service writes one entry per action (pattern from pretix's log_action).

Actions are typed: each app declares an `AuditAction` TextChoices (value "<noun>.<verb>", Danish
label) and registers it with register_audit_actions, so every entry shown in the UI reads as a Danish sentence.
Updates store what changed as {field: [old, new]} (see rsi_portal.services.model_update).
"""

import enum

from django.db import models

from rsi_portal.registry import register_audit_actions
from rsi_portal.sql import insert

from .models import AuditEntry

__all__ = ["entries_for", "log_action", "register_audit_actions"]


def log_action(*, actor, action: models.TextChoices, obj: models.Model, data: dict | None = None) -> AuditEntry:
    if not isinstance(action, enum.Enum):
        raise TypeError(f"audit action {action!r} must be a member of an app's AuditAction")
    entry = AuditEntry(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action.value,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        data=data or {},
    )
    return insert(entry)  # every write of every service adds one: without the ORM's query building


def entries_for(obj: models.Model):
    return AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).select_related("actor")

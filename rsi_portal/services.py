"""Write helpers shared by every app's services."""

from datetime import date, datetime, time
from decimal import Decimal

from django.db import models


def audit_value(value):
    """A JSON-safe form of a field value for an audit entry's {field: [old, new]}."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (Decimal, date, datetime, time)):
        return str(value)
    return value


def _stored_values(instance: models.Model, data: dict) -> dict:
    """The saved values of `data`'s fields (foreign keys as objects), or {} for an unsaved instance."""
    if instance.pk is None:
        return {}
    stored = type(instance)._default_manager.filter(pk=instance.pk).first()
    if stored is None:
        return {}
    return {name: getattr(stored, name) for name in data}


def model_update(*, instance: models.Model, data: dict, fields=None) -> dict[str, list]:
    """Set `data` on `instance`, validate, and save only what changed (HackSoft's model_update).

    Returns the changes as {field: [old, new]}, ready for an audit entry; an empty dict
    when nothing changed, and then nothing is saved. The old values are read from the
    database, not from `instance`: a bound ModelForm has already set the new values on it.
    """
    allowed = set(fields) if fields is not None else set(data)
    unknown = set(data) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    stored = _stored_values(instance, data)
    changes = {}
    for name, value in data.items():
        old = stored.get(name, getattr(instance, name))
        if old != value:
            changes[name] = [audit_value(old), audit_value(value)]
            setattr(instance, name, value)
    if not changes:
        return {}
    instance.full_clean()
    update_fields = [instance._meta.get_field(name).attname for name in changes]
    if any(f.name == "updated_at" for f in instance._meta.concrete_fields):
        update_fields.append("updated_at")
    instance.save(update_fields=update_fields)
    return changes

"""Write helpers shared by the governance services."""

from rsi_portal.services import model_update


def update_locked(instance, data: dict, fields) -> dict[str, list]:
    """model_update on a locked copy read fresh from the database, then refresh `instance`.

    A bound ModelForm has already set the new values on the instance it was given, so comparing
    against that instance would find nothing changed.
    """
    fresh = type(instance).objects.select_for_update().get(pk=instance.pk)
    changes = model_update(instance=fresh, data=data, fields=fields)
    instance.refresh_from_db()
    return changes

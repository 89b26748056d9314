"""NetBox's `restrict(user, action)`: the objects of a queryset the user may use `action` on."""

from rsi_portal import permissions


def restrict(queryset, user, action: str = "view"):
    """Narrow `queryset` by the user's rights for `<app>.<action>_<model>` (model and object level)."""
    meta = queryset.model._meta
    return permissions.restrict(queryset, user, f"{meta.app_label}.{action}_{meta.model_name}")

"""The one place to ask "may this user do this to that object?".

Two layers, both read through `can()`:
- model-level permissions come from two role groups: the secretariat (everything) and
  portal users (read the portfolio);
- object-level permissions (this project, this region, this body) are django-guardian
  rows derived from the role records by `sync_object_permissions()`.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from guardian.core import ObjectPermissionChecker
from guardian.models import UserObjectPermission
from guardian.shortcuts import assign_perm, get_objects_for_user

from .registry import Hook
from .sql import typed_rows

SEKRETARIAT_GROUP = "Sekretariat"
PORTAL_USERS_GROUP = "Portalbrugere"
MANAGED_APPS = ("portfolio", "projects", "finance", "governance")
# The secretariat unlocks people locked out by login throttling from the admin.
SEKRETARIAT_EXTRA_PERMISSIONS = ("axes.view_accessattempt", "axes.delete_accessattempt", "axes.view_accesslog")

# Filled by each app's AppConfig.ready(): what every person with a role may read, and
# callables user -> iterable of (permission, object) derived from that app's role records.
PORTAL_USER_PERMISSIONS: list[str] = []
object_grant_providers = Hook("object grants")


def register_portal_user_permissions(*perms: str) -> None:
    """Let every person with a role in RSI use these model permissions ("app.codename")."""
    PORTAL_USER_PERMISSIONS.extend(p for p in perms if p not in PORTAL_USER_PERMISSIONS)


_GROUP_NAMES_SQL = "SELECT g.name FROM {group} g JOIN {membership} m ON m.group_id = g.id WHERE m.user_id = %s"


def _role_groups(user) -> frozenset[str]:
    """The names of the user's groups, read once per user object: both role checks below ask them, and nearly
    every page asks one (in plain SQL: the ORM's query building costs several times the read)."""
    if not hasattr(user, "_role_groups"):
        memberships = get_user_model().groups.through._meta.db_table
        sql = _GROUP_NAMES_SQL.format(group=Group._meta.db_table, membership=memberships)
        user._role_groups = frozenset(name for (name,) in typed_rows(sql, [user.pk], [None]))
    return user._role_groups


def is_sekretariat(user) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or SEKRETARIAT_GROUP in _role_groups(user)


def has_portal_role(user) -> bool:
    if is_sekretariat(user):
        return True
    if not (user and user.is_authenticated and user.is_active):
        return False
    return PORTAL_USERS_GROUP in _role_groups(user)


def can(user, perm: str, obj=None) -> bool:
    """True if `user` may use `perm` ("app.codename") on `obj` (or in general)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if is_sekretariat(user):
        return True
    if user.has_perm(perm):
        return True
    return obj is not None and _object_permissions(user).has_perm(perm, obj)


def _object_permissions(user) -> ObjectPermissionChecker:
    """django-guardian's checker for the user, kept on the user object: it reads an object's permissions once
    (two queries), and a request asks about the same project several times (the view, the service, the menu)."""
    if not hasattr(user, "_object_permissions"):
        user._object_permissions = ObjectPermissionChecker(user)
    return user._object_permissions


def require(user, perm: str, obj=None) -> None:
    """Raise PermissionDenied (HTTP 403) unless `can(user, perm, obj)`."""
    if not can(user, perm, obj):
        raise PermissionDenied


def restrict(queryset, user, perm: str):
    """The objects of `queryset` the user may use `perm` on (NetBox's `.restrict()`)."""
    if is_sekretariat(user) or user.has_perm(perm):
        return queryset
    if not (user and user.is_authenticated):
        return queryset.none()
    return get_objects_for_user(user, perm, klass=queryset, accept_global_perms=False)


def ensure_role_groups(sender=None, **kwargs) -> None:
    """Create the role groups with their model permissions (runs after every migrate)."""
    sekretariat, _ = Group.objects.get_or_create(name=SEKRETARIAT_GROUP)
    extra = Q()
    for dotted in SEKRETARIAT_EXTRA_PERMISSIONS:
        app_label, codename = dotted.split(".")
        extra |= Q(content_type__app_label=app_label, codename=codename)
    sekretariat.permissions.set(Permission.objects.filter(Q(content_type__app_label__in=MANAGED_APPS) | extra))
    portal_users, _ = Group.objects.get_or_create(name=PORTAL_USERS_GROUP)
    wanted = []
    for dotted in PORTAL_USER_PERMISSIONS:
        app_label, codename = dotted.split(".")
        wanted += list(Permission.objects.filter(content_type__app_label=app_label, codename=codename))
    portal_users.permissions.set(wanted)


def object_grants_for(user) -> list[tuple[str, object]]:
    """Every (permission, object) the user's role records entitle them to, from every app."""
    grants: list[tuple[str, object]] = []
    for provider in object_grant_providers:
        grants += list(provider(user))
    return grants


@transaction.atomic
def sync_object_permissions(user) -> None:
    """Make the user's guardian rows and portal-user group match their role records."""
    UserObjectPermission.objects.filter(user=user, permission__content_type__app_label__in=MANAGED_APPS).delete()
    grants = object_grants_for(user)
    for perm, obj in dict.fromkeys(grants):
        assign_perm(perm, user, obj)
    portal_users = Group.objects.get(name=PORTAL_USERS_GROUP)
    if grants:
        user.groups.add(portal_users)
    else:
        user.groups.remove(portal_users)
    for cached in ("_role_groups", "_object_permissions", "_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        if hasattr(user, cached):
            delattr(user, cached)

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext as _

from .navigation import MENU_CHECKS, NAV_GROUP_LABELS, NAV_ITEMS, nav_group
from .permissions import can, has_portal_role, is_sekretariat


def portal(request):
    user = getattr(request, "user", None)
    nav = []
    if user is not None and user.is_authenticated:
        nav = [
            {"label": label, "url": _menu_url(url_name), "group": nav_group(url_name)}
            for label, url_name, perm in NAV_ITEMS
            if can(user, perm) or (url_name in MENU_CHECKS and MENU_CHECKS[url_name](user))
        ]
        if has_portal_role(user):
            url = _menu_url("portfolio:pejlemaerke_list")
            nav.insert(0, {"label": _("Pejlemærker"), "url": url, "group": "portfolio"})
        if is_sekretariat(user):
            nav.append({"label": _("Django-administration"), "url": _menu_url("admin:index"), "group": "admin"})
    return {
        "is_sekretariat": is_sekretariat(user),
        "has_portal_role": has_portal_role(user),
        "portal_nav": nav,
        "portal_nav_groups": _groups(nav),
        # What the menu shows, as the key its drawn HTML is kept under (base.html).
        "portal_menu_key": " ".join(item["url"] for item in nav),
    }


def _menu_url(url_name: str) -> str:
    """The menu's URLs are the same on every page: each is reversed once per URLconf and script prefix."""
    return _reversed(url_name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


@lru_cache(maxsize=128)
def _reversed(url_name: str, _urlconf: str, _prefix: str) -> str:
    return reverse(url_name)


def _groups(nav: list[dict]) -> list[dict]:
    """The menu in its groups (rsi_portal.navigation), in the groups' order, empty groups left out."""
    groups = {key: {"key": key, "label": label, "items": []} for key, label in NAV_GROUP_LABELS.items()}
    for item in nav:
        groups.get(item["group"], groups["admin"])["items"].append(item)
    return [group for group in groups.values() if group["items"]]

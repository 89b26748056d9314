from django.urls import reverse
from django.utils.translation import gettext as _

from .navigation import MENU_CHECKS, NAV_GROUP_LABELS, NAV_ITEMS, nav_group
from .permissions import can, has_portal_role, is_sekretariat


def portal(request):
    user = getattr(request, "user", None)
    nav = []
    if user is not None and user.is_authenticated:
        nav = [
            {"label": label, "url": reverse(url_name), "group": nav_group(url_name)}
            for label, url_name, perm in NAV_ITEMS
            if can(user, perm) or (url_name in MENU_CHECKS and MENU_CHECKS[url_name](user))
        ]
        if has_portal_role(user):
            url = reverse("portfolio:pejlemaerke_list")
            nav.insert(0, {"label": _("Pejlemærker"), "url": url, "group": "portfolio"})
        if is_sekretariat(user):
            nav.append({"label": _("Django-administration"), "url": reverse("admin:index"), "group": "admin"})
    return {
        "is_sekretariat": is_sekretariat(user),
        "has_portal_role": has_portal_role(user),
        "portal_nav": nav,
        "portal_nav_groups": _groups(nav),
    }


def _groups(nav: list[dict]) -> list[dict]:
    """The menu in its groups (rsi_portal.navigation), in the groups' order, empty groups left out."""
    groups = {key: {"key": key, "label": label, "items": []} for key, label in NAV_GROUP_LABELS.items()}
    for item in nav:
        groups.get(item["group"], groups["admin"])["items"].append(item)
    return [group for group in groups.values() if group["items"]]

from django.urls import reverse

from .navigation import NAV_ITEMS
from .permissions import can, has_portal_role, is_sekretariat


def portal(request):
    user = getattr(request, "user", None)
    nav = []
    if user is not None and user.is_authenticated:
        nav = [{"label": label, "url": reverse(url_name)} for label, url_name, perm in NAV_ITEMS if can(user, perm)]
    return {"is_sekretariat": is_sekretariat(user), "has_portal_role": has_portal_role(user), "portal_nav": nav}

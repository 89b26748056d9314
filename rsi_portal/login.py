"""Login throttling with django-axes: the client address it counts by, and the Danish lockout page."""

from django.conf import settings
from django.shortcuts import render


def client_ip(request) -> str:
    """The address failures are counted for: the proxy's X-Forwarded-For entry when BEHIND_PROXY, else the peer.

    The right-most X-Forwarded-For entry is the one the proxy in front added itself; entries
    to its left come from the client and could be anything.
    """
    if settings.BEHIND_PROXY:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if forwarded[-1]:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "")


def locked_out(request, original_response=None, credentials=None):
    """The login page with the lockout message (HTTP 429), for the portal's and the admin's login."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    context = {
        "locked_out": True,
        "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "username": username,
        "next": request.POST.get("next") or request.GET.get("next", ""),
    }
    return render(request, "registration/login.html", context, status=429)

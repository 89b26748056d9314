"""Refuse control characters at the door, before any view or query sees them.

PostgreSQL cannot store a NUL in text, and no field of the portal means to hold any other control
character either. So a path, query value, form value, upload name or header carrying one is
answered with the Danish 400 page, which shows the typed texts without those characters, ready to
copy. Tab, line feed and carriage return stay allowed in form values (text areas). A cookie carrying
one is dropped, so that the session and CSRF code never look it up.
"""

import re

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext

from . import errors

# Unicode's control characters (category Cc: C0, DEL and C1), and the same but for what a text area
# legitimately sends (tab, line feed, carriage return), which form values may hold.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
CONTROL_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def has_control(value: str, pattern: re.Pattern = CONTROL) -> bool:
    return pattern.search(value) is not None


def without_control(value: str) -> str:
    """The value without control characters, but tab, line feed and carriage return."""
    return CONTROL_IN_TEXT.sub("", value)


def _header_has_control(value: str) -> bool:
    # WSGI headers arrive as Latin-1 text: only C0 and DEL are control bytes there (not UTF-8's 0x80–0x9F).
    return any((ord(c) < 32 and c != "\t") or ord(c) == 127 for c in value)


def _bad_query(request) -> bool:
    return any(has_control(k) or any(has_control(v) for v in vs) for k, vs in request.GET.lists())


def _bad_form(request) -> bool:
    if request.method != "POST":
        return False
    fields = request.POST.lists()
    if any(has_control(k) or any(has_control(v, CONTROL_IN_TEXT) for v in vs) for k, vs in fields):
        return True
    return any(has_control(k) or any(has_control(f.name or "") for f in fs) for k, fs in request.FILES.lists())


def _bad_headers(request) -> bool:
    # A cookie's control characters drop that cookie instead (a stale cookie must not lock a browser out).
    return any(
        _header_has_control(str(v)) for k, v in request.META.items() if k.startswith("HTTP_") and k != "HTTP_COOKIE"
    )


def typed_texts(request) -> list[tuple[str, str]]:
    """What the user posted (never a token or a password), without the control characters."""
    return [(without_control(name), without_control(value)) for name, value in errors.typed_texts(request)]


class ControlCharacterMiddleware:
    """Place before SessionMiddleware: cookies are checked before the session reads its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for name, value in list(request.COOKIES.items()):
            if has_control(name) or has_control(value):
                del request.COOKIES[name]
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Here the user is known, so the 400 page has the portal's menu.
        if has_control(request.path_info) or _bad_query(request) or _bad_form(request) or _bad_headers(request):
            if request.path_info.startswith("/api/"):  # the REST API answers machines in JSON (docs/api.md)
                detail = gettext("Forespørgslen indeholder kontroltegn, som ikke kan behandles.")
                return JsonResponse({"detail": detail}, status=400)
            return render(
                request,
                "400.html",
                {"control_characters": True, "typed_texts": typed_texts(request)},
                status=400,
            )
        return None

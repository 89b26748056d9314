import time

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class PortalLanguageMiddleware(LocaleMiddleware):
    """Danish unless the user chose another language in the footer (the language cookie).

    The browser's Accept-Language is ignored on purpose: RSI's working language is Danish,
    and an English-language browser should not silently switch a Danish user's portal.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class StaffSessionMiddleware:
    """Staff sessions (the admin's rights) also end when the browser closes.

    Everyone's session ends after SESSION_COOKIE_AGE without a request: the session is saved
    again (which renews its expiry) at most every TOUCH_SECONDS, not on every request, so a
    page costs no extra write. For staff the cookie is in addition a browser-session cookie.
    Set after the view too, so the login response itself already sends the short-lived cookie.
    """

    TOUCH_SECONDS = 300

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        self._expire_at_browser_close(request)
        response = self.get_response(request)
        self._expire_at_browser_close(request)
        self._touch(request)
        return response

    @classmethod
    def _touch(cls, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return
        now = int(time.time())
        if now - request.session.get("_touched", 0) >= cls.TOUCH_SECONDS:
            request.session["_touched"] = now

    @staticmethod
    def _expire_at_browser_close(request):
        user = getattr(request, "user", None)
        staff = user is not None and user.is_authenticated and user.is_staff
        if staff and not request.session.get_expire_at_browser_close():
            request.session.set_expiry(0)


class PermissionsPolicyMiddleware:
    """Sends settings.PERMISSIONS_POLICY as the Permissions-Policy header on every response."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})" for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response

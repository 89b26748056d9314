"""Who is calling: a personal token (Authorization: Bearer rsi_…) or the portal session; what it may do."""

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions, throttling

from rsi_portal.permissions import has_portal_role

from .models import ApiToken
from .tokens import token_for_secret


class TokenAuthentication(authentication.BaseAuthentication):
    keywords = ("bearer", "token")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower().decode(errors="replace") not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Ugyldig Authorization-header: angiv én nøgle."))
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Ugyldig nøgle.")) from None
        token = token_for_secret(secret)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Nøglen er ukendt, udløbet eller tilbagekaldt."))
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class PortalRole(permissions.BasePermission):
    """Deny by default: only people with a role in RSI; a read-only token never writes."""

    message = _("Du har ikke adgang til dette.")

    def has_permission(self, request, view):
        if not has_portal_role(request.user):
            return False
        if request.method in permissions.SAFE_METHODS:
            return True
        token = request.auth
        if isinstance(token, ApiToken) and not token.may_write:
            self.message = _("Nøglen må kun læse. Opret en nøgle med læse- og skriveadgang.")
            return False
        return True


class ScopeThrottle(throttling.SimpleRateThrottle):
    """Requests per token, at the rate set for its scope (settings.API_THROTTLE_RATES); sessions per user."""

    def get_rate(self):
        return None  # set per request in allow_request

    def allow_request(self, request, view):
        token = request.auth if isinstance(request.auth, ApiToken) else None
        scope = token.scope if token else "session"
        rate = settings.API_THROTTLE_RATES.get(scope)
        if not rate:
            return True
        self.rate = rate
        self.num_requests, self.duration = self.parse_rate(rate)
        self.scope = scope
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        token = request.auth if isinstance(request.auth, ApiToken) else None
        ident = f"t{token.pk}" if token else f"u{request.user.pk}" if request.user.is_authenticated else None
        if ident is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": ident}


class TokenScheme(OpenApiAuthenticationExtension):
    """How the token authentication appears in the OpenAPI schema."""

    target_class = "api.auth.TokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "Personlig API-nøgle (rsi_…) fra profilsiden."}

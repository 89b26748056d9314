"""Login page with one button per configured region, the OIDC start/callback, no-access page and logout."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from rsi_portal.permissions import has_portal_role

from .backend import SESSION_PROVIDER
from .config import provider, providers


class PortalLoginView(auth_views.LoginView):
    """The password login (for local accounts, switchable off) and a button per configured region."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sso_providers"] = providers()
        context["password_login"] = settings.PASSWORD_LOGIN_ENABLED
        return context

    def post(self, request, *args, **kwargs):
        if not settings.PASSWORD_LOGIN_ENABLED:
            context = self.get_context_data(form=self.get_form())
            context["password_refused"] = True
            return self.render_to_response(context, status=403)
        return super().post(request, *args, **kwargs)


@method_decorator(login_not_required, name="dispatch")
class StartView(OIDCAuthenticationRequestView):
    """Send the browser to the chosen region's provider (state, nonce and PKCE by mozilla-django-oidc)."""

    def __init__(self, *args, **kwargs):
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)  # not the one-provider settings
        self.provider = None

    def get_settings(self, attr, *args):
        if attr == "OIDC_RP_SCOPES":
            return self.provider.scopes
        return import_from_settings(attr, *args)

    def get(self, request, provider_id: str):
        chosen = provider(provider_id)
        if chosen is None:
            raise Http404
        self.provider = chosen
        self.OIDC_OP_AUTH_ENDPOINT = chosen.discovery()["authorization_endpoint"]
        self.OIDC_RP_CLIENT_ID = chosen.client_id
        request.session[SESSION_PROVIDER] = chosen.id
        return super().get(request)


@method_decorator(login_not_required, name="dispatch")
class CallbackView(OIDCAuthenticationCallbackView):
    """Back from the provider: a refused token (audience, nonce, expiry, signature) is a failed login."""

    @property
    def failure_url(self):
        return reverse("login")

    @property
    def success_url(self):
        if not has_portal_role(self.user):
            return reverse("sso:no_access")
        return super().success_url

    def login_failure(self):
        messages.error(self.request, _("Log ind via regionen mislykkedes. Prøv igen, eller kontakt RSI-sekretariatet."))
        return super().login_failure()

    def get(self, request):
        try:
            return super().get(request)
        except SuspiciousOperation:
            return self.login_failure()


def no_access(request):
    """Logged in, but no role in RSI yet: say so and name who gives access."""
    if has_portal_role(request.user):
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "sso/no_access.html", {"contact": settings.SSO_SECRETARIAT_CONTACT}, status=403)


class PortalLogoutView(auth_views.LogoutView):
    """End the portal session, then the provider's where it offers an end_session_endpoint."""

    def post(self, request, *args, **kwargs):
        chosen = provider(request.session.get(SESSION_PROVIDER, ""))
        id_token = request.session.get("oidc_id_token")
        response = super().post(request, *args, **kwargs)
        if chosen is None:
            return response
        try:
            end_session = chosen.discovery().get("end_session_endpoint")
        except Exception:  # the provider is away: the portal session has ended all the same
            return response
        if not end_session:
            return response
        params = {
            "client_id": chosen.client_id,
            "post_logout_redirect_uri": request.build_absolute_uri(reverse("login")),
        }
        if id_token:
            params["id_token_hint"] = id_token
        # A page that moves on, not a redirect: the portal's CSP (form-action 'self') stops a form post's
        # redirect to another origin.
        url = f"{end_session}?{urlencode(params)}"
        return render(request, "sso/logged_out.html", {"end_session_url": url, "provider": chosen})

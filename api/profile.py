"""The profile page's personal API tokens: list, create (the secret is shown once) and revoke."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from rsi_portal.forms import apply_service_errors
from rsi_portal.permissions import has_portal_role

from .models import ApiToken, TokenScope
from .tokens import MAX_DAYS, token_create
from .tokens import token_revoke as revoke


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Navn"), max_length=80)
    scope = forms.ChoiceField(label=gettext_lazy("Adgang"), choices=TokenScope.choices, initial=TokenScope.READ)
    days = forms.IntegerField(label=gettext_lazy("Gyldig i dage"), min_value=1, max_value=MAX_DAYS, initial=90)


def _require_role(user) -> None:
    if not has_portal_role(user):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def token_list(request):
    _require_role(request.user)
    secret = None
    form = TokenForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                token, secret = token_create(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                form = TokenForm()
        if secret is None:
            status = 400
    tokens = ApiToken.objects.filter(user=request.user).order_by("revoked_at", "-created_at")
    return render(request, "api/tokens.html", {"form": form, "tokens": tokens, "secret": secret}, status=status)


@require_POST
def token_revoke(request, pk: int):
    _require_role(request.user)
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    revoke(actor=request.user, token=token)
    messages.success(request, _("Nøglen %(name)s er tilbagekaldt.") % {"name": token.name})
    return redirect("api:tokens")

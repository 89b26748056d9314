"""Personal API tokens: creation, revocation and lookup (only a SHA-256 digest is stored)."""

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portfolio.audit import log_action

from .models import ApiToken, AuditAction, TokenScope

PREFIX = "rsi_"
MAX_DAYS = 366


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def token_create(*, actor, name: str, scope: str, days: int) -> tuple[ApiToken, str]:
    """A new token for `actor`; returns it with its secret, which is never stored or shown again."""
    name = (name or "").strip()
    errors = {}
    if not name:
        errors["name"] = _("Giv nøglen et navn, så du kan kende den igen.")
    elif len(name) > 80:
        errors["name"] = _("Navnet må højst være 80 tegn.")
    elif ApiToken.objects.filter(user=actor, name=name, revoked_at__isnull=True).exists():
        errors["name"] = _("Du har allerede en nøgle med det navn.")
    if scope not in TokenScope.values:
        errors["scope"] = _("Vælg læse eller læse og skrive.")
    if not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        errors["days"] = _("En nøgle gælder mellem 1 og %(max)d dage.") % {"max": MAX_DAYS}
    if errors:
        raise ValidationError(errors)
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=actor,
        name=name,
        scope=scope,
        prefix=secret[:10],
        digest=digest(secret),
        expires_at=timezone.now() + timedelta(days=days),
    )
    log_action(actor=actor, action=AuditAction.TOKEN_CREATE, obj=token, data={"scope": scope, "days": days})
    return token, secret


@transaction.atomic
def token_revoke(*, actor, token: ApiToken) -> ApiToken:
    """Revoke one of the actor's own tokens; it stops working at once."""
    if token.user_id != actor.pk:
        raise ValidationError(_("Du kan kun tilbagekalde dine egne nøgler."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        log_action(actor=actor, action=AuditAction.TOKEN_REVOKE, obj=token, data={})
    return token


def token_for_secret(secret: str) -> ApiToken | None:
    """The active token with this secret (None when unknown, expired or revoked); marks it used."""
    if not secret.startswith(PREFIX) or len(secret) > 100:
        return None
    token = ApiToken.objects.select_related("user").filter(digest=digest(secret)).first()
    if token is None or not token.is_active or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token

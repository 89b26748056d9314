"""Personal API tokens (stored hashed) and the idempotency keys of write requests."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rsi_portal.registry import register_audit_actions


class AuditAction(models.TextChoices):
    """What the API writes to the audit trail."""

    TOKEN_CREATE = "api_token.create", _("API-nøgle oprettet")
    TOKEN_REVOKE = "api_token.revoke", _("API-nøgle tilbagekaldt")


register_audit_actions(AuditAction)


class TokenScope(models.TextChoices):
    READ = "read", _("Læse")
    READ_WRITE = "read_write", _("Læse og skrive")


class ApiToken(models.Model):
    """A named personal token; only its SHA-256 digest is kept, the secret is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("bruger")
    )
    name = models.CharField(_("navn"), max_length=80)
    scope = models.CharField(_("adgang"), max_length=10, choices=TokenScope.choices, default=TokenScope.READ)
    prefix = models.CharField(_("begyndelse"), max_length=12, help_text=_("De første tegn, til genkendelse."))
    digest = models.CharField(_("hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    expires_at = models.DateTimeField(_("udløber"))
    last_used_at = models.DateTimeField(_("senest brugt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("tilbagekaldt"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API-nøgle")
        verbose_name_plural = _("API-nøgler")
        constraints = [
            models.CheckConstraint(condition=Q(scope__in=TokenScope.values), name="api_token_scope_known"),
            models.UniqueConstraint(
                fields=["user", "name"], condition=Q(revoked_at__isnull=True), name="api_token_name_once_per_user"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def may_write(self) -> bool:
        return self.scope == TokenScope.READ_WRITE


class IdempotentRequest(models.Model):
    """A write answered once: a retry with the same Idempotency-Key gets the stored answer, no second write."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(_("nøgle"), max_length=100)
    method = models.CharField(max_length=8)
    path = models.CharField(max_length=300)
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    body = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("idempotent forespørgsel")
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="api_idempotency_key_once_per_user")]

    def __str__(self):
        return f"{self.method} {self.path} ({self.key})"


class SsoIdentity(models.Model):
    """A portal user's account at a region's identity provider (the OIDC `sub`), linked at first login."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sso_identities")
    provider = models.CharField(_("udbyder"), max_length=40)
    sub = models.CharField(_("subjekt"), max_length=255)
    linked_at = models.DateTimeField(_("tilknyttet"), auto_now_add=True)

    class Meta:
        verbose_name = _("SSO-identitet")
        constraints = [models.UniqueConstraint(fields=["provider", "sub"], name="sso_identity_once_per_provider")]

    def __str__(self):
        return f"{self.provider}:{self.sub}"

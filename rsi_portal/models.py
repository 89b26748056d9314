"""The outbox: background work recorded in the same transaction as the request that asked for it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    PENDING = "pending", _("Venter på køen")
    SENT = "sent", _("Sendt til køen")
    RUNNING = "running", _("Udføres")
    DONE = "done", _("Udført")
    FAILED = "failed", _("Fejlet")


class OutboxJob(models.Model):
    """One piece of requested background work: a Celery task by name and its arguments.

    Written in the request's transaction, sent to the broker on commit; while the broker is away the
    row stays pending and the beat sweep sends it again (rsi_portal.outbox).
    """

    kind = models.CharField(_("opgave"), max_length=200)  # the Celery task name
    arguments = models.JSONField(_("argumenter"), default=dict)  # {"args": [...], "kwargs": {...}}
    key = models.CharField(_("nøgle"), max_length=200, blank=True)  # one unsent job per key
    state = models.CharField(_("tilstand"), max_length=8, choices=JobState.choices, default=JobState.PENDING)
    attempts = models.PositiveIntegerField(_("forsøg"), default=0)
    last_error = models.TextField(_("seneste fejl"), blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("baggrundsopgave")
        verbose_name_plural = _("baggrundsopgaver")
        indexes = [
            models.Index(fields=["state", "updated_at"], name="outbox_state_updated"),
            models.Index(fields=["key", "state"], name="outbox_key_state"),
        ]

    def __str__(self):
        return f"{self.kind} #{self.pk} ({self.get_state_display()})"

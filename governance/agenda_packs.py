"""R28, R30, R39 tables: the rendered agenda packs and decision logs, and their published versions.

Re-exported by governance.models, so every caller imports them from there. Meetings are named by
string: governance.models imports this module.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    MEMBERS = "members", _("Medlemmer og sekretariat (med lukkede punkter)")
    OTHERS = "others", _("Øvrige (uden lukkede punkter)")


class PackKind(models.TextChoices):
    """What a pack is: the agenda pack (R30) or the decision log ("beslutningsprotokol", R28), both published
    the same way."""

    AGENDA = "agenda", _("Dagsordenspakke")
    DECISION_LOG = "decision_log", _("Beslutningsprotokol")


class PackStatus(models.TextChoices):
    PENDING = "pending", _("I kø")
    RUNNING = "running", _("Dannes")
    DONE = "done", _("Færdig")
    FAILED = "failed", _("Fejlet")


def pack_path(instance, filename):
    return f"dagsordenspakker/{instance.meeting_id}/{filename}"


class AgendaPack(models.Model):
    """R30: a rendered agenda pack, stored once per content hash (the same agenda is never rendered twice)."""

    meeting = models.ForeignKey("governance.Meeting", on_delete=models.CASCADE, related_name="packs")
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)  # the pack's address; not guessable
    audience = models.CharField(max_length=8, choices=Audience.choices)
    kind = models.CharField(max_length=12, choices=PackKind.choices, default=PackKind.AGENDA)
    content_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=8, choices=PackStatus.choices, default=PackStatus.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(upload_to=pack_path, blank=True)
    pages = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The render's lease: a render that started longer ago than RSI["PACK_RENDER_LEASE_SECONDS"] is taken over.
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("dagsordenspakke")
        verbose_name_plural = _("dagsordenspakker")
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="agenda_pack_progress_percent"),
        ]

    def __str__(self):
        return f"{self.meeting} ({self.audience})"

    def get_absolute_url(self):
        return reverse("governance:pack_detail", args=[self.uuid])


class PackVersion(models.Model):
    """R28/R30/R39: a published ("udsendt") agenda pack or decision log; each republication is a new version
    of its kind, all kept.

    The snapshot holds, per audience, what the version's readers saw (as governance.publishing builds it),
    so "Ændret siden version N" is computed between any two versions without reading old rows.
    """

    meeting = models.ForeignKey("governance.Meeting", on_delete=models.CASCADE, related_name="pack_versions")
    kind = models.CharField(max_length=12, choices=PackKind.choices, default=PackKind.AGENDA)
    number = models.PositiveSmallIntegerField(_("version"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(_("udsendt"), auto_now_add=True)
    reason = models.TextField(_("begrundelse"), blank=True)
    members_pack = models.ForeignKey(AgendaPack, on_delete=models.PROTECT, related_name="+")
    others_pack = models.ForeignKey(AgendaPack, on_delete=models.PROTECT, related_name="+")
    snapshot = models.JSONField(default=dict)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "-number"]
        verbose_name = _("udsendt dagsordenspakke")
        verbose_name_plural = _("udsendte dagsordenspakker")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "kind", "number"], name="pack_version_number_per_kind_unique")
        ]

    def __str__(self):
        return f"{self.meeting} v{self.number}"

    def pack_for(self, *, members_view: bool) -> AgendaPack:
        return self.members_pack if members_view else self.others_pack


class PackDownload(models.Model):
    """Which version of a meeting's pack a reader last downloaded (R39: what changed since then)."""

    version = models.ForeignKey(PackVersion, on_delete=models.CASCADE, related_name="downloads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    downloaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["version", "user"], name="pack_download_once")]

    def __str__(self):
        return f"{self.user} {self.version}"

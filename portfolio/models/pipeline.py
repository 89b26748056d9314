"""R34 the portfolio's front end: ideas as one-page kommissorier, PMO5's qualification, IT5's ranked
pipeline, the strategy seminars' decisions, ØA marking and the regions' acquisition notices.

Meetings, agenda items and decisions live in governance, above this base: they are referred to by id
(as `Pejlemaerke.stop_decision_id` does), the composition package `portfolio.pipeline` joins them.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length, Trim
from django.db.models.lookups import GreaterThan
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rsi_portal.registry import register_audit_actions

from ..rules import PejlemaerkeType
from .base import Pejlemaerke, Region

MONEY = {"max_digits": 14, "decimal_places": 2}


class IdeaSource(models.TextChoices):
    """R2/R34: where an idea comes from."""

    CLINICIANS = "clinicians", _("Klinikere eller patienter")
    BUSINESS = "business", _("Forretningsbehov")
    OA = "oa", _("Økonomiaftalen (ØA)")
    HEALTH_AGREEMENTS = "health", _("Sundhedsaftaler")
    CROSS_PUBLIC = "cross_public", _("Tværoffentlige initiativer")


class Stage(models.TextChoices):
    """R34: where an idea is in the funnel (the portfolio stage is read from its pejlemærke)."""

    DRAFT = "draft", _("Kladde")
    SUBMITTED = "submitted", _("Indsendt")
    QUALIFIED = "qualified", _("Kvalificeret af PMO5")
    RANKED = "ranked", _("I IT5's pipeline")
    DECIDED = "decided", _("Optaget på strategiseminar")
    PARKED = "parked", _("Parkeret")
    REJECTED = "rejected", _("Afvist")


class Kommissorium(models.Model):
    """R34: an idea, written as a one-page kommissorium."""

    title = models.CharField(_("titel"), max_length=200)
    problem = models.TextField(_("problem og formål"), blank=True)
    benefits = models.TextField(_("forventede gevinster og effekter"), blank=True)
    regions = models.ManyToManyField(Region, related_name="kommissorier", blank=True, verbose_name=_("regioner"))
    rough_cost = models.DecimalField(_("anslået økonomi (kr.)"), null=True, blank=True, **MONEY)
    timeframe = models.CharField(_("anslået tidsramme"), max_length=120, blank=True)
    source = models.CharField(_("kilde"), max_length=14, choices=IdeaSource.choices, blank=True)
    type = models.CharField(
        _("forventet type"), max_length=14, choices=PejlemaerkeType.choices, default=PejlemaerkeType.ANALYSE
    )
    leading_region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("foreslået projektledende region"),
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="kommissorier",
        verbose_name=_("forslagsstiller"),
    )
    stage = models.CharField(_("trin"), max_length=10, choices=Stage.choices, default=Stage.DRAFT)
    stage_since = models.DateTimeField(_("på trinnet siden"))
    submitted_at = models.DateTimeField(_("indsendt"), null=True, blank=True)
    # R34: started through the economic-agreement negotiations; it still needs its projektgrundlag (R2).
    oa_year = models.PositiveSmallIntegerField(_("ØA-år"), null=True, blank=True)
    pejlemaerke = models.OneToOneField(
        Pejlemaerke,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kommissorium",
        verbose_name=_("pejlemærke"),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("kommissorium")
        verbose_name_plural = _("kommissorier")
        constraints = [
            models.CheckConstraint(condition=Q(stage__in=Stage.values), name="kommissorium_stage_known"),
            models.CheckConstraint(
                condition=Q(stage=Stage.DRAFT) | Q(submitted_at__isnull=False), name="kommissorium_submitted_has_time"
            ),
            models.CheckConstraint(
                condition=Q(oa_year__isnull=True) | Q(oa_year__gte=2000, oa_year__lte=2100), name="kommissorium_oa_year"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portfolio:kommissorium_detail", args=[self.pk])


class KommissoriumVersion(models.Model):
    """Every save of a kommissorium: the whole text, who, when and why (never overwritten)."""

    kommissorium = models.ForeignKey(Kommissorium, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("indhold"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("hvorfor"), max_length=300)
    created_at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)

    class Meta:
        ordering = ["kommissorium", "-number"]
        verbose_name = _("kommissorieversion")
        verbose_name_plural = _("kommissorieversioner")
        constraints = [models.UniqueConstraint(fields=["kommissorium", "number"], name="kommissorium_version_once")]

    def __str__(self):
        return f"{self.kommissorium} v{self.number}"


class Maturity(models.TextChoices):
    LOW = "low", _("Lav")
    MEDIUM = "medium", _("Middel")
    HIGH = "high", _("Høj")


class Recommendation(models.TextChoices):
    PIPELINE = "pipeline", _("Optag i pipelinen")
    MATURE = "mature", _("Modn yderligere")
    REJECT = "reject", _("Afvis")


class Qualification(models.Model):
    """R34: PMO5's recorded assessment of an idea, per region or jointly (region empty)."""

    kommissorium = models.ForeignKey(Kommissorium, on_delete=models.CASCADE, related_name="qualifications")
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("region")
    )
    coherence = models.TextField(_("sammenhæng med regionens egen portefølje"))
    synergy = models.TextField(_("synergi og overlap"), blank=True)
    related = models.ManyToManyField(
        Pejlemaerke, blank=True, related_name="+", verbose_name=_("beslægtede pejlemærker")
    )
    maturity = models.CharField(_("modenhed"), max_length=6, choices=Maturity.choices)
    recommendation = models.CharField(_("anbefaling"), max_length=8, choices=Recommendation.choices)
    reason = models.TextField(_("begrundelse"))
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assessed_at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)

    class Meta:
        ordering = ["kommissorium", "-assessed_at", "-pk"]
        verbose_name = _("kvalificering")
        verbose_name_plural = _("kvalificeringer")
        constraints = [
            models.CheckConstraint(condition=Q(GreaterThan(Length(Trim("reason")), 0)), name="qualification_reason"),
            models.CheckConstraint(condition=Q(maturity__in=Maturity.values), name="qualification_maturity_known"),
            models.CheckConstraint(
                condition=Q(recommendation__in=Recommendation.values), name="qualification_recommendation_known"
            ),
        ]

    def __str__(self):
        return f"{self.kommissorium}: {self.get_recommendation_display()}"


class Priority(models.TextChoices):
    HIGH = "high", _("Høj")
    MEDIUM = "medium", _("Middel")
    LOW = "low", _("Lav")


class PipelineEntry(models.Model):
    """R34: an idea on IT5's ranked pipeline, with its priority and the seminar it aims for."""

    kommissorium = models.OneToOneField(Kommissorium, on_delete=models.CASCADE, related_name="pipeline_entry")
    rank = models.PositiveIntegerField(_("placering"))
    priority = models.CharField(_("prioritet"), max_length=6, choices=Priority.choices)
    target_seminar_id = models.PositiveIntegerField(_("strategiseminar"), null=True, blank=True)

    class Meta:
        ordering = ["rank"]
        verbose_name = _("pipelineplacering")
        verbose_name_plural = _("pipelineplaceringer")

    def __str__(self):
        return f"{self.rank}. {self.kommissorium}"


class PipelineRevision(models.Model):
    """R34: every change of IT5's order, the whole order as it became (who, when, why)."""

    order = models.JSONField(_("rækkefølge"))  # [{"id": kommissorium id, "title":…, "priority":…}, …]
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("begrundelse"))
    changed_at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("ændring af pipelinen")
        verbose_name_plural = _("ændringer af pipelinen")

    def __str__(self):
        return f"{self.changed_at:%Y-%m-%d %H:%M} {self.changed_by}"


class SeminarOutcome(models.TextChoices):
    PIPELINE = "pipeline", _("Optaget i pipelinen")
    PARKED = "parked", _("Parkeret")
    REJECTED = "rejected", _("Afvist")


class SeminarItem(models.Model):
    """R34: an idea on a strategy seminar's agenda, and the seminar's decision on it once recorded."""

    kommissorium = models.ForeignKey(Kommissorium, on_delete=models.CASCADE, related_name="seminar_items")
    meeting_id = models.PositiveIntegerField(_("møde"))
    agenda_item_id = models.PositiveIntegerField(_("dagsordenspunkt"))
    outcome = models.CharField(_("beslutning"), max_length=8, choices=SeminarOutcome.choices, blank=True)
    priority = models.CharField(_("prioritet"), max_length=6, choices=Priority.choices, blank=True)
    reason = models.TextField(_("begrundelse"), blank=True)
    decision_id = models.PositiveIntegerField(_("beslutningsprotokol-id"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("registreret"), null=True, blank=True)

    class Meta:
        ordering = ["meeting_id", "pk"]
        verbose_name = _("punkt på strategiseminar")
        verbose_name_plural = _("punkter på strategiseminarer")
        constraints = [
            models.UniqueConstraint(fields=["kommissorium", "meeting_id"], name="seminar_item_once_per_meeting"),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(GreaterThan(Length(Trim("reason")), 0)), name="seminar_decision_reason"
            ),
        ]

    def __str__(self):
        return f"{self.kommissorium} ({self.get_outcome_display() or '–'})"


class OAMarking(models.Model):
    """R34: a pejlemærke started through the economic-agreement negotiations, with the ØA year."""

    pejlemaerke = models.OneToOneField(Pejlemaerke, on_delete=models.CASCADE, related_name="oa_marking")
    year = models.PositiveSmallIntegerField(_("ØA-år"))
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    marked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ØA-markering")
        verbose_name_plural = _("ØA-markeringer")
        constraints = [models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="oa_marking_year")]

    def __str__(self):
        return f"{self.pejlemaerke}: ØA {self.year}"


class AcquisitionNotice(models.Model):
    """A region tells RSI DK it starts a relevant acquisition of its own (kommissorium for RSI DK)."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="acquisition_notices")
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beskrivelse"))
    expected_start = models.DateField(_("forventet start"))
    contact = models.CharField(_("kontakt"), max_length=200)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)
    agenda_item_id = models.PositiveIntegerField(_("dagsordenspunkt"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("orientering om anskaffelse")
        verbose_name_plural = _("orienteringer om anskaffelser")

    def __str__(self):
        return f"{self.region.code}: {self.title}"


class PipelineAuditAction(models.TextChoices):
    KOMMISSORIUM_SAVE = "kommissorium.save", _("Kommissorium gemt")
    KOMMISSORIUM_SUBMIT = "kommissorium.submit", _("Kommissorium indsendt")
    KOMMISSORIUM_QUALIFY = "kommissorium.qualify", _("Idé kvalificeret af PMO5")
    KOMMISSORIUM_LINK = "kommissorium.link", _("Kommissorium knyttet til pejlemærke")
    PIPELINE_RANK = "pipeline.rank", _("IT5's pipeline ændret")
    SEMINAR_AGENDA = "seminar.agenda", _("Strategiseminarets dagsorden dannet fra pipelinen")
    SEMINAR_DECIDE = "seminar.decide", _("Strategiseminarets beslutning registreret")
    OA_MARK = "oa.mark", _("Markeret som igangsat via ØA")
    NOTICE_SUBMIT = "acquisition_notice.submit", _("Orientering om regional anskaffelse indsendt")
    NOTICE_AGENDA = "acquisition_notice.agenda", _("Orientering sat på RSI DK's dagsorden")
    GOAL_SAVE = "strategy_goal.save", _("Strategisk mål gemt")


register_audit_actions(PipelineAuditAction)

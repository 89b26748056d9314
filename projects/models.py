"""Projects under a pejlemærke. Later sections add phases, gates, documents and status reports."""

import operator
from functools import reduce

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length, Trim
from django.db.models.lookups import GreaterThan
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portfolio.models import Pejlemaerke, Region

from .rules import PHASE_STEPS, Colour, Phase, Step


def _phase_step_condition() -> Q:
    """R5 as a database constraint: a project's step is one of its phase's steps."""
    conditions = [Q(phase=phase, step__in=list(steps)) for phase, steps in PHASE_STEPS.items()]
    return reduce(operator.or_, conditions)


class Project(models.Model):
    """A project under a pejlemærke.

    An analysis or acquisition pejlemærke has one joint project (region empty);
    a monitoring pejlemærke has one regional project per region (R1).
    """

    pejlemaerke = models.ForeignKey(
        Pejlemaerke, on_delete=models.CASCADE, related_name="projects", verbose_name=_("pejlemærke")
    )
    name = models.CharField(_("navn"), max_length=200)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="regional_projects",
        verbose_name=_("region"),
        help_text=_("Kun for regionale projekter under et monitoreringspejlemærke."),
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_projects",
        verbose_name=_("projektleder"),
    )
    description = models.TextField(_("beskrivelse"), blank=True)
    # --- Phases and gates (R5): current phase and step; changes go through projects.services.
    phase = models.CharField(_("fase"), max_length=16, choices=Phase.choices, default=Phase.IDE)
    step = models.CharField(_("trin"), max_length=20, choices=Step.choices, default=Step.MODNING)
    has_acquisition = models.BooleanField(
        _("har en anskaffelse"),
        default=True,
        help_text=_("Et projekt uden anskaffelse springer fasen Anskaffelse over (R5)."),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pejlemaerke__name", "region__sort_order", "name"]
        verbose_name = _("projekt")
        verbose_name_plural = _("projekter")
        permissions = [("report_status", _("Må indberette månedsstatus"))]
        constraints = [
            models.UniqueConstraint(fields=["pejlemaerke", "name"], name="project_name_unique_in_pejlemaerke"),
            models.UniqueConstraint(
                fields=["pejlemaerke", "region"],
                condition=Q(region__isnull=False),
                name="project_one_per_region_in_pejlemaerke",
            ),
            # --- Phases and gates (R5): the step belongs to the phase.
            models.CheckConstraint(
                condition=_phase_step_condition(),
                name="r5_project_step_in_phase",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("portfolio:pejlemaerke_detail", args=[self.pejlemaerke_id])


class RegionalProjectLeader(models.Model):
    """The leader of one region's part of a project (regional projektleder)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="regional_leaders")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="regional_leads")

    class Meta:
        verbose_name = _("regional projektleder")
        verbose_name_plural = _("regionale projektledere")
        constraints = [
            models.UniqueConstraint(fields=["project", "region"], name="regional_leader_once_per_region"),
        ]

    def __str__(self):
        return f"{self.user} – {self.project} ({self.region.code})"


# --- Monthly status (R9–R13)


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Kladde")
    SUBMITTED = "submitted", _("Indsendt")


STATUS_TEXT_FIELDS = ("overall", "tid", "oekonomi", "leverancer", "risici")


class StatusReport(models.Model):
    """R9: one project's monthly status for one region; exactly one row per (project, region, period).

    The row holds the draft while it is a draft and, once submitted, mirrors the latest
    StatusReportVersion (R12: the versions are the history; nothing submitted is overwritten).
    """

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="status_reports", verbose_name=_("projekt")
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("region"))
    period = models.DateField(_("måned"), help_text=_("Månedens første dag."))
    state = models.CharField(_("tilstand"), max_length=10, choices=ReportState.choices, default=ReportState.DRAFT)
    colour = models.CharField(_("status"), max_length=8, choices=Colour.choices, blank=True)
    overall = models.TextField(_("overordnet status"), blank=True)
    tid = models.TextField(_("tid"), blank=True)
    oekonomi = models.TextField(_("økonomi"), blank=True)
    leverancer = models.TextField(_("leverancer"), blank=True)
    risici = models.TextField(_("væsentligste risici"), blank=True)
    affects_tid = models.BooleanField(_("udfordrer tid/deadline"), default=False)
    affects_oekonomi = models.BooleanField(_("udfordrer økonomi/budget"), default=False)
    affects_leverancer = models.BooleanField(_("udfordrer leverancer"), default=False)
    version = models.PositiveIntegerField(_("version"), default=0, help_text=_("0 = kladde, aldrig indsendt."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("oprettet af")
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    submitted_at = models.DateTimeField(_("senest indsendt"), null=True, blank=True)
    first_submitted_at = models.DateTimeField(_("først indsendt"), null=True, blank=True)

    class Meta:
        ordering = ["-period", "project__pejlemaerke__name", "region__sort_order"]
        verbose_name = _("statusrapport")
        verbose_name_plural = _("statusrapporter")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "region", "period"], name="status_once_per_project_region_month"
            ),
            models.CheckConstraint(condition=Q(period__day=1), name="status_period_is_first_of_month"),
            models.CheckConstraint(condition=Q(colour__in=[*Colour.values, ""]), name="status_colour_known"),
            models.CheckConstraint(
                condition=Q(state=ReportState.DRAFT, version=0)
                | (Q(state=ReportState.SUBMITTED, version__gte=1, submitted_at__isnull=False) & ~Q(colour="")),
                name="status_submitted_has_version_and_colour",
            ),
        ]
        indexes = [models.Index(fields=["period", "state"], name="status_period_state_idx")]

    def __str__(self):
        return f"{self.project} – {self.region.code} – {self.period:%Y-%m}"

    @property
    def is_submitted(self) -> bool:
        return self.state == ReportState.SUBMITTED

    @property
    def dimensions(self) -> list[str]:
        """The dimensions the report says are challenged (R9: deadline, budget, deliverables)."""
        labels = []
        if self.affects_tid:
            labels.append(str(_("tid")))
        if self.affects_oekonomi:
            labels.append(str(_("økonomi")))
        if self.affects_leverancer:
            labels.append(str(_("leverancer")))
        return labels


class StatusReportVersion(models.Model):
    """R12: every submission of a status report, append-only, with who, when and why."""

    report = models.ForeignKey(StatusReport, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField(_("version"))
    colour = models.CharField(_("status"), max_length=8, choices=Colour.choices)
    overall = models.TextField(_("overordnet status"), blank=True)
    tid = models.TextField(_("tid"), blank=True)
    oekonomi = models.TextField(_("økonomi"), blank=True)
    leverancer = models.TextField(_("leverancer"), blank=True)
    risici = models.TextField(_("væsentligste risici"), blank=True)
    affects_tid = models.BooleanField(_("udfordrer tid/deadline"), default=False)
    affects_oekonomi = models.BooleanField(_("udfordrer økonomi/budget"), default=False)
    affects_leverancer = models.BooleanField(_("udfordrer leverancer"), default=False)
    reason = models.TextField(_("begrundelse for rettelse"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("indsendt af")
    )
    submitted_at = models.DateTimeField(_("indsendt"))

    class Meta:
        ordering = ["report", "-version"]
        verbose_name = _("statusrapportversion")
        verbose_name_plural = _("statusrapportversioner")
        constraints = [
            models.UniqueConstraint(fields=["report", "version"], name="status_version_once"),
            models.CheckConstraint(condition=Q(version__gte=1), name="status_version_from_one"),
            models.CheckConstraint(condition=Q(colour__in=Colour.values), name="status_version_colour_known"),
            models.CheckConstraint(
                condition=Q(version=1) | Q(GreaterThan(Length(Trim("reason")), 0)),
                name="r12_correction_needs_reason",
            ),
        ]

    def __str__(self):
        return f"{self.report} v{self.version}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A submitted status version is immutable (R12); submit a correction instead.")
        super().save(*args, **kwargs)

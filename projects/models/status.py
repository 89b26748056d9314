"""Monthly status reports and their versions (R9–R13)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length, Trim
from django.db.models.lookups import GreaterThan
from django.utils.translation import gettext_lazy as _

from portfolio.models import Region

from ..rules import Colour
from .project import Project


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
    # R38: the project leader's optional forecast, held against the approved business case.
    forecast_cost = models.DecimalField(
        _("forventet samlet udgift"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    expected_end = models.DateField(_("forventet projektslut"), null=True, blank=True)
    # R38: how many consecutive monthly reports, this one included, say the same colour and texts.
    unchanged_months = models.PositiveIntegerField(_("uændret i måneder"), default=1, db_default=1)
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
                condition=Q(forecast_cost__isnull=True) | Q(forecast_cost__gte=0), name="r38_forecast_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(state=ReportState.DRAFT, version=0)
                | (Q(state=ReportState.SUBMITTED, version__gte=1, submitted_at__isnull=False) & ~Q(colour="")),
                name="status_submitted_has_version_and_colour",
            ),
        ]
        # The dashboard's month window. Migration 0007 builds it on PostgreSQL as a covering index
        # (INCLUDE project, region, colour, submitted_at) for index-only scans; the model declares only
        # the plain part, since SQLite has no INCLUDE and warns about it (models.W040).
        indexes = [models.Index(fields=["period", "state"], name="status_period_window_idx")]

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
    forecast_cost = models.DecimalField(
        _("forventet samlet udgift"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    expected_end = models.DateField(_("forventet projektslut"), null=True, blank=True)
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

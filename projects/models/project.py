"""A pejlemærke's projects (R1) and their regional leaders."""

import operator
from functools import reduce

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portfolio.models import Pejlemaerke, Region

from ..rules import PHASE_STEPS, Phase, Step


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
    # R5: the current phase and step; they change only through projects.services.
    phase = models.CharField(_("fase"), max_length=16, choices=Phase.choices, default=Phase.IDE)
    step = models.CharField(_("trin"), max_length=20, choices=Step.choices, default=Step.MODNING)
    has_acquisition = models.BooleanField(
        _("har en anskaffelse"),
        default=True,
        help_text=_("Et projekt uden anskaffelse springer fasen Anskaffelse over (R5)."),
    )
    # R27: the day a counting business case rose above 10 mio. kr., and that budget (set by the projects
    # service that finance's version approval calls; the gate page shows it until It-rådet has answered).
    risk_flagged_on = models.DateField(_("budget over 10 mio. kr. siden"), null=True, blank=True)
    risk_flagged_budget = models.DecimalField(
        _("budget ved stigningen (kr.)"), max_digits=14, decimal_places=2, null=True, blank=True
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
            # R5: the step belongs to the phase.
            models.CheckConstraint(
                condition=_phase_step_condition(),
                name="r5_project_step_in_phase",
            ),
            models.CheckConstraint(
                condition=Q(risk_flagged_on__isnull=True, risk_flagged_budget__isnull=True)
                | Q(risk_flagged_on__isnull=False, risk_flagged_budget__gt=10_000_000),
                name="r27_risk_flag_has_budget_over_threshold",
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

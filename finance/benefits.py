"""Benefit lines of a business-case version (R35) and the realisation plan and yearly reports after close (R36)."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rsi_portal.registry import register_audit_actions

from .rules import BenefitKind

VALUE = {"max_digits": 16, "decimal_places": 2}


class BenefitAuditAction(models.TextChoices):
    """What the benefit and realisation services write to the audit trail."""

    BENEFIT_ADD = "benefit.add", _("Gevinst tilføjet")
    BENEFIT_DELETE = "benefit.delete", _("Gevinst fjernet")
    JUSTIFICATION_SET = "benefit.justification_set", _("Begrundelse for negativ business case gemt")
    PLAN_ITEM_ADD = "realisation.plan_add", _("Gevinst tilføjet til realiseringsplanen")
    PLAN_ITEM_DELETE = "realisation.plan_delete", _("Gevinst fjernet fra realiseringsplanen")
    REPORT_SUBMIT = "realisation.report_submit", _("Realiseret gevinst indberettet")


register_audit_actions(BenefitAuditAction)


class BenefitLine(models.Model):
    """R35: one benefit of a version: what, which kind, for a region or joint, baseline → target, its yearly
    profile (percent of the full effect from the start year) and its owner (a person or a region)."""

    version = models.ForeignKey(
        "finance.BusinessCaseVersion", on_delete=models.CASCADE, related_name="benefits", verbose_name=_("version")
    )
    description = models.CharField(_("beskrivelse"), max_length=200)
    kind = models.CharField(_("art"), max_length=10, choices=BenefitKind.choices)
    region = models.ForeignKey(
        "portfolio.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
        help_text=_("Tom: fællesregional gevinst."),
    )
    baseline = models.DecimalField(_("udgangspunkt"), **VALUE)
    target = models.DecimalField(_("mål"), **VALUE)
    unit = models.CharField(_("enhed"), max_length=40)
    start_year = models.PositiveSmallIntegerField(_("første år med gevinst"))
    profile = models.JSONField(_("årlig profil (%)"), default=list)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ejer (person)"),
    )
    owner_region = models.ForeignKey(
        "portfolio.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ejer (region)"),
    )

    class Meta:
        ordering = ["kind", "region__sort_order", "description", "pk"]
        verbose_name = _("gevinst")
        verbose_name_plural = _("gevinster")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=BenefitKind.values), name="benefit_kind_known"),
            models.CheckConstraint(condition=Q(start_year__gte=2000, start_year__lte=2100), name="benefit_year_sane"),
            models.CheckConstraint(
                condition=Q(owner_user__isnull=True, owner_region__isnull=False)
                | Q(owner_user__isnull=False, owner_region__isnull=True),
                name="r35_benefit_one_owner",
                violation_error_message=_("En gevinst har én ejer: en person eller en region."),
            ),
        ]

    def __str__(self):
        return self.description

    @property
    def owner(self):
        return self.owner_user or self.owner_region

    @property
    def profile_values(self) -> list[Decimal]:
        return [Decimal(p) for p in self.profile]


class BenefitJustification(models.Model):
    """R35: why a version whose economic case is negative is still recommended (quality or patient benefits)."""

    version = models.OneToOneField(
        "finance.BusinessCaseVersion",
        on_delete=models.CASCADE,
        related_name="benefit_justification",
        verbose_name=_("version"),
    )
    text = models.TextField(_("begrundelse for at anbefale trods negativ økonomi"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("ændret af")
    )
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        verbose_name = _("begrundelse for negativ business case")
        verbose_name_plural = _("begrundelser for negative business cases")

    def __str__(self):
        return self.text[:60]


class RealisationPlanItem(models.Model):
    """R36: a benefit one region reports on after close, for which years, by whom and how it is measured."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="realisation_plan", verbose_name=_("projekt")
    )
    benefit = models.ForeignKey(BenefitLine, on_delete=models.PROTECT, related_name="+", verbose_name=_("gevinst"))
    region = models.ForeignKey("portfolio.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region"))
    first_year = models.PositiveSmallIntegerField(_("første år"))
    last_year = models.PositiveSmallIntegerField(_("sidste år"))
    target = models.DecimalField(_("mål"), **VALUE)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("indberetter")
    )
    method = models.TextField(_("målemetode"))

    class Meta:
        ordering = ["project", "region__sort_order", "benefit__description", "pk"]
        verbose_name = _("gevinst i realiseringsplanen")
        verbose_name_plural = _("realiseringsplan")
        constraints = [
            models.UniqueConstraint(fields=["project", "benefit", "region"], name="r36_plan_item_unique"),
            models.CheckConstraint(
                condition=Q(last_year__gte=models.F("first_year")),
                name="r36_plan_years_ordered",
                violation_error_message=_("Sidste år skal ligge efter første år."),
            ),
        ]

    def __str__(self):
        return f"{self.benefit} ({self.region.code})"

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))


class RealisationReport(models.Model):
    """R36: a region's realised value for one planned benefit and year; a correction is a new version."""

    item = models.ForeignKey(
        RealisationPlanItem, on_delete=models.CASCADE, related_name="reports", verbose_name=_("gevinst")
    )
    year = models.PositiveSmallIntegerField(_("år"))
    number = models.PositiveIntegerField(_("version"))
    realised = models.DecimalField(_("realiseret"), **VALUE)
    text = models.TextField(_("kort tekst"))
    correction_reason = models.TextField(_("årsag til rettelse"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("indberettet af")
    )
    submitted_at = models.DateTimeField(_("indberettet"), auto_now_add=True)

    class Meta:
        ordering = ["item", "year", "-number"]
        verbose_name = _("gevinstindberetning")
        verbose_name_plural = _("gevinstindberetninger")
        constraints = [
            models.UniqueConstraint(fields=["item", "year", "number"], name="r36_report_version_unique"),
        ]

    def __str__(self):
        return f"{self.item} {self.year} v{self.number}"


class RealisationReminder(models.Model):
    """R36: the yearly reminder to a planned benefit's reporter; at most one per planned benefit and year."""

    item = models.ForeignKey(
        RealisationPlanItem, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("gevinst")
    )
    year = models.PositiveSmallIntegerField(_("år"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(_("e-mail"))
    sent_at = models.DateTimeField(_("sendt"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("påmindelse om gevinstindberetning")
        verbose_name_plural = _("påmindelser om gevinstindberetning")
        constraints = [models.UniqueConstraint(fields=["item", "year"], name="r36_reminder_once_per_item_year")]

    def __str__(self):
        return f"{self.item} {self.year} → {self.user}"

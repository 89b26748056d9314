"""Business cases and their versions, expense lines, buffer drawings and the bloktilskudsnøgle (R14–R23)."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.lookups import GreaterThanOrEqual, LessThanOrEqual
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portfolio.rules import REGION_CODES
from rsi_portal.registry import register_audit_actions

# R35/R36: benefit lines and realisation live in their own module; re-exported so the app's models load them.
from .benefits import (
    BenefitAuditAction,
    BenefitJustification,
    BenefitLine,
    RealisationPlanItem,
    RealisationReminder,
    RealisationReport,
)
from .rules import PROJECT_EXPENSE_KINDS, LineKind, RequestStatus, Scope, VersionStatus, staff_hours

__all__ = [
    "AgreedSplit",
    "AuditAction",
    "BenefitAuditAction",
    "BenefitJustification",
    "BenefitLine",
    "BlockGrantKey",
    "BusinessCase",
    "BusinessCaseVersion",
    "ChangeRequest",
    "ExpenseLine",
    "RealisationPlanItem",
    "RealisationReminder",
    "RealisationReport",
]

MONEY = {"max_digits": 14, "decimal_places": 2}
SHARE = {"max_digits": 7, "decimal_places": 4}
# Both sides of the DB checks are whole øre / whole 0.0001 %, so these tolerances only absorb
# SQLite's floating-point arithmetic; on PostgreSQL (numeric) the checks are exact.
OERE_TOLERANCE = Value(Decimal("0.005"))
SHARE_SUM_LOW, SHARE_SUM_HIGH = Value(Decimal("99.99995")), Value(Decimal("100.00005"))


class AuditAction(models.TextChoices):
    """What finance writes to the audit trail; the values are the stored action strings."""

    BUSINESS_CASE_CREATE = "business_case.create", _("Business case oprettet")
    VERSION_NEW = "business_case.version_new", _("Ny business case-version oprettet")
    VERSION_UPDATE = "business_case.version_update", _("Business case-version ændret")
    VERSION_APPROVE = "business_case.version_approve", _("Business case-version godkendt")
    VERSION_REJECT = "business_case.version_reject", _("Business case-version afvist")
    LINE_ADD = "business_case.line_add", _("Udgiftslinje tilføjet")
    LINE_DELETE = "business_case.line_delete", _("Udgiftslinje fjernet")
    STAFF_ACTUAL = "business_case.staff_actual", _("Faktisk forbrug af interne ressourcer registreret")
    CHANGE_REQUEST_FILE = "change_request.file", _("Ændringsanmodning indsendt")
    CHANGE_REQUEST_APPROVE = "change_request.approve", _("Ændringsanmodning godkendt")
    CHANGE_REQUEST_REJECT = "change_request.reject", _("Ændringsanmodning afvist")
    BLOCK_GRANT_KEY_SET = "block_grant_key.set", _("Bloktilskudsnøgle gemt")
    AGREED_SPLIT_SET = "agreed_split.set", _("Aftalt fordeling gemt")
    AGREED_SPLIT_REMOVE = "agreed_split.remove", _("Aftalt fordeling fjernet")


register_audit_actions(AuditAction)


class BusinessCase(models.Model):
    """The steering document of one project; its content lives in versions (R23)."""

    project = models.OneToOneField(
        "projects.Project", on_delete=models.CASCADE, related_name="business_case", verbose_name=_("projekt")
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        ordering = ["project__pejlemaerke__name", "project__region__sort_order", "project__name"]
        verbose_name = _("business case")
        verbose_name_plural = _("business cases")

    def __str__(self):
        return str(_("Business case for %s") % self.project)

    def get_absolute_url(self):
        return reverse("finance:case_detail", args=[self.project_id])


class BusinessCaseVersion(models.Model):
    """R23: one version of a business case. Drafts are edited; approved versions are frozen and count."""

    business_case = models.ForeignKey(
        BusinessCase, on_delete=models.CASCADE, related_name="versions", verbose_name=_("business case")
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    start_date = models.DateField(_("projektstart"))
    end_date = models.DateField(_("projektslut"))
    scope = models.TextField(_("omfang og leverancer"))
    change_reason = models.TextField(_("årsag til ny version"), blank=True)
    buffer = models.DecimalField(_("buffer"), default=Decimal("0.00"), **MONEY)
    expense_total = models.DecimalField(
        _("samlede udgifter"),
        default=Decimal("0.00"),
        help_text=_("Alle udgiftslinjer (fællesregionale og regionale, alle år) uden buffer og drift."),
        **MONEY,
    )
    based_on = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("kopi af")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("oprettet af")
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgjort af"),
    )
    decided_at = models.DateTimeField(_("afgjort"), null=True, blank=True)
    decision_note = models.TextField(_("bemærkning til afgørelsen"), blank=True)
    # R23: set when the steering group approved a version above the joint frame; the version counts only
    # once the body the matter was routed to (IT5 or RSI DK) has approved it.
    frame_matter = models.OneToOneField(
        "governance.Matter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sag om den fællesregionale ramme"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["business_case", "-number"]
        verbose_name = _("business case-version")
        verbose_name_plural = _("business case-versioner")
        constraints = [
            models.UniqueConstraint(fields=["business_case", "number"], name="bcv_number_unique"),
            models.UniqueConstraint(
                fields=["business_case"],
                condition=Q(status=VersionStatus.DRAFT),
                name="bcv_one_draft",
                violation_error_message=_("Der er allerede en kladde. Færdiggør eller afgør den først."),
            ),
            models.CheckConstraint(condition=Q(status__in=VersionStatus.values), name="bcv_status_known"),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="bcv_end_after_start",
                violation_error_message=_("Projektslut skal ligge efter projektstart."),
            ),
            models.CheckConstraint(condition=Q(buffer__gte=0), name="bcv_buffer_not_negative"),
            # R17: buffer ≤ 10 % of the expense total (buffer × 10 ≤ total; both in whole øre).
            models.CheckConstraint(
                condition=LessThanOrEqual(F("buffer") * 10, F("expense_total") + OERE_TOLERANCE),
                name="r17_buffer_at_most_10_percent",
                violation_error_message=_("Bufferen må højst være 10 % af projektets samlede udgifter."),
            ),
            models.CheckConstraint(
                condition=(Q(status=VersionStatus.DRAFT) & Q(decided_at__isnull=True))
                | (~Q(status=VersionStatus.DRAFT) & Q(decided_at__isnull=False) & Q(decided_by__isnull=False)),
                name="bcv_decided_iff_not_draft",
            ),
        ]

    def __str__(self):
        return f"{self.business_case.project} – v{self.number}"

    def get_absolute_url(self):
        return reverse("finance:version_detail", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT


class ExpenseLineQuerySet(models.QuerySet):
    def project_expenses(self):
        """R16/R17: the lines that are project expenses, not drift after the project (rules.counts_towards_total)."""
        return self.filter(kind__in=PROJECT_EXPENSE_KINDS)


class ExpenseLine(models.Model):
    """R14–R16: one expense in one budget year, joint or for one region; drift kept apart."""

    version = models.ForeignKey(
        BusinessCaseVersion, on_delete=models.CASCADE, related_name="lines", verbose_name=_("version")
    )
    kind = models.CharField(_("art"), max_length=10, choices=LineKind.choices)
    scope = models.CharField(_("fællesregional/regional"), max_length=8, choices=Scope.choices)
    region = models.ForeignKey(
        "portfolio.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
        help_text=_("Kun for regionale udgifter."),
    )
    year = models.PositiveSmallIntegerField(_("budgetår"))
    description = models.CharField(_("beskrivelse"), max_length=200)
    aarsvaerk = models.DecimalField(_("årsværk"), max_digits=8, decimal_places=2, null=True, blank=True)
    hours = models.DecimalField(_("timer"), max_digits=10, decimal_places=2, null=True, blank=True)
    hourly_rate = models.DecimalField(_("timepris"), null=True, blank=True, **MONEY)
    amount = models.DecimalField(_("beløb"), **MONEY)
    actual_hours = models.DecimalField(
        _("faktisk forbrug (timer)"), max_digits=10, decimal_places=2, null=True, blank=True
    )

    objects = ExpenseLineQuerySet.as_manager()

    class Meta:
        ordering = ["year", "scope", "region__sort_order", "kind", "pk"]
        verbose_name = _("udgiftslinje")
        verbose_name_plural = _("udgiftslinjer")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=LineKind.values), name="line_kind_known"),
            models.CheckConstraint(
                condition=(Q(scope=Scope.JOINT) & Q(region__isnull=True))
                | (Q(scope=Scope.REGIONAL) & Q(region__isnull=False)),
                name="r16_regional_line_names_region",
                violation_error_message=_("En regional udgift skal have en region; en fællesregional må ikke."),
            ),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="line_year_sane"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="line_amount_not_negative"),
            models.CheckConstraint(
                condition=~Q(kind=LineKind.STAFF)
                | (Q(aarsvaerk__isnull=False) & Q(aarsvaerk__gte=0))
                | (Q(hours__isnull=False) & Q(hours__gte=0)),
                name="r14_staff_in_aarsvaerk_or_hours",
            ),
            models.CheckConstraint(
                condition=~Q(kind=LineKind.EXTERNAL)
                | Q(hours__isnull=False, hours__gte=0, hourly_rate__isnull=False, hourly_rate__gte=0),
                name="r15_external_hours_and_rate",
            ),
            models.CheckConstraint(
                condition=Q(actual_hours__isnull=True) | (Q(kind=LineKind.STAFF) & Q(actual_hours__gte=0)),
                name="r19_actuals_only_on_staff",
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.description}"

    @property
    def budget_hours(self) -> Decimal | None:
        if self.kind != LineKind.STAFF:
            return self.hours
        return self.hours if self.hours is not None else staff_hours(aarsvaerk=self.aarsvaerk)


class ChangeRequest(models.Model):
    """R18: an ændringsanmodning; only an approved one draws on the buffer."""

    business_case = models.ForeignKey(
        BusinessCase, on_delete=models.CASCADE, related_name="change_requests", verbose_name=_("business case")
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("begrundelse"))
    amount = models.DecimalField(_("beløb fra bufferen"), **MONEY)
    year = models.PositiveSmallIntegerField(_("budgetår"))
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.SUBMITTED
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("indsendt af")
    )
    filed_at = models.DateTimeField(_("indsendt"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgjort af"),
    )
    decided_at = models.DateTimeField(_("afgjort"), null=True, blank=True)
    decision_note = models.TextField(_("bemærkning til afgørelsen"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-filed_at", "-pk"]
        verbose_name = _("ændringsanmodning")
        verbose_name_plural = _("ændringsanmodninger")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="r18_request_amount_positive"),
            models.CheckConstraint(condition=Q(status__in=RequestStatus.values), name="request_status_known"),
            models.CheckConstraint(
                condition=(Q(status=RequestStatus.SUBMITTED) & Q(decided_at__isnull=True))
                | (~Q(status=RequestStatus.SUBMITTED) & Q(decided_at__isnull=False) & Q(decided_by__isnull=False)),
                name="request_decided_iff_not_submitted",
            ),
        ]

    def __str__(self):
        return self.title


class FiveShares(models.Model):
    """Five percentage shares, one per region, that the database holds to exactly 100 % (R20)."""

    share_rh = models.DecimalField(_("Region Hovedstaden (%)"), **SHARE)
    share_rsj = models.DecimalField(_("Region Sjælland (%)"), **SHARE)
    share_rsd = models.DecimalField(_("Region Syddanmark (%)"), **SHARE)
    share_rm = models.DecimalField(_("Region Midtjylland (%)"), **SHARE)
    share_rn = models.DecimalField(_("Region Nordjylland (%)"), **SHARE)

    SHARE_FIELDS = {code: f"share_{code.lower()}" for code in REGION_CODES}

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(share_rh__gte=0, share_rsj__gte=0, share_rsd__gte=0, share_rm__gte=0, share_rn__gte=0),
                name="%(class)s_shares_not_negative",
            ),
            models.CheckConstraint(
                condition=GreaterThanOrEqual(
                    F("share_rh") + F("share_rsj") + F("share_rsd") + F("share_rm") + F("share_rn"), SHARE_SUM_LOW
                )
                & LessThanOrEqual(
                    F("share_rh") + F("share_rsj") + F("share_rsd") + F("share_rm") + F("share_rn"), SHARE_SUM_HIGH
                ),
                name="r20_%(class)s_shares_sum_100",
                violation_error_message=_("De fem andele skal tilsammen give præcis 100 %."),
            ),
        ]

    def shares(self) -> dict[str, Decimal]:
        """{region code: percentage}, in the regions' fixed order."""
        return {code: getattr(self, field) for code, field in self.SHARE_FIELDS.items()}


class BlockGrantKey(FiveShares):
    """R20: the bloktilskudsnøgle for health for one year, maintained by the secretariat."""

    year = models.PositiveSmallIntegerField(_("år"), unique=True)
    source = models.CharField(_("kilde"), max_length=200, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("ændret af")
    )
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    history = HistoricalRecords()

    class Meta(FiveShares.Meta):
        ordering = ["-year"]
        verbose_name = _("bloktilskudsnøgle")
        verbose_name_plural = _("bloktilskudsnøgler")

    def __str__(self):
        return str(_("Bloktilskudsnøgle %s") % self.year)


class AgreedSplit(FiveShares):
    """R20: a project's own agreed split of its joint expenses, used instead of the key."""

    business_case = models.OneToOneField(
        BusinessCase, on_delete=models.CASCADE, related_name="agreed_split", verbose_name=_("business case")
    )
    reason = models.TextField(_("aftalegrundlag"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("ændret af")
    )
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    history = HistoricalRecords()

    class Meta(FiveShares.Meta):
        verbose_name = _("aftalt fordeling")
        verbose_name_plural = _("aftalte fordelinger")

    def __str__(self):
        return str(_("Aftalt fordeling for %s") % self.business_case.project)

"""Writes to a version's benefit lines and its justification of a negative case (R35)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portfolio.audit import log_action
from rsi_portal.formatting import format_kr
from rsi_portal.permissions import require
from rsi_portal.services import audit_value

from .. import rules
from ..models import BenefitAuditAction, BenefitJustification, BenefitLine, BusinessCaseVersion
from ..permissions import EDIT as EDIT_PERM  # the project leader (on the project)
from ..rules import BenefitKind, VersionStatus
from ..selectors.benefits import version_economy

BENEFIT_FIELDS = (
    "description",
    "kind",
    "region_id",
    "baseline",
    "target",
    "unit",
    "start_year",
    "profile",
    "owner_user_id",
    "owner_region_id",
)
MAX_PROFILE_YEARS = 35


def _draft(version: BusinessCaseVersion) -> BusinessCaseVersion:
    version = (
        BusinessCaseVersion.objects.select_for_update().select_related("business_case__project").get(pk=version.pk)
    )
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(_("Kun en kladde kan ændres. Opret en ny version for at ændre en godkendt version."))
    return version


def unit_message(kind: str) -> str:
    if kind == BenefitKind.ECONOMIC:
        return _("En økonomisk gevinst angives i kr.")
    if kind == BenefitKind.CAPACITY:
        return _("En kapacitetsgevinst angives i timer eller årsværk.")
    return _("Angiv enheden.")


def check_profile(profile) -> list[str]:
    """R35: the yearly profile is 1–35 shares of the full effect, each 0–100 %; returned as strings."""
    try:
        values = [Decimal(str(p)) for p in profile]
    except (ArithmeticError, ValueError, TypeError):
        raise ValidationError({"profile": _("Profilen skal være tal adskilt af semikolon, fx 50; 100; 100.")}) from None
    if not 1 <= len(values) <= MAX_PROFILE_YEARS:
        raise ValidationError({"profile": _("Profilen skal have mellem 1 og 35 år.")})
    if any(not v.is_finite() or v < 0 or v > 100 for v in values):
        raise ValidationError({"profile": _("Hvert år i profilen er en andel af den fulde gevinst på 0-100 %.")})
    return [str(v.quantize(Decimal("0.01"))) for v in values]


@transaction.atomic
def benefit_add(
    *,
    actor,
    version: BusinessCaseVersion,
    description: str,
    kind: str,
    region=None,
    baseline: Decimal,
    target: Decimal,
    unit: str,
    start_year: int,
    profile,
    owner_user=None,
    owner_region=None,
) -> BenefitLine:
    """R35: add a benefit line to a draft; economic in kroner, capacity in hours or årsværk (R14)."""
    require(actor, EDIT_PERM, version.business_case.project)
    version = _draft(version)
    unit = (unit or "").strip()
    if kind == BenefitKind.ECONOMIC and not unit:
        unit = rules.ECONOMIC_UNIT
    if not rules.benefit_unit_ok(kind, unit):
        raise ValidationError({"unit": unit_message(kind)})
    if (owner_user is None) == (owner_region is None):
        raise ValidationError({"owner_region": _("Angiv én ejer: en person eller en region.")})
    benefit = BenefitLine(
        version=version,
        description=(description or "").strip(),
        kind=kind,
        region=region,
        baseline=rules.to_oere(baseline),
        target=rules.to_oere(target),
        unit=unit.lower() if kind in (BenefitKind.ECONOMIC, BenefitKind.CAPACITY) else unit,
        start_year=start_year,
        profile=check_profile(profile),
        owner_user=owner_user,
        owner_region=owner_region,
    )
    benefit.full_clean()
    benefit.save()
    log_action(
        actor=actor,
        action=BenefitAuditAction.BENEFIT_ADD,
        obj=version,
        data={"benefit": benefit.pk, **{n: [None, audit_value(getattr(benefit, n))] for n in BENEFIT_FIELDS}},
    )
    return benefit


@transaction.atomic
def benefit_delete(*, actor, benefit: BenefitLine) -> None:
    require(actor, EDIT_PERM, benefit.version.business_case.project)
    version = _draft(benefit.version)
    data = {"benefit": benefit.pk, "description": [benefit.description, None]}
    benefit.delete()
    log_action(actor=actor, action=BenefitAuditAction.BENEFIT_DELETE, obj=version, data=data)


@transaction.atomic
def justification_set(*, actor, version: BusinessCaseVersion, text: str) -> BenefitJustification:
    """R35: the draft says why it is recommended although its economic case is negative."""
    require(actor, EDIT_PERM, version.business_case.project)
    version = _draft(version)
    text = (text or "").strip()
    if len(text) < 20:
        raise ValidationError(
            {"text": _("Begrund med mindst 20 tegn, hvorfor den anbefales (fx kvalitets- eller patientgevinster).")}
        )
    old = BenefitJustification.objects.filter(version=version).first()
    justification, _created = BenefitJustification.objects.update_or_create(
        version=version, defaults={"text": text, "updated_by": actor}
    )
    log_action(
        actor=actor,
        action=BenefitAuditAction.JUSTIFICATION_SET,
        obj=version,
        data={"text": [old.text if old else None, text]},
    )
    return justification


def check_negative_case(version: BusinessCaseVersion) -> None:
    """R35: a version whose economic case is negative is approved only with its justification."""
    economy = version_economy(version)
    if economy["needs_justification"] and economy["justification"] is None:
        raise ValidationError(
            _(
                "Business casen er økonomisk negativ (nutidsværdi %(npv)s kr.). Projektlederen skal begrunde, "
                "hvorfor den alligevel anbefales (kvalitets- eller patientgevinster), før den kan godkendes."
            )
            % {"npv": format_kr(economy["picture"].npv)}
        )


def benefits_copy(*, source: BusinessCaseVersion, target: BusinessCaseVersion) -> None:
    """R35/R23: a new version starts with its source's benefit lines (never its justification)."""
    BenefitLine.objects.bulk_create(
        [
            BenefitLine(version=target, **{name: getattr(b, name) for name in BENEFIT_FIELDS})
            for b in BenefitLine.objects.filter(version=source)
        ]
    )

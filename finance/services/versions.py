"""Writes to business cases, their versions and expense lines (R14–R17, R19, R23)."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from portfolio import hooks
from portfolio.audit import log_action
from rsi_portal.permissions import require
from rsi_portal.services import audit_value, model_update

from .. import rules
from ..models import AuditAction, BusinessCase, BusinessCaseVersion, ExpenseLine
from ..permissions import CHAIR as CHAIR_PERM  # the steering-group chair (on the pejlemærke)
from ..permissions import EDIT as EDIT_PERM  # the project leader (on the project)
from ..rules import LineKind, Scope, VersionStatus
from ..selectors import latest_approved_version
from .benefits import benefits_copy, check_negative_case
from .buffer import check_buffer, check_not_below_drawn
from .frame import frame_route

COPIED_LINE_FIELDS = (
    "kind",
    "scope",
    "region_id",
    "year",
    "description",
    "aarsvaerk",
    "hours",
    "hourly_rate",
    "amount",
)


def _require_draft(version: BusinessCaseVersion) -> None:
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(_("Kun en kladde kan ændres. Opret en ny version for at ændre en godkendt version."))


def _lock_version(version: BusinessCaseVersion) -> BusinessCaseVersion:
    return (
        BusinessCaseVersion.objects.select_for_update()
        .select_related("business_case__project__pejlemaerke")
        .get(pk=version.pk)
    )


def _recompute_total(version: BusinessCaseVersion) -> dict[str, list]:
    """R16/R17: the version's expense total from its lines (drift excluded); refused if the buffer no longer fits."""
    # Whole øre: SQLite sums decimals as floats.
    total = rules.to_oere(version.lines.project_expenses().aggregate(total=Sum("amount"))["total"] or 0)
    check_buffer(version.buffer, total)
    return model_update(instance=version, data={"expense_total": total})


def line_amount(*, kind: str, aarsvaerk=None, hours=None, hourly_rate=None, amount=None) -> Decimal:
    """R14/R15: the kroner of a line from what was entered."""
    if kind == LineKind.STAFF:
        if (aarsvaerk is None) == (hours is None):
            raise ValidationError(_("Angiv interne ressourcer enten i årsværk eller i timer (ikke begge)."))
        return rules.staff_cost(aarsvaerk=aarsvaerk, hours=hours)
    if kind == LineKind.EXTERNAL:
        if hours is None or hourly_rate is None:
            raise ValidationError(_("Ekstern bistand angives som forventede timer og ressourcens egen timepris."))
        return rules.external_cost(hours=hours, hourly_rate=hourly_rate)
    if amount is None:
        raise ValidationError({"amount": _("Angiv beløbet.")})
    return rules.to_oere(amount)


@transaction.atomic
def business_case_create(*, actor, project, start_date: date, end_date: date, scope: str) -> BusinessCaseVersion:
    """R23: open a project's business case with its first draft version."""
    require(actor, EDIT_PERM, project)
    if BusinessCase.objects.filter(project=project).exists():
        raise ValidationError(_("Projektet har allerede en business case."))
    case = BusinessCase.objects.create(project=project)
    fields = {"start_date": start_date, "end_date": end_date, "scope": scope}
    version = BusinessCaseVersion(business_case=case, number=1, created_by=actor, **fields)
    version.full_clean()
    version.save()
    log_action(
        actor=actor,
        action=AuditAction.BUSINESS_CASE_CREATE,
        obj=case,
        data={"version": 1, **{name: [None, audit_value(value)] for name, value in fields.items()}},
    )
    return version


@transaction.atomic
def version_new(*, actor, business_case: BusinessCase, change_reason: str) -> BusinessCaseVersion:
    """R23: a new version starts as a copy of the latest approved (else the newest) version, lines included."""
    require(actor, EDIT_PERM, business_case.project)
    business_case = BusinessCase.objects.select_for_update().get(pk=business_case.pk)
    if not (change_reason or "").strip():
        raise ValidationError(
            {"change_reason": _("Skriv hvorfor der laves en ny version (tid, økonomi eller omfang).")}
        )
    if business_case.versions.filter(status=VersionStatus.DRAFT).exists():
        raise ValidationError(_("Der er allerede en kladde. Færdiggør eller afgør den først."))
    source = (
        business_case.versions.filter(status=VersionStatus.APPROVED).order_by("-decided_at", "-number").first()
        or business_case.versions.order_by("-number").first()
    )
    number = (business_case.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = BusinessCaseVersion.objects.create(
        business_case=business_case,
        number=number,
        start_date=source.start_date,
        end_date=source.end_date,
        scope=source.scope,
        buffer=source.buffer,
        expense_total=source.expense_total,
        change_reason=change_reason.strip(),
        based_on=source,
        created_by=actor,
    )
    ExpenseLine.objects.bulk_create(
        [
            ExpenseLine(version=version, **{name: getattr(line, name) for name in COPIED_LINE_FIELDS})
            for line in source.lines.all()
        ]
    )
    benefits_copy(source=source, target=version)
    log_action(
        actor=actor,
        action=AuditAction.VERSION_NEW,
        obj=business_case,
        data={"version": number, "based_on": source.number, "reason": version.change_reason},
    )
    return version


@transaction.atomic
def version_update(
    *,
    actor,
    version: BusinessCaseVersion,
    start_date: date,
    end_date: date,
    scope: str,
    buffer: Decimal,
    change_reason: str = "",
) -> BusinessCaseVersion:
    """Edit a draft's time, scope and buffer (R17: buffer at most 10 % of the expense total)."""
    require(actor, EDIT_PERM, version.business_case.project)
    version = _lock_version(version)
    _require_draft(version)
    buffer = Decimal(buffer)
    check_buffer(buffer, version.expense_total)
    check_not_below_drawn(buffer, version.business_case)
    changes = model_update(
        instance=version,
        data={
            "start_date": start_date,
            "end_date": end_date,
            "scope": scope,
            "buffer": buffer,
            "change_reason": change_reason,
        },
    )
    if changes:
        log_action(actor=actor, action=AuditAction.VERSION_UPDATE, obj=version, data=changes)
    return version


@transaction.atomic
def line_add(
    *,
    actor,
    version: BusinessCaseVersion,
    kind: str,
    scope: str,
    region=None,
    year: int,
    description: str,
    aarsvaerk=None,
    hours=None,
    hourly_rate=None,
    amount=None,
) -> ExpenseLine:
    """R14–R16: add an expense line to a draft; its kroner are computed from årsværk/hours/rate."""
    require(actor, EDIT_PERM, version.business_case.project)
    version = _lock_version(version)
    _require_draft(version)
    if scope == Scope.REGIONAL and region is None:
        raise ValidationError({"region": _("En regional udgift skal have en region.")})
    if scope == Scope.JOINT:
        region = None
    if kind != LineKind.STAFF:
        aarsvaerk = None
    if kind not in (LineKind.STAFF, LineKind.EXTERNAL):
        hours = hourly_rate = None
    if kind == LineKind.STAFF:
        hourly_rate = None
    line = ExpenseLine(
        version=version,
        kind=kind,
        scope=scope,
        region=region,
        year=year,
        description=description,
        aarsvaerk=aarsvaerk,
        hours=hours,
        hourly_rate=hourly_rate,
        amount=line_amount(kind=kind, aarsvaerk=aarsvaerk, hours=hours, hourly_rate=hourly_rate, amount=amount),
    )
    line.full_clean()
    line.save()
    total = _recompute_total(version)
    log_action(
        actor=actor,
        action=AuditAction.LINE_ADD,
        obj=version,
        data={
            "line": line.pk,
            **{name: [None, audit_value(getattr(line, name))] for name in ("year", "kind", "scope", "region")},
            "amount": [None, audit_value(line.amount)],
            **total,
        },
    )
    return line


@transaction.atomic
def line_delete(*, actor, line: ExpenseLine) -> None:
    """Remove a line from a draft; refused if the remaining total would put the buffer above its cap."""
    version = line.version
    require(actor, EDIT_PERM, version.business_case.project)
    version = _lock_version(version)
    _require_draft(version)
    data = {"line": line.pk, "description": [line.description, None], "amount": [audit_value(line.amount), None]}
    line.delete()
    try:
        total = _recompute_total(version)
    except ValidationError as error:
        raise ValidationError(
            _("Linjen kan ikke fjernes, før bufferen er sat ned. %(cap)s") % {"cap": " ".join(error.messages)}
        ) from error
    log_action(actor=actor, action=AuditAction.LINE_DELETE, obj=version, data={**data, **total})


def _decide_version(*, actor, version, status: str, note: str) -> BusinessCaseVersion:
    require(actor, CHAIR_PERM, version.business_case.project.pejlemaerke)
    version = _lock_version(version)
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(_("Versionen er allerede afgjort."))
    previous = latest_approved_version(version.business_case.project)
    if status == VersionStatus.APPROVED:
        if not version.lines.exists():
            raise ValidationError(_("En version uden udgiftslinjer kan ikke godkendes."))
        check_buffer(version.buffer, version.expense_total)
        check_not_below_drawn(version.buffer, version.business_case)
        check_negative_case(version)  # R35: a negative economic case needs its justification
    changes = model_update(
        instance=version,
        data={
            "status": status,
            "decided_by": actor,
            "decided_at": timezone.now(),
            "decision_note": (note or "").strip(),
        },
    )
    if status == VersionStatus.APPROVED:
        changes.update(frame_route(actor=actor, version=version))  # R23: above the frame it goes on to IT5/RSI DK
    log_action(
        actor=actor,
        action=AuditAction.VERSION_APPROVE if status == VersionStatus.APPROVED else AuditAction.VERSION_REJECT,
        obj=version,
        data={"version": version.number, "total": str(version.expense_total), **changes},
    )
    if status == VersionStatus.APPROVED:  # it counts from now on: R27's flag is raised the same day
        for counted in hooks.business_case_counted:
            counted(actor=actor, project=version.business_case.project, version=version, previous=previous)
    return version


@transaction.atomic
def version_approve(*, actor, version: BusinessCaseVersion, note: str = "") -> BusinessCaseVersion:
    """R23: the steering-group chair approves a draft; from now on it is the version that counts."""
    return _decide_version(actor=actor, version=version, status=VersionStatus.APPROVED, note=note)


@transaction.atomic
def version_reject(*, actor, version: BusinessCaseVersion, note: str) -> BusinessCaseVersion:
    """The chair rejects a draft (it is kept, never counts)."""
    if not (note or "").strip():
        raise ValidationError({"note": _("Skriv hvorfor versionen afvises.")})
    return _decide_version(actor=actor, version=version, status=VersionStatus.REJECTED, note=note)


@transaction.atomic
def staff_actual_record(*, actor, line: ExpenseLine, actual_hours: Decimal) -> ExpenseLine:
    """R19: record actual staff use next to the budget; it is shown, never claimed or re-budgeted."""
    require(actor, EDIT_PERM, line.version.business_case.project)
    line = ExpenseLine.objects.select_for_update().select_related("version").get(pk=line.pk)
    if line.kind != LineKind.STAFF:
        raise ValidationError(_("Faktisk forbrug registreres kun på interne ressourcer (lukkede poster)."))
    if actual_hours is None or Decimal(actual_hours) < 0:
        raise ValidationError({"actual_hours": _("Angiv det faktiske forbrug i timer (0 eller mere).")})
    changes = model_update(instance=line, data={"actual_hours": Decimal(actual_hours)})
    if changes:
        log_action(actor=actor, action=AuditAction.STAFF_ACTUAL, obj=line.version, data={"line": line.pk, **changes})
    return line

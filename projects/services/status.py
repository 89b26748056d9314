"""Writes of the monthly status (R9–R13): drafts, submissions and corrections, each a new version."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portfolio.audit import log_action
from rsi_portal.dates import add_months
from rsi_portal.formatting import month_long
from rsi_portal.permissions import can, is_sekretariat
from rsi_portal.services import audit_value
from rsi_portal.sql import columns, for_update, insert, instances

from ..models import (
    STATUS_TEXT_FIELDS,
    AuditAction,
    Project,
    RegionalProjectLeader,
    ReportState,
    StatusReport,
    StatusReportVersion,
)
from ..rules import Colour, colour_needs_risk_text, months_unchanged
from ..selectors import reporting_regions
from .rollup import rollup_refresh

FORECAST_FIELDS = ("forecast_cost", "expected_end")  # R38, optional
STATUS_FIELDS = (
    *STATUS_TEXT_FIELDS,
    "colour",
    "affects_tid",
    "affects_oekonomi",
    "affects_leverancer",
    *FORECAST_FIELDS,
)
MAX_FORECAST = Decimal("999999999999.99")  # what DecimalField(max_digits=14, decimal_places=2) holds


def can_report_status(user, project: Project, region) -> bool:
    """Who may report (R9): the secretariat; the joint project leader for any participating region of
    their project; the regional project leader for their own region. Only participating regions."""
    if not can(user, "projects.report_status", project):
        return False
    if region.pk not in {r.pk for r in reporting_regions(project)}:
        return False
    if is_sekretariat(user):
        return True
    if user.pk in (project.leader_id, project.pejlemaerke.project_leader_id):
        return True
    return RegionalProjectLeader.objects.filter(project=project, region=region, user=user).exists()


def _require_reporter(actor, project, region) -> None:
    if not can_report_status(actor, project, region):
        raise PermissionDenied


def _clean_status(data: dict, *, submitting: bool) -> dict:
    unknown = set(data) - set(STATUS_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    cleaned = {name: (data.get(name) or "").strip() for name in (*STATUS_TEXT_FIELDS, "colour")}
    for name in ("affects_tid", "affects_oekonomi", "affects_leverancer"):
        cleaned[name] = bool(data.get(name))
    errors = _clean_forecast(data, cleaned)
    if cleaned["colour"] and cleaned["colour"] not in Colour.values:
        errors["colour"] = _("Vælg grøn, gul, rød eller gennemført.")
    if submitting:
        if not cleaned["colour"]:
            errors["colour"] = _("Vælg en status: grøn, gul, rød eller gennemført.")
        if not cleaned["overall"]:
            errors["overall"] = _("Skriv kort, hvad der er sket siden sidste rapport.")
        if colour_needs_risk_text(cleaned["colour"]) and not cleaned["risici"]:
            errors["risici"] = _("En rød eller gul status skal have en beskrivelse af de væsentligste risici.")
    if errors:
        raise ValidationError(errors)
    return cleaned


def _clean_forecast(data: dict, cleaned: dict) -> dict:
    """R38: the optional forecast: a non-negative amount in kroner with øre, and a date (both may be empty)."""
    errors = {}
    cost, end = data.get("forecast_cost"), data.get("expected_end")
    if cost in (None, ""):
        cleaned["forecast_cost"] = None
    else:
        try:
            cost = Decimal(str(cost)).quantize(Decimal("0.01"))
        except (InvalidOperation, ValueError):
            cost = None
        if cost is None or not cost.is_finite() or cost < 0 or cost > MAX_FORECAST:
            errors["forecast_cost"] = _("Skriv den forventede samlede udgift som et beløb i kroner, fx 12400000.")
        cleaned["forecast_cost"] = cost
    if end in (None, ""):
        cleaned["expected_end"] = None
    elif isinstance(end, date):
        cleaned["expected_end"] = end
    else:
        errors["expected_end"] = _("Skriv den forventede projektslut som en dato.")
    return errors


_LOCKED_REPORTS_SQL = (
    "SELECT {columns} FROM {report} s WHERE s.project_id = %s AND s.region_id = %s AND s.period IN (%s, %s) {lock}"
)


def _locked_reports(project, region, period) -> tuple[StatusReport | None, StatusReport | None]:
    """The month's report and last month's submitted one (R38 counts its run on), in one query. Both rows
    are locked: the month's is written, and a correction of last month waits until this run is counted.
    Plain SQL: every submit asks it, and the ORM's query building costs several times the read."""
    before = add_months(period, -1)
    sql = _LOCKED_REPORTS_SQL.format(
        columns=columns(StatusReport, "s"), report=StatusReport._meta.db_table, lock=for_update()
    )
    rows = instances(sql, [project.pk, region.pk, period, before], StatusReport)
    by_period = {report.period: report for (report,) in rows}
    previous = by_period.get(before)
    return by_period.get(period), previous if previous is not None and previous.is_submitted else None


def _changes(report: StatusReport, cleaned: dict) -> dict[str, list]:
    """{field: [old, new]} of what `cleaned` changes on the report (for the audit entry)."""
    return {
        name: [audit_value(getattr(report, name)), audit_value(value)]
        for name, value in cleaned.items()
        if getattr(report, name) != value
    }


def _check_fields(instance) -> None:
    """full_clean without its queries: each field's value, blank and choices are checked here; the
    constraints (unique, checks) are the database's, and the foreign keys are the objects in hand.
    Every value a constraint covers is refused with a Danish message before (_clean_status,
    _check_period); checking the constraints here would cost a query each, in a savepoint, per save."""
    relations = [field.name for field in instance._meta.concrete_fields if field.is_relation]
    instance.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)


def _check_period(period) -> None:
    if period.day != 1:
        raise ValidationError({"period": _("En måned angives ved sin første dag.")})


@transaction.atomic
def status_report_save_draft(*, actor, project: Project, region, period, **data) -> StatusReport:
    """R9: save (or update) the draft of a month's report; a submitted report cannot be a draft again."""
    _require_reporter(actor, project, region)
    _check_period(period)
    cleaned = _clean_status(data, submitting=False)
    report = _locked_reports(project, region, period)[0]
    if report is not None and report.is_submitted:
        raise ValidationError(
            _("Rapporten for %(month)s er allerede indsendt. Ret den med en begrundelse i stedet.")
            % {"month": month_long(period)}
        )
    if report is None:
        report = StatusReport(project=project, region=region, period=period, created_by=actor)
    changes = _changes(report, cleaned)
    for name, value in cleaned.items():
        setattr(report, name, value)
    _check_fields(report)
    try:  # no savepoint needed: the error leaves this transaction, which rolls back
        report.save()
    except IntegrityError as error:  # a concurrent first save of the same (project, region, month)
        raise ValidationError(_("Rapporten blev oprettet af en anden samtidig. Indlæs siden igen.")) from error
    log_action(actor=actor, action=AuditAction.STATUS_DRAFT, obj=report, data=changes)
    return report


def _previous_submitted(report: StatusReport) -> StatusReport | None:
    return (
        StatusReport.objects.filter(
            project_id=report.project_id,
            region_id=report.region_id,
            period=add_months(report.period, -1),
            state=ReportState.SUBMITTED,
        )
        .order_by()
        .first()
    )


def _unchanged_months(previous: StatusReport | None, cleaned: dict) -> int:
    """R38: the run of months saying the same colour and texts, from the previous month's submitted report."""
    if previous is None:
        return 1
    same = all(getattr(previous, name) == cleaned[name] for name in ("colour", *STATUS_TEXT_FIELDS))
    return months_unchanged(previous.unchanged_months, same_as_previous=same)


def _add_version(
    report: StatusReport, *, actor, cleaned: dict, reason: str, previous: StatusReport | None
) -> StatusReportVersion:
    """previous: last month's submitted report (or None), which R38's run of unchanged months goes on from."""
    now = timezone.now()
    report.unchanged_months = _unchanged_months(previous, cleaned)
    report.version += 1
    version = StatusReportVersion(
        report=report, version=report.version, reason=reason, submitted_by=actor, submitted_at=now, **cleaned
    )
    _check_fields(version)
    for name, value in cleaned.items():
        setattr(report, name, value)
    report.state = ReportState.SUBMITTED
    report.submitted_at = now
    report.first_submitted_at = report.first_submitted_at or now
    _check_fields(report)
    # New rows are inserted without the ORM's query building; a draft's report is already stored and is updated.
    if report._state.adding:
        insert(report)
    else:
        report.save()
    version.report = report
    return insert(version)


@transaction.atomic
def status_report_submit(*, actor, project: Project, region, period, **data) -> StatusReport:
    """R9: submit the month's report (from its draft or directly). A second submit is refused (R12)."""
    _require_reporter(actor, project, region)
    _check_period(period)
    cleaned = _clean_status(data, submitting=True)
    report, previous = _locked_reports(project, region, period)
    if report is not None and report.is_submitted:
        raise ValidationError(
            _(
                "Der er allerede indsendt en rapport for %(project)s, %(region)s, %(month)s. "
                "En indsendt rapport kan ikke overskrives; ret den med en begrundelse."
            )
            % {"project": project, "region": region.name, "month": month_long(period)}
        )
    if report is None:
        report = StatusReport(project=project, region=region, period=period, created_by=actor)
    try:  # no savepoint needed: the error leaves this transaction, which rolls back
        _add_version(report, actor=actor, cleaned=cleaned, reason="", previous=previous)
    except IntegrityError as error:  # a concurrent submit of the same (project, region, month) won
        raise ValidationError(_("Der er allerede indsendt en rapport for denne måned. Indlæs siden igen.")) from error
    rollup_refresh(pejlemaerke=project.pejlemaerke_id, months=[period])
    log_action(actor=actor, action=AuditAction.STATUS_SUBMIT, obj=report, data={"colour": report.colour, "version": 1})
    return report


@transaction.atomic
def status_report_correct(*, actor, report: StatusReport, reason: str, **data) -> StatusReport:
    """R12: correct a submitted report: a new version with who, when and a mandatory reason."""
    report = (  # the report's row only, not the related rows read with it
        StatusReport.objects.select_for_update(of=("self",))
        .select_related("project__pejlemaerke", "region")
        .get(pk=report.pk)
    )
    _require_reporter(actor, report.project, report.region)
    if not report.is_submitted:
        raise ValidationError(_("Kun en indsendt rapport kan rettes. Gem eller indsend kladden."))
    reason = (reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = _("Skriv hvorfor rapporten rettes. En rettelse kræver en begrundelse.")
    try:
        cleaned = _clean_status(data, submitting=True)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    changes = _changes(report, cleaned)
    version = _add_version(report, actor=actor, cleaned=cleaned, reason=reason, previous=_previous_submitted(report))
    rollup_refresh(pejlemaerke=report.project.pejlemaerke_id, months=[report.period])
    log_action(
        actor=actor,
        action=AuditAction.STATUS_CORRECT,
        obj=report,
        data={"version": version.version, "reason": reason, **changes},
    )
    return report

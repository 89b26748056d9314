"""Pages of the monthly status (R9–R13): fill in and submit a report, its history, corrections, and
a pejlemærke's month."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from portfolio.models import Pejlemaerke, Region
from rsi_portal.dates import add_months, month_end
from rsi_portal.formatting import kroner
from rsi_portal.forms import apply_service_errors
from rsi_portal.permissions import require

from .. import selectors, services
from ..forms import StatusCorrectionForm, StatusReportForm
from ..models import STATUS_TEXT_FIELDS, Project, ReportState, StatusReport
from ..rules import COLOUR_ORDER, colour_label, is_late, reporting_deadline
from ..svg import trend_svg


def _region(project, code: str):
    """The URL's region: found among the project's reporting regions (read once for the permission check
    too), else any region, whose page the permission check then refuses; 404 for an unknown code."""
    return next((r for r in selectors.reporting_regions(project) if r.code == code), None) or get_object_or_404(
        Region, code=code
    )


def _month_reports(project, region, month):
    """The month's report (draft or submitted) and last month's submitted one, in one query."""
    before = add_months(month, -1)
    reports = StatusReport.objects.filter(project=project, region=region, period__in=[month, before]).order_by()
    by_period = {report.period: report for report in reports}
    previous = by_period.get(before)
    return by_period.get(month), previous if previous is not None and previous.is_submitted else None


def _report_values(report) -> dict:
    return {name: getattr(report, name) for name in services.STATUS_FIELDS}


# What "Kopiér sidste måneds tekst" copies: the texts and the R38 forecast, never the colour.
COPIED_FIELDS = (*STATUS_TEXT_FIELDS, "forecast_cost", "expected_end")


def _initial_values(report, copy_from) -> dict | None:
    """The form's start: the saved draft, and last month's texts only when the leader asks for them.
    Never last month's colour: a red or yellow month does not inherit a green month's words unnoticed."""
    values = _report_values(report) if report is not None else {}
    if copy_from is not None:
        values.update({name: getattr(copy_from, name) for name in COPIED_FIELDS})
    return values or None


def _next_due_region(user, project, region, month):
    """The next region (in the regions' order, after `region`) of the project whose report for the month the
    user may still submit; None when every one is in."""
    regions = selectors.reporting_regions(project)
    submitted = selectors.submitted_regions(project, month)
    at = next((i for i, r in enumerate(regions) if r.pk == region.pk), -1)
    for candidate in regions[at + 1 :] + regions[: max(at, 0)]:
        if candidate.pk not in submitted and services.can_report_status(user, project, candidate):
            return candidate
    return None


def _after_submit(request, project, region, report: StatusReport):
    """After one region's report the next region's form for the same project and month opens; when none is
    left, the submitted report (where a double click's second request lands too)."""
    month = report.period
    following = _next_due_region(request.user, project, region, month)
    if following is None:
        messages.success(request, _("Rapporten er indsendt."))
        return redirect("projects:status_report_detail", report.pk)
    messages.success(
        request,
        _("Rapporten for %(done)s er indsendt – nu %(next)s.") % {"done": region.name, "next": following.name},
    )
    return redirect("projects:status_report_edit", project.pk, following.code, month.strftime("%Y-%m"))


ALREADY_SUBMITTED = gettext_lazy("Rapporten var allerede indsendt.")


def _submitted_report(project, region, month):
    return (
        StatusReport.objects.filter(project=project, region=region, period=month, state=ReportState.SUBMITTED)
        .order_by()  # one row at most: the default order's joins would cost more than the row
        .first()
    )


def _submitted_twin(project, region, month, data: dict):
    """The month's submitted report if it says exactly what was just posted (a concurrent double submit)."""
    report = _submitted_report(project, region, month)

    def same(a, b):
        return str(a if a is not None else "").strip() == str(b if b is not None else "").strip()

    if report is not None and all(same(getattr(report, name), data.get(name)) for name in services.STATUS_FIELDS):
        return report
    return None


def _form_numbers(form) -> tuple:
    """The colour and forecast the form holds now: what was typed (where valid), else what it was filled with."""
    values = (getattr(form, "cleaned_data", None) or {}) if form.is_bound else (form.initial or {})
    return values.get("colour") or None, values.get("forecast_cost"), values.get("expected_end")


def _sanity_context(project, form) -> dict:
    """R38: the approved baseline and, when the numbers are worse than the chosen colour, the warning."""
    colour, cost, end = _form_numbers(form)
    flag, baseline = selectors.report_sanity(project.pk, colour, cost, end)
    return {
        "baseline": baseline,
        "baseline_cost": kroner(baseline[0]) if baseline else "",
        "sanity": flag,
        "sanity_figures": selectors.figures_text(flag) if flag else "",
        "sanity_colour": colour_label(flag.colour).lower() if flag else "",
        "reported_colour": colour_label(colour).lower() if flag else "",
    }


def _status_form_context(*, form, project, region, month, report, previous, copied: bool = False) -> dict:
    """Everything the report form shows, for the first view and for a re-render with errors."""
    today = date.today()
    return {
        **_sanity_context(project, form),
        "form": form,
        "project": project,
        "region": region,
        "month": month,
        "report": report,
        "previous": previous,
        "prefilled": copied,  # last month's texts, copied on request
        "deadline": reporting_deadline(month),
        "late": is_late(month, today),
        # Reporting for a month that has not ended yet: the form says when it ends.
        "month_ends_on": month_end(month) if month <= today <= month_end(month) else None,
    }


@require_http_methods(["GET", "POST"])
def status_report_edit(request, project_pk: int, region_code: str, period: date):
    """R9: fill in, save as draft and submit a month's report (pre-filled from last month)."""
    project = selectors.project_with_pejlemaerke(project_pk)
    if project is None:
        raise Http404
    region = _region(project, region_code)
    month = period
    if not services.can_report_status(request.user, project, region):
        raise PermissionDenied
    status, conflict = 200, None
    if request.method == "POST":
        submitting = request.POST.get("action") == "submit"
        form = StatusReportForm(request.POST, submitting=submitting)
        if form.is_valid():
            service = services.status_report_submit if submitting else services.status_report_save_draft
            try:  # a report submitted before is refused there, and answered below
                saved = service(actor=request.user, project=project, region=region, period=month, **form.status_data())
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                if submitting:
                    return _after_submit(request, project, region, saved)
                messages.success(request, _("Kladden er gemt. Den er ikke indsendt endnu."))
                return redirect(request.path)
        report, previous = _month_reports(project, region, month)
        status = 400
        if (report is not None and report.is_submitted) or form.non_field_errors():
            # Submitted before or during this request. The same text, or the same user, is a second click;
            # text typed while another user submitted stays on the page, next to a link to their version.
            conflict = _submitted_report(project, region, month)
            if conflict is not None and (
                conflict.versions.first().submitted_by_id == request.user.pk
                or _submitted_twin(project, region, month, form.status_data()) is not None
            ):
                messages.info(request, ALREADY_SUBMITTED)
                return redirect("projects:status_report_detail", conflict.pk)
            if conflict is not None:
                status, report = 409, conflict
                form.errors.pop(NON_FIELD_ERRORS, None)  # "reload the page" would lose the text: the page explains
        copied = False
    else:
        report, previous = _month_reports(project, region, month)
        if report is not None and report.is_submitted:
            messages.info(request, _("Rapporten er indsendt. En rettelse kræver en begrundelse."))
            return redirect("projects:status_report_detail", report.pk)
        copied = previous is not None and request.GET.get("kopier") == "1"
        form = StatusReportForm(initial=_initial_values(report, previous if copied else None))
    context = _status_form_context(
        form=form, project=project, region=region, month=month, report=report, previous=previous, copied=copied
    )
    return render(request, "projects/status_form.html", {**context, "conflict": conflict}, status=status)


@require_http_methods(["POST"])
def status_sanity_check(request, project_pk: int, region_code: str, period: date):
    """R38: the form's warning, redrawn (htmx) as the leader types the forecast or picks a colour. Saves nothing."""
    project = get_object_or_404(Project, pk=project_pk)
    region = get_object_or_404(Region, code=region_code)
    if not services.can_report_status(request.user, project, region):
        raise PermissionDenied
    form = StatusReportForm(request.POST)
    form.is_valid()  # only the fields that parse are held against the business case
    context = {"project": project, "region": region, "month": period, **_sanity_context(project, form)}
    return render(request, "projects/_sanity.html", context)


def status_report_detail(request, pk: int):
    """R12: a report's latest version and its full history (who, when, why)."""
    require(request.user, "projects.view_statusreport")
    report = get_object_or_404(StatusReport, pk=pk)
    report = selectors.report_detail(report.pk)
    may_report = services.can_report_status(request.user, report.project, report.region)
    return render(
        request,
        "projects/status_report_detail.html",
        {
            "report": report,
            "versions": list(report.versions.all()),
            "may_correct": report.is_submitted and may_report,
            "may_edit_draft": not report.is_submitted and may_report,
        },
    )


@require_http_methods(["GET", "POST"])
def status_report_correct(request, pk: int):
    """R12: correct a submitted report: a new version with a mandatory reason."""
    report = get_object_or_404(StatusReport.objects.select_related("project__pejlemaerke", "region"), pk=pk)
    if not services.can_report_status(request.user, report.project, report.region):
        raise PermissionDenied
    if not report.is_submitted:
        return redirect(
            "projects:status_report_edit", report.project_id, report.region.code, report.period.strftime("%Y-%m")
        )
    status = 200
    if request.method == "POST":
        form = StatusCorrectionForm(request.POST)
        if form.is_valid():
            try:
                services.status_report_correct(
                    actor=request.user, report=report, reason=form.cleaned_data["reason"], **form.status_data()
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Rettelsen er gemt som en ny version."))
                return redirect("projects:status_report_detail", report.pk)
        status = 400
    else:
        form = StatusCorrectionForm(initial=_report_values(report))
    return render(request, "projects/status_correct.html", {"form": form, "report": report}, status=status)


def status_pejlemaerke_month(request, pk: int, period: date):
    """Dashboard drill-down: a pejlemærke's region reports for a month, their history and the trend."""
    require(request.user, "projects.view_statusreport")
    pejlemaerke = get_object_or_404(Pejlemaerke, pk=pk)
    month = period
    rows = selectors.portfolio_status(month, pejlemaerke=pejlemaerke.pk)
    status = rows[0] if rows else None
    reports = selectors.pejlemaerke_month_reports(pejlemaerke, month)
    return render(
        request,
        "projects/status_pejlemaerke.html",
        {
            "p": pejlemaerke,
            "month": month,
            "previous_month": add_months(month, -1),
            "next_month": add_months(month, 1),
            "status": status,
            "trend_svg": mark_safe(trend_svg(status.trend)) if status else "",
            "reports": reports,
            # The roll-up's order, red first (R10), then by region.
            "submitted": sorted(
                (r for r in reports if r.is_submitted),
                key=lambda r: (COLOUR_ORDER.get(r.colour, 2), r.region.sort_order),
            ),
        },
    )

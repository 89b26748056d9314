from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from rsi_portal.listing import Column, export_response, header_cells, sort_queryset
from rsi_portal.permissions import can, require

from . import selectors, services
from .forms import (
    DocumentApprovalForm,
    DocumentTypeForm,
    DocumentUploadForm,
    FollowUpForm,
    GatePassForm,
    GateRequirementsForm,
    ProjectForm,
    ResponsumForm,
    RiskLetterForm,
    RiskRequestForm,
    StatusCorrectionForm,
    StatusReportForm,
    StepForm,
)
from .models import GATE_PHASES, DocumentType, DocumentVersion, Project, RecommendationStatus, ReportState, StatusReport
from .rules import RiskProfile, steps_of


@require_http_methods(["GET", "POST"])
def project_edit(request, pk: int):
    project = get_object_or_404(Project.objects.select_related("pejlemaerke"), pk=pk)
    require(request.user, "projects.change_project", project)
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Projektet er gemt."))
            return redirect(project)
    return render(request, "projects/project_form.html", {"form": form, "project": project})


# --- Monthly status (R9–R13)


def _month(value: str) -> date:
    try:
        year, month = (int(part) for part in value.split("-"))
        return date(year, month, 1)
    except (TypeError, ValueError) as error:
        raise Http404 from error


def _add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form fields it names (else at the top)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _previous_report(project, region, month):
    from rsi_portal.dates import add_months

    return StatusReport.objects.filter(
        project=project, region=region, period=add_months(month, -1), state=ReportState.SUBMITTED
    ).first()


def _report_values(report) -> dict:
    return {name: getattr(report, name) for name in services.STATUS_FIELDS}


@require_http_methods(["GET", "POST"])
def status_report_edit(request, project_pk: int, region_code: str, period: str):
    """R9: fill in, save as draft and submit a month's report (pre-filled from last month)."""
    from portfolio.models import Region

    from .rules import COLOUR_DEFINITIONS, is_late, reporting_deadline

    project = get_object_or_404(Project.objects.select_related("pejlemaerke", "region"), pk=project_pk)
    region = get_object_or_404(Region, code=region_code)
    month = _month(period)
    if not services.can_report_status(request.user, project, region):
        raise PermissionDenied
    report = StatusReport.objects.filter(project=project, region=region, period=month).first()
    if report is not None and report.is_submitted:
        messages.info(request, _("Rapporten er indsendt. En rettelse kræver en begrundelse."))
        return redirect("projects:status_report_detail", report.pk)
    previous = _previous_report(project, region, month)
    status = 200
    if request.method == "POST":
        submitting = request.POST.get("action") == "submit"
        form = StatusReportForm(request.POST, submitting=submitting)
        if form.is_valid():
            service = services.status_report_submit if submitting else services.status_report_save_draft
            try:
                saved = service(actor=request.user, project=project, region=region, period=month, **form.status_data())
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                if submitting:
                    messages.success(request, _("Rapporten er indsendt."))
                    return redirect("projects:status_report_detail", saved.pk)
                messages.success(request, _("Kladden er gemt. Den er ikke indsendt endnu."))
                return redirect(request.path)
        status = 400
    else:
        source = report or previous
        form = StatusReportForm(initial=_report_values(source) if source else None)
    return render(
        request,
        "projects/status_form.html",
        {
            "form": form,
            "project": project,
            "region": region,
            "month": month,
            "report": report,
            "previous": previous,
            "prefilled": report is None and previous is not None,
            "deadline": reporting_deadline(month),
            "late": is_late(month, date.today()),
            "definitions": [(c, COLOUR_DEFINITIONS[c]) for c in COLOUR_DEFINITIONS],
        },
        status=status,
    )


def status_report_detail(request, pk: int):
    """R12: a report's latest version and its full history (who, when, why)."""
    require(request.user, "projects.view_statusreport")
    report = get_object_or_404(StatusReport, pk=pk)
    report = selectors.report_detail(report.pk)
    return render(
        request,
        "projects/status_report_detail.html",
        {
            "report": report,
            "versions": list(report.versions.all()),
            "may_correct": report.is_submitted
            and services.can_report_status(request.user, report.project, report.region),
            "may_edit_draft": not report.is_submitted
            and services.can_report_status(request.user, report.project, report.region),
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
                _add_service_errors(form, error)
            else:
                messages.success(request, _("Rettelsen er gemt som en ny version."))
                return redirect("projects:status_report_detail", report.pk)
        status = 400
    else:
        form = StatusCorrectionForm(initial=_report_values(report))
    return render(request, "projects/status_correct.html", {"form": form, "report": report}, status=status)


def status_pejlemaerke_month(request, pk: int, period: str):
    """Dashboard drill-down: a pejlemærke's region reports for a month, their history and the trend."""
    from django.utils.safestring import mark_safe

    from portfolio.models import Pejlemaerke
    from rsi_portal.dates import add_months

    from .svg import trend_svg

    require(request.user, "projects.view_statusreport")
    pejlemaerke = get_object_or_404(Pejlemaerke, pk=pk)
    month = _month(period)
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
            "submitted": [r for r in reports if r.is_submitted],
        },
    )


# --- Phases and gates (R5–R8, R27)


def _approval_form(user, today):
    """The secretariat records any body's approval; a steering-group chair only the steering group's."""
    form = DocumentApprovalForm(initial={"approved_on": today})
    if not can(user, "projects.add_documentapproval"):
        form.fields["body_kind"].choices = [c for c in form.fields["body_kind"].choices if c[0] == "STYREGRUPPE"]
    return form


def _gates_context(request, project, **forms_in):
    """Everything the phase-and-gate page shows; forms passed in keep what the user typed."""
    user = request.user
    status = selectors.gate_status(project)
    may_edit = can(user, "projects.change_project", project)
    may_decide = can(user, "projects.add_gatedecision", project)
    may_approve = can(user, "projects.add_documentapproval") or can(
        user, "portfolio.chair_pejlemaerke", project.pejlemaerke
    )
    today = timezone.localdate()
    return {
        "project": project,
        "status": status,
        "documents": list(project.documents.all()),
        "may_edit": may_edit,
        "may_decide": may_decide,
        "may_approve": may_approve,
        "upload_form": forms_in.get("upload_form") or (DocumentUploadForm() if may_edit else None),
        "approval_form": _approval_form(user, today) if may_approve else None,
        "gate_form": forms_in.get("gate_form")
        or (GatePassForm(initial={"decided_on": today}) if may_decide and status.to_phase else None),
        "step_form": forms_in.get("step_form")
        or (
            StepForm(phase=project.phase, current_step=project.step, initial={"changed_on": today})
            if may_edit and len(steps_of(project.phase)) > 1
            else None
        ),
        "risk_form": RiskRequestForm(initial={"requested_on": today, "budget": status.budget})
        if can(user, "projects.add_riskassessment", project)
        else None,
    }


def project_gates(request, pk: int):
    """R5–R8, R27: the project's phase, its next gate's checklist, documents, history and assessments."""
    project = get_object_or_404(Project, pk=pk)
    require(request.user, "projects.view_project", project)
    project = selectors.project_gates_page(pk)
    return render(request, "projects/gate_checklist.html", _gates_context(request, project))


@require_http_methods(["POST"])
def project_gate_pass(request, pk: int):
    project = get_object_or_404(Project, pk=pk)
    require(request.user, "projects.add_gatedecision", project)
    form = GatePassForm(request.POST)
    if form.is_valid():
        try:
            gate = services.gate_pass(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Gaten er passeret. Projektet er nu i fasen %(phase)s.") % {"phase": gate.get_to_phase_display()},
            )
            return redirect("projects:project_gates", pk=pk)
    project = selectors.project_gates_page(pk)
    return render(request, "projects/gate_checklist.html", _gates_context(request, project, gate_form=form), status=400)


@require_http_methods(["POST"])
def project_step_set(request, pk: int):
    project = get_object_or_404(Project, pk=pk)
    require(request.user, "projects.change_project", project)
    form = StepForm(request.POST, phase=project.phase, current_step=project.step)
    if form.is_valid():
        try:
            services.project_step_set(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Trinnet er skiftet."))
            return redirect("projects:project_gates", pk=pk)
    project = selectors.project_gates_page(pk)
    return render(request, "projects/gate_checklist.html", _gates_context(request, project, step_form=form), status=400)


@require_http_methods(["POST"])
def document_upload(request, pk: int):
    project = get_object_or_404(Project, pk=pk)
    require(request.user, "projects.change_project", project)
    form = DocumentUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            version = services.document_upload(
                actor=request.user,
                project=project,
                document_type=form.cleaned_data["document_type"],
                upload=form.cleaned_data["file"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(
                request,
                _("%(doc)s er uploadet som version %(n)s.")
                % {"doc": version.document.document_type, "n": version.number},
            )
            return redirect("projects:project_gates", pk=pk)
    project = selectors.project_gates_page(pk)
    return render(
        request, "projects/gate_checklist.html", _gates_context(request, project, upload_form=form), status=400
    )


@require_http_methods(["POST"])
def document_approve(request, pk: int):
    version = get_object_or_404(DocumentVersion.objects.select_related("document__project__pejlemaerke"), pk=pk)
    project = version.document.project
    require(request.user, "projects.view_project", project)
    form = DocumentApprovalForm(request.POST)
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        return redirect("projects:project_gates", pk=project.pk)
    try:
        services.document_approve(actor=request.user, version=version, **form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Godkendelsen er registreret."))
    return redirect("projects:project_gates", pk=project.pk)


def document_download(request, pk: int):
    version = get_object_or_404(DocumentVersion.objects.select_related("document__project"), pk=pk)
    require(request.user, "projects.view_project", version.document.project)
    try:
        handle = version.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=True, filename=version.original_name)


@require_http_methods(["GET", "POST"])
def gate_requirements(request):
    """R6: the secretariat maintains which documents each gate needs."""
    require(request.user, "projects.view_gaterequirement")
    may_edit = can(request.user, "projects.change_gaterequirement")
    rows = selectors.gate_requirements_by_phase()
    current = {phase: [t.pk for t in types] for phase, _label, types in rows}
    form = GateRequirementsForm(request.POST or None, current=current) if may_edit else None
    type_form = None
    if request.method == "POST":
        require(request.user, "projects.change_gaterequirement")
        if form.is_valid():
            for phase, _label in GATE_PHASES:
                services.gate_requirements_set(
                    actor=request.user, phase=phase, document_types=form.cleaned_data[f"gate_{phase}"]
                )
            messages.success(request, _("Gatekravene er gemt."))
            return redirect("projects:gate_requirements")
    if can(request.user, "projects.add_documenttype"):
        type_form = DocumentTypeForm()
    return render(
        request,
        "projects/gate_requirements.html",
        {"rows": rows, "form": form, "type_form": type_form, "types": DocumentType.objects.all()},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["POST"])
def document_type_add(request):
    require(request.user, "projects.add_documenttype")
    form = DocumentTypeForm(request.POST)
    if form.is_valid():
        try:
            services.document_type_save(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Dokumenttypen er oprettet."))
            return redirect("projects:gate_requirements")
    rows = selectors.gate_requirements_by_phase()
    current = {phase: [t.pk for t in types] for phase, _label, types in rows}
    return render(
        request,
        "projects/gate_requirements.html",
        {
            "rows": rows,
            "form": GateRequirementsForm(current=current),
            "type_form": form,
            "types": DocumentType.objects.all(),
        },
        status=400,
    )


RISK_COLUMNS = [
    Column("project", gettext_lazy("Projekt"), lambda a: a.project.name, "project__name"),
    Column("requested_on", gettext_lazy("Anmodet"), lambda a: a.requested_on, "requested_on"),
    Column("window_ends_on", gettext_lazy("Vurdering senest"), lambda a: a.window_ends_on, "window_ends_on"),
    Column("risk_profile", gettext_lazy("Risikoprofil"), lambda a: a.get_risk_profile_display(), "risk_profile"),
    Column("letter", gettext_lazy("Anbefalingsbrev"), lambda a: a.letter_received_on or "", "letter_received_on"),
    Column("responsum", gettext_lazy("Responsum"), lambda a: a.responsum_on or "", "responsum_on"),
    Column(
        "open",
        gettext_lazy("Åbne anbefalinger"),
        lambda a: sum(1 for r in a.recommendations.all() if r.status in ("open", "in_progress")),
    ),
]


def risk_assessment_list(request):
    """R27: every It-råd assessment with letter and responsum (RSI DK reads them for information)."""
    require(request.user, "projects.view_riskassessment")
    queryset = selectors.risk_assessment_list(profile=request.GET.get("profile") or None)
    queryset, current_sort = sort_queryset(queryset, request, RISK_COLUMNS, "-requested_on")
    export = request.GET.get("format")
    if export in {"csv", "xlsx"}:
        return export_response(export, "risikovurderinger", RISK_COLUMNS, queryset)
    query = request.GET.dict()
    return render(
        request,
        "projects/risk_list.html",
        {
            "rows": list(queryset),
            "headers": header_cells(RISK_COLUMNS, current_sort, query),
            "profiles": RiskProfile.choices,
            "profile": request.GET.get("profile", ""),
            "export_query": "&".join(f"{k}={v}" for k, v in query.items() if k != "format" and v),
        },
    )


@require_http_methods(["POST"])
def risk_assessment_request(request, pk: int):
    project = get_object_or_404(Project, pk=pk)
    require(request.user, "projects.add_riskassessment", project)
    form = RiskRequestForm(request.POST)
    if form.is_valid():
        assessment = services.risk_assessment_request(actor=request.user, project=project, **form.cleaned_data)
        messages.success(request, _("Anmodningen om risikovurdering er registreret."))
        return redirect("projects:risk_detail", pk=assessment.pk)
    for error in form.errors.values():
        messages.error(request, " ".join(error))
    return redirect("projects:project_gates", pk=pk)


def _risk_context(request, assessment, **forms_in):
    project = assessment.project
    may_edit = can(request.user, "projects.change_project", project)
    may_record = can(request.user, "projects.change_riskassessment", project)
    today = timezone.localdate()
    return {
        "a": assessment,
        "project": project,
        "letter_form": forms_in.get("letter_form")
        or (RiskLetterForm(initial={"received_on": today}) if may_record and not assessment.has_letter else None),
        "responsum_form": forms_in.get("responsum_form")
        or (
            ResponsumForm(initial={"submitted_on": today, "text": assessment.responsum_text})
            if may_edit and assessment.has_letter
            else None
        ),
        "may_follow_up": may_edit,
        "status_choices": RecommendationStatus.choices,
    }


@require_http_methods(["GET", "POST"])
def risk_detail(request, pk: int):
    assessment = get_object_or_404(selectors.risk_assessment_list(), pk=pk)
    require(request.user, "projects.view_project", assessment.project)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "letter":
            require(request.user, "projects.change_riskassessment", assessment.project)
            form = RiskLetterForm(request.POST)
            if form.is_valid():
                data = dict(form.cleaned_data)
                recommendations = data.pop("recommendations").splitlines()
                try:
                    services.risk_letter_record(
                        actor=request.user, assessment=assessment, recommendations=recommendations, **data
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(request, _("Anbefalingsbrevet er registreret."))
                    return redirect("projects:risk_detail", pk=pk)
            return render(
                request, "projects/risk_detail.html", _risk_context(request, assessment, letter_form=form), status=400
            )
        if action == "responsum":
            require(request.user, "projects.change_project", assessment.project)
            form = ResponsumForm(request.POST)
            if form.is_valid():
                try:
                    services.risk_responsum_submit(actor=request.user, assessment=assessment, **form.cleaned_data)
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(request, _("Responsum er gemt og sendt til RSI DK til orientering."))
                    return redirect("projects:risk_detail", pk=pk)
            return render(
                request,
                "projects/risk_detail.html",
                _risk_context(request, assessment, responsum_form=form),
                status=400,
            )
        if action == "follow_up":
            recommendation = get_object_or_404(assessment.recommendations.all(), pk=request.POST.get("recommendation"))
            form = FollowUpForm(request.POST)
            require(request.user, "projects.change_project", assessment.project)
            if form.is_valid():
                services.recommendation_follow_up(
                    actor=request.user, recommendation=recommendation, **form.cleaned_data
                )
                messages.success(request, _("Opfølgningen er gemt."))
            else:
                messages.error(request, _("Vælg en status for opfølgningen."))
            return redirect("projects:risk_detail", pk=pk)
        return HttpResponseBadRequest()
    return render(request, "projects/risk_detail.html", _risk_context(request, assessment))

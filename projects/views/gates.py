"""Pages of phases and gates (R5–R8): a project's gate page, its documents and their approvals, and
the secretariat's gate requirements."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from rsi_portal.forms import apply_service_errors
from rsi_portal.listing import Column, list_page
from rsi_portal.permissions import can, require

from .. import selectors, services
from ..forms import (
    DocumentApprovalForm,
    DocumentTypeForm,
    DocumentUploadForm,
    GatePassForm,
    GateRequirementsForm,
    ProjectForm,
    RiskRequestForm,
    StepForm,
)
from ..models import GATE_PHASES, DocumentType, DocumentVersion, Project
from ..rules import RequirementScope, steps_of


@require_http_methods(["GET", "POST"])
def project_edit(request, pk: int):
    project = get_object_or_404(Project.objects.select_related("pejlemaerke"), pk=pk)
    require(request.user, "projects.change_project", project)
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Projektet er gemt."))
            return redirect(project)
    return render(request, "projects/project_form.html", {"form": form, "project": project})


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
        "documents": selectors.documents_shown(user, project),
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
        "risk_form": forms_in.get("risk_form")
        or (
            RiskRequestForm(initial={"requested_on": today, "budget": status.budget})
            if can(user, "projects.add_riskassessment", project)
            else None
        ),
    }


def _render_gates(request, pk: int, *, status: int = 200, **forms_in):
    project = selectors.project_gates_page(pk)
    return render(request, "projects/gate_checklist.html", _gates_context(request, project, **forms_in), status=status)


def project_gates(request, pk: int):
    """R5–R8, R27: the project's phase, its next gate's checklist, documents, history and assessments."""
    project = get_object_or_404(Project, pk=pk)
    require(request.user, "projects.view_project", project)
    return _render_gates(request, pk)


@require_http_methods(["POST"])
def project_gate_pass(request, pk: int):
    project = get_object_or_404(Project, pk=pk)
    require(request.user, "projects.add_gatedecision", project)
    form = GatePassForm(request.POST)
    if form.is_valid():
        try:
            gate = services.gate_pass(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Gaten er passeret. Projektet er nu i fasen %(phase)s.") % {"phase": gate.get_to_phase_display()},
            )
            return redirect("projects:project_gates", pk=pk)
    return _render_gates(request, pk, status=400, gate_form=form)


@require_http_methods(["POST"])
def project_step_set(request, pk: int):
    project = get_object_or_404(Project, pk=pk)
    require(request.user, "projects.change_project", project)
    form = StepForm(request.POST, phase=project.phase, current_step=project.step)
    if form.is_valid():
        try:
            services.project_step_set(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Trinnet er skiftet."))
            return redirect("projects:project_gates", pk=pk)
    return _render_gates(request, pk, status=400, step_form=form)


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
                access=form.cleaned_data["access"],
            )
        except ValidationError as error:
            form.add_error("file", error)  # the upload check's message belongs next to the file field
        else:
            messages.success(
                request,
                _("%(doc)s er uploadet som version %(n)s.")
                % {"doc": version.document.document_type, "n": version.number},
            )
            return redirect("projects:project_gates", pk=pk)
    return _render_gates(request, pk, status=400, upload_form=form)


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
    version = get_object_or_404(
        DocumentVersion.objects.select_related("document__project__pejlemaerke", "document__document_type"), pk=pk
    )
    require(request.user, "projects.view_project", version.document.project)
    if not selectors.may_read_document(request.user, version):
        raise PermissionDenied
    try:
        handle = version.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=True, filename=version.original_name)


DOCUMENT_TYPE_COLUMNS = [
    Column("name", gettext_lazy("Navn"), lambda t: t.name, "name"),
    Column("code", gettext_lazy("Kode"), lambda t: t.code, "code"),
    Column("approver", gettext_lazy("Godkendes af"), lambda t: t.get_approver_display(), "approver"),
    Column("description", gettext_lazy("Beskrivelse"), lambda t: t.description),
    Column("sort_order", gettext_lazy("Rækkefølge"), lambda t: t.sort_order, "sort_order"),
]


def _document_types(request):
    """The document types as a list page (sortable; ?format=csv|xlsx gives the export instead)."""
    return list_page(
        request,
        DocumentType.objects.all(),
        columns=DOCUMENT_TYPE_COLUMNS,
        default_sort="sort_order",
        export_name="dokumenttyper",
    )


def _current_requirements(rows) -> dict:
    """The form's initial ticks: each gate's document types, and those to be approved in the phase (R6)."""
    return {
        "current": {phase: [r.document_type_id for r in requirements] for phase, _label, requirements in rows},
        "current_this_phase": {
            phase: [r.document_type_id for r in requirements if r.scope == RequirementScope.THIS_PHASE]
            for phase, _label, requirements in rows
        },
    }


def _requirements_context(request, *, rows, types, form=None, type_form=None) -> dict:
    """Everything the gate-requirements page shows; forms passed in keep what the user typed."""
    if form is None and can(request.user, "projects.change_gaterequirement"):
        form = GateRequirementsForm(**_current_requirements(rows))
    if type_form is None and can(request.user, "projects.add_documenttype"):
        type_form = DocumentTypeForm()
    return {"rows": rows, "form": form, "type_form": type_form, "types": types.rows, "headers": types.headers}


@require_http_methods(["GET", "POST"])
def gate_requirements(request):
    """R6: the secretariat maintains which documents each gate needs."""
    require(request.user, "projects.view_gaterequirement")
    types = _document_types(request)
    if isinstance(types, HttpResponse):
        return types
    rows = selectors.gate_requirements_by_phase()
    form = None
    if request.method == "POST":
        require(request.user, "projects.change_gaterequirement")
        form = GateRequirementsForm(request.POST, **_current_requirements(rows))
        if form.is_valid():
            for phase, _label in GATE_PHASES:
                services.gate_requirements_set(
                    actor=request.user,
                    phase=phase,
                    document_types=form.cleaned_data[f"gate_{phase}"],
                    this_phase=form.cleaned_data[f"scope_{phase}"],
                )
            messages.success(request, _("Gatekravene er gemt."))
            return redirect("projects:gate_requirements")
    return render(
        request,
        "projects/gate_requirements.html",
        _requirements_context(request, rows=rows, types=types, form=form),
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
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Dokumenttypen er oprettet."))
            return redirect("projects:gate_requirements")
    context = _requirements_context(
        request, rows=selectors.gate_requirements_by_phase(), types=_document_types(request), type_form=form
    )
    return render(request, "projects/gate_requirements.html", context, status=400)

"""The business-case list and page, opening a case, new versions and change requests (R18, R23)."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rsi_portal.forms import apply_service_errors
from rsi_portal.listing import list_page
from rsi_portal.permissions import is_sekretariat, require
from rsi_portal.redirects import redirect_next

from .. import selectors, services
from ..exports import CASE_COLUMNS
from ..forms import BusinessCaseForm, CaseFilterForm, ChangeRequestDecisionForm, ChangeRequestForm, NewVersionForm
from ..models import BusinessCase, ChangeRequest
from ..permissions import CHAIR, EDIT, VIEW, may_approve, may_edit


def project_or_404(pk: int):
    try:
        return selectors.project_for_case(pk)
    except ObjectDoesNotExist as error:
        raise Http404 from error


def case_list(request):
    require(request.user, VIEW)
    form = CaseFilterForm(request.GET)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    page = list_page(
        request,
        selectors.cases_list(q=q),
        columns=CASE_COLUMNS,
        default_sort="pejlemaerke",
        export_name="business-cases",
    )
    if isinstance(page, HttpResponse):
        return page
    rows = [
        {"case": case, "counting": selectors.counting_version(case), "draft": selectors.draft_version(case)}
        for case in page.rows
    ]
    # The secretariat sees every case in the list itself; the reminder is for project leaders.
    without_case = [] if is_sekretariat(request.user) else list(selectors.projects_without_case(request.user)[:50])
    return render(
        request,
        "finance/case_list.html",
        {
            **page.context(),
            "rows": rows,
            "q": form["q"].value() or "",
            "this_year": timezone.localdate().year,
            "without_case": without_case,
        },
    )


def _case_context(request, project, **forms_in) -> dict:
    """Everything the business-case page shows; forms passed in keep what the user typed."""
    case = selectors.case_for_project(project)
    context = {
        "project": project,
        "case": case,
        "may_edit": may_edit(request.user, project),
        "may_approve": may_approve(request.user, project),
    }
    if case is not None:
        versions = list(case.versions.all())
        context.update(
            versions=versions,
            frames={v.pk: selectors.frame_state(v) for v in versions},
            counting=selectors.counting_version(case),
            draft=selectors.draft_version(case),
            buffer=selectors.buffer_status(case),
            change_requests=list(case.change_requests.all()),
            split=selectors.agreed_split_of(case),
            new_version_form=forms_in.get("new_version_form") or NewVersionForm(),
            decision_form=forms_in.get("decision_form"),
            decided_request=forms_in.get("decided_request"),
        )
    return context


def case_detail(request, project_pk: int):
    project = project_or_404(project_pk)
    require(request.user, VIEW)
    return render(request, "finance/case_detail.html", _case_context(request, project))


@require_http_methods(["GET", "POST"])
def case_create(request, project_pk: int):
    project = project_or_404(project_pk)
    require(request.user, EDIT, project)
    form = BusinessCaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.business_case_create(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Business casen er oprettet som kladde (version 1)."))
            return redirect(version)
    return render(
        request,
        "finance/case_form.html",
        {"form": form, "project": project},
        status=400 if form.errors else 200,
    )


@require_POST
def version_new(request, project_pk: int):
    case = get_object_or_404(BusinessCase.objects.select_related("project"), project_id=project_pk)
    require(request.user, EDIT, case.project)
    form = NewVersionForm(request.POST)
    if form.is_valid():
        try:
            version = services.version_new(
                actor=request.user, business_case=case, change_reason=form.cleaned_data["change_reason"]
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Version %(n)s er oprettet som kopi.") % {"n": version.number})
            return redirect(version)
    context = _case_context(request, case.project, new_version_form=form)
    return render(request, "finance/case_detail.html", context, status=400)


@require_http_methods(["GET", "POST"])
def change_request_create(request, project_pk: int):
    case = get_object_or_404(BusinessCase.objects.select_related("project"), project_id=project_pk)
    require(request.user, EDIT, case.project)
    form = ChangeRequestForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            services.change_request_file(actor=request.user, business_case=case, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Ændringsanmodningen er sendt til styregruppens formand."))
            return redirect("finance:case_detail", project_pk=project_pk)
    return render(
        request,
        "finance/change_request_form.html",
        {"form": form, "case": case, "project": case.project, "buffer": selectors.buffer_status(case)},
        status=400 if form.errors else 200,
    )


@require_POST
def change_request_decide(request, pk: int):
    change_request = get_object_or_404(
        ChangeRequest.objects.select_related("business_case__project__pejlemaerke"), pk=pk
    )
    project = change_request.business_case.project
    require(request.user, CHAIR, project.pejlemaerke)
    form = ChangeRequestDecisionForm(request.POST)
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            services.change_request_decide(
                actor=request.user, change_request=change_request, approve=approve, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request, _("Ændringsanmodningen er godkendt.") if approve else _("Ændringsanmodningen er afvist.")
            )
            return redirect_next(request, "finance:case_detail", project_pk=project.pk)
    context = _case_context(request, project, decision_form=form, decided_request=change_request.pk)
    return render(request, "finance/case_detail.html", context, status=400)

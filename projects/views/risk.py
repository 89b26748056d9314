"""Pages of It-rådets risk assessments (R27): the list for RSI DK, a request, and one assessment with
its letter, responsum and the follow-up of its recommendations."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from rsi_portal.forms import apply_service_errors
from rsi_portal.listing import Column, list_page
from rsi_portal.permissions import can, require

from .. import selectors, services
from ..forms import FollowUpForm, ResponsumForm, RiskFilterForm, RiskLetterForm, RiskRequestForm
from ..models import Project, RecommendationStatus
from .gates import _render_gates

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
        lambda a: sum(
            1
            for r in a.recommendations.all()
            if r.status in (RecommendationStatus.OPEN, RecommendationStatus.IN_PROGRESS)
        ),
    ),
]


def risk_assessment_list(request):
    """R27: every It-råd assessment with letter and responsum (RSI DK reads them for information)."""
    require(request.user, "projects.view_riskassessment")
    form = RiskFilterForm(request.GET or None)
    profile = form.cleaned_data["profile"] if form.is_valid() else ""
    page = list_page(
        request,
        selectors.risk_assessment_list(profile=profile or None),
        columns=RISK_COLUMNS,
        default_sort="-requested_on",
        export_name="risikovurderinger",
    )
    if isinstance(page, HttpResponse):
        return page
    return render(
        request,
        "projects/risk_list.html",
        {**page.context(), "form": form, "is_filtered": bool(profile)},
    )


@require_http_methods(["POST"])
def risk_assessment_request(request, pk: int):
    project = get_object_or_404(Project, pk=pk)
    require(request.user, "projects.add_riskassessment", project)
    form = RiskRequestForm(request.POST)
    if form.is_valid():
        try:
            assessment = services.risk_assessment_request(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Anmodningen om risikovurdering er registreret."))
            return redirect("projects:risk_detail", pk=assessment.pk)
    return _render_gates(request, pk, status=400, risk_form=form)


def _risk_context(request, assessment, **forms_in) -> dict:
    """Everything an assessment's page shows; forms passed in keep what the user typed."""
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
        "follow_up_form": forms_in.get("follow_up_form"),
        "status_choices": RecommendationStatus.choices,
    }


def _render_risk(request, assessment, *, status: int = 200, **forms_in):
    return render(request, "projects/risk_detail.html", _risk_context(request, assessment, **forms_in), status=status)


def _record_letter(request, assessment) -> forms.Form | None:
    """The letter form with its errors, or None when the letter is recorded."""
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
            apply_service_errors(form, error)
        else:
            return None
    return form


def _submit_responsum(request, assessment) -> forms.Form | None:
    """The responsum form with its errors, or None when the responsum is saved."""
    require(request.user, "projects.change_project", assessment.project)
    form = ResponsumForm(request.POST)
    if form.is_valid():
        try:
            services.risk_responsum_submit(actor=request.user, assessment=assessment, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return None
    return form


@require_http_methods(["GET", "POST"])
def risk_detail(request, pk: int):
    assessment = get_object_or_404(selectors.risk_assessment_list(), pk=pk)
    require(request.user, "projects.view_project", assessment.project)
    if request.method == "GET":
        return _render_risk(request, assessment)
    action = request.POST.get("action")
    if action == "letter":
        form = _record_letter(request, assessment)
        if form is not None:
            return _render_risk(request, assessment, status=400, letter_form=form)
        messages.success(request, _("Anbefalingsbrevet er registreret."))
    elif action == "responsum":
        form = _submit_responsum(request, assessment)
        if form is not None:
            return _render_risk(request, assessment, status=400, responsum_form=form)
        messages.success(request, _("Responsum er gemt og sendt til RSI DK til orientering."))
    elif action == "follow_up":
        require(request.user, "projects.change_project", assessment.project)
        form = FollowUpForm(request.POST, assessment=assessment)
        if not form.is_valid():
            return _render_risk(request, assessment, status=400, follow_up_form=form)
        services.recommendation_follow_up(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Opfølgningen er gemt."))
    else:
        return HttpResponseBadRequest()
    return redirect("projects:risk_detail", pk=pk)

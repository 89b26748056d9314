"""Benefits realisation after a completed closure (R36): the Realisering view, a project's plan and reports,
and IT5's yearly follow-up item."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rsi_portal.forms import apply_service_errors
from rsi_portal.permissions import can, require

from .. import selectors
from ..benefit_forms import PlanItemForm, ReportForm
from ..models import BenefitLine
from ..permissions import EDIT, VIEW
from ..selectors import realisation as realisation_selectors
from ..services import realisation as realisation_services
from .cases import project_or_404


def realisation_list(request):
    require(request.user, VIEW)
    today = timezone.localdate()
    groups = realisation_selectors.realisation_overview(today)
    context = {
        "groups": groups,
        "table": realisation_selectors.follow_up_table(today),
        "month": realisation_selectors.report_month(),
        "may_draft_item": can(request.user, "governance.add_agendaitem"),
    }
    return render(request, "finance/benefits/realisation_list.html", context)


def _benefits(project):
    version = selectors.latest_approved_version(project)
    return BenefitLine.objects.filter(version=version) if version else BenefitLine.objects.none()


def _project_context(request, project, *, plan_form=None, report_form=None) -> dict:
    today = timezone.localdate()
    items = realisation_selectors.plan_items(project)
    groups = realisation_selectors.realisation_overview(today, project=project)
    reportable = [item for item in items if realisation_services.may_report(request.user, item)]
    editable = can(request.user, EDIT, project)
    defaults = realisation_selectors.default_years(project.pejlemaerke)
    in_realisation = realisation_selectors.in_realisation(project.pejlemaerke)
    if plan_form is None and editable:
        initial = {"first_year": defaults[0], "last_year": defaults[1]} if defaults else {}
        plan_form = PlanItemForm(benefits=_benefits(project), initial=initial)
    if report_form is None and reportable and in_realisation:
        report_form = ReportForm(items=reportable, initial={"year": today.year - 1})
    return {
        "project": project,
        "group": groups[0] if groups else None,
        "items": items,
        "in_realisation": in_realisation,
        "plan_form": plan_form if editable else None,
        "report_form": report_form if reportable and in_realisation else None,
        "month": realisation_selectors.report_month(),
    }


def realisation_project(request, project_pk: int):
    project = project_or_404(project_pk)
    require(request.user, VIEW)
    return render(request, "finance/benefits/realisation_project.html", _project_context(request, project))


@require_POST
def plan_item_add(request, project_pk: int):
    project = project_or_404(project_pk)
    require(request.user, EDIT, project)
    form = PlanItemForm(request.POST, benefits=_benefits(project))
    if form.is_valid():
        try:
            realisation_services.plan_item_add(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Gevinsten er føjet til realiseringsplanen."))
            return redirect("finance:realisation_project", project_pk=project_pk)
    context = _project_context(request, project, plan_form=form)
    return render(request, "finance/benefits/realisation_project.html", context, status=400)


@require_POST
def report_submit(request, project_pk: int):
    project = project_or_404(project_pk)
    require(request.user, VIEW)
    items = [i for i in realisation_selectors.plan_items(project) if realisation_services.may_report(request.user, i)]
    if not items:
        require(request.user, EDIT, project)  # denies: nobody else reports for this project
    form = ReportForm(request.POST, items=items)
    if form.is_valid():
        try:
            realisation_services.report_submit(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Den realiserede gevinst er indberettet."))
            return redirect("finance:realisation_project", project_pk=project_pk)
    context = _project_context(request, project, report_form=form)
    return render(request, "finance/benefits/realisation_project.html", context, status=400)


@require_POST
def follow_up_draft(request):
    require(request.user, "governance.add_agendaitem")
    try:
        item = realisation_services.follow_up_item_draft(actor=request.user, today=timezone.localdate())
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Punktet er lagt på IT5's dagsorden %(d)s.") % {"d": item.meeting.day.strftime("%d.%m.%Y")}
        )
    return redirect("finance:realisation_list")

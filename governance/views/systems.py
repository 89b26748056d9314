"""SYS's register of joint running systems (R33): the list, a system's page with its user groups and SYS's
recommendation of a system-responsible region (decided by RSI DK as a routed matter), and the edit form."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from rsi_portal.fields import query_year
from rsi_portal.forms import apply_service_errors
from rsi_portal.listing import Column, list_page
from rsi_portal.permissions import can, require

from .. import selectors, services
from ..escalation_reads import escalation_raisers
from ..forms import JointSystemForm, ResponsibilityForm, UserGroupForm
from ..models import JointSystem, UserGroup

JOINT_SYSTEM_COLUMNS = [
    Column("name", gettext_lazy("System"), lambda s: s.name, "name"),
    Column(
        "region", gettext_lazy("Systemansvarlig region"), lambda s: s.responsibility_label, "responsible_region__name"
    ),
    Column("fsa", gettext_lazy("FSA"), lambda s: s.fsa, "fsa"),
    Column("user_groups", gettext_lazy("Brugergrupper"), lambda s: ", ".join(g.name for g in s.user_groups.all())),
    Column("budget", gettext_lazy("Driftsbudget"), lambda s: s.budget, "budget"),
    Column("left", gettext_lazy("Tilbage til SYS-godkendelser"), lambda s: s.left, "left"),
]


def joint_system_list(request):
    require(request.user, "governance.view_jointsystem")
    year = query_year(request, default=date.today().year)
    page = list_page(
        request,
        selectors.joint_system_list(year),
        columns=JOINT_SYSTEM_COLUMNS,
        default_sort="name",
        export_name="driftssystemer",
    )
    if isinstance(page, HttpResponse):
        return page
    return render(
        request,
        "governance/joint_system_list.html",
        {**page.context(), "year": year, "may_edit": can(request.user, "governance.add_jointsystem")},
    )


def _system_context(request, system: JointSystem, *, group_form=None, responsibility_form=None) -> dict:
    """Everything the system page shows; a form passed in keeps what the user typed."""
    may_edit = can(request.user, "governance.change_jointsystem", system)
    may_recommend = can(request.user, "governance.add_matter")
    year = query_year(request, default=date.today().year)
    return {
        "system": system,
        "year": year,
        **selectors.joint_system_page(system, year, request.user),
        "may_edit": may_edit,
        "may_escalate": escalation_raisers(request.user),  # R25: SYS or RITA → IT5 from this page
        "group_form": group_form or (UserGroupForm() if may_edit else None),
        "responsibility_form": responsibility_form or (ResponsibilityForm() if may_recommend else None),
    }


def _system(pk: int) -> JointSystem:
    return get_object_or_404(JointSystem.objects.select_related("responsible_region"), pk=pk)


def joint_system_detail(request, pk: int):
    system = _system(pk)
    require(request.user, "governance.view_jointsystem", system)
    return render(request, "governance/joint_system_detail.html", _system_context(request, system))


@require_POST
def user_group_add(request, pk: int):
    system = _system(pk)
    require(request.user, "governance.change_jointsystem", system)
    form = UserGroupForm(request.POST)
    if form.is_valid():
        try:
            services.user_group_add(actor=request.user, system=system, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Brugergruppen er tilføjet."))
            return redirect("governance:joint_system_detail", pk=system.pk)
    context = _system_context(request, system, group_form=form)
    return render(request, "governance/joint_system_detail.html", context, status=400)


@require_POST
def user_group_remove(request, pk: int):
    group = get_object_or_404(UserGroup.objects.select_related("system"), pk=pk)
    require(request.user, "governance.change_jointsystem", group.system)
    services.user_group_remove(actor=request.user, group=group)
    messages.success(request, _("Brugergruppen er fjernet."))
    return redirect("governance:joint_system_detail", pk=group.system_id)


@require_POST
def responsibility_recommend(request, pk: int):
    """R33: the secretariat records SYS's recommendation; RSI DK decides it as a routed matter."""
    system = _system(pk)
    require(request.user, "governance.add_matter")
    form = ResponsibilityForm(request.POST)
    if form.is_valid():
        try:
            matter = services.system_responsibility_recommend(actor=request.user, system=system, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("SYS' indstilling er sendt til RSI DK."))
            return redirect(matter)
    context = _system_context(request, system, responsibility_form=form)
    return render(request, "governance/joint_system_detail.html", context, status=400)


@require_http_methods(["GET", "POST"])
def joint_system_edit(request, pk: int | None = None):
    system = get_object_or_404(JointSystem, pk=pk) if pk else None
    require(request.user, "governance.change_jointsystem" if system else "governance.add_jointsystem", system)
    year = date.today().year
    budget = selectors.operating_budget(system, year)
    form = JointSystemForm(
        request.POST or None,
        instance=system,
        initial={"year": year, "operating_budget": budget.amount if budget else None},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        year, amount = data.pop("year"), data.pop("operating_budget")
        try:
            system = services.joint_system_save(actor=request.user, system=system, **data)
            if amount is not None:
                services.operating_budget_set(actor=request.user, system=system, year=year, amount=amount)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Systemet er gemt."))
            return redirect("governance:joint_system_detail", pk=system.pk)
    return render(request, "governance/joint_system_form.html", {"form": form, "system": system})

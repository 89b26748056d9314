"""Matters for decision and their route (R24–R26), and the joint running systems (R33)."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from rsi_portal.forms import apply_service_errors
from rsi_portal.listing import Column, list_page
from rsi_portal.permissions import can, require

from .. import selectors, services
from ..forms import DecisionForm, JointSystemForm, MatterForm
from ..models import JointSystem, Matter

MATTER_COLUMNS = [
    Column("created_at", gettext_lazy("Oprettet"), lambda m: m.created_at, "created_at"),
    Column("title", gettext_lazy("Titel"), lambda m: m.title, "title"),
    Column("kind", gettext_lazy("Type"), lambda m: m.get_kind_display(), "kind"),
    Column("amount", gettext_lazy("Beløb (kr.)"), lambda m: m.amount, "amount"),
    Column("route", gettext_lazy("Besluttes af"), lambda m: m.get_route_body_display(), "route_body"),
    Column("status", gettext_lazy("Status"), lambda m: m.get_status_display(), "status"),
]


def matter_list(request):
    require(request.user, "governance.view_matter")
    body = request.GET.get("route") or None
    queryset = selectors.matter_list(body=body)
    page = list_page(request, queryset, columns=MATTER_COLUMNS, default_sort="-created_at", export_name="indstillinger")
    if isinstance(page, HttpResponse):
        return page
    return render(request, "governance/matter_list.html", {**page.context(), "route": body or ""})


def _route_preview(form):
    data = form.cleaned_data
    return services.matter_route(
        kind=data["kind"],
        amount=data["amount"],
        year=data["year"],
        joint_system=data.get("joint_system"),
        escalated_from=data.get("escalated_from") or "",
    )


@require_http_methods(["GET", "POST"])
def matter_create(request):
    """The form shows the route and its reason before saving (htmx preview; the "Vis rute" button without JS)."""
    require(request.user, "governance.add_matter")
    form = MatterForm(request.POST or None)
    route = None
    if request.method == "POST" and form.is_valid():
        route = _route_preview(form)
        if request.headers.get("HX-Request"):
            return render(request, "governance/_route_preview.html", {"route": route})
        if "save" in request.POST:
            try:
                matter = services.matter_create(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Indstillingen er oprettet og sendt til %(body)s.") % {"body": matter.get_route_body_display()},
                )
                return redirect(matter)
    elif request.method == "POST" and request.headers.get("HX-Request"):
        return render(request, "governance/_route_preview.html", {"route": None, "incomplete": True})
    return render(request, "governance/matter_form.html", {"form": form, "route": route})


def _matter_context(request, matter: Matter, *, form=None) -> dict:
    """Everything the matter page shows; a form passed in keeps what the user typed."""
    may_decide = can(request.user, "governance.add_decision")
    return {
        "matter": matter,
        "decisions": selectors.decisions_for(matter),
        "form": form or (DecisionForm() if may_decide else None),
    }


@require_http_methods(["GET", "POST"])
def matter_detail(request, pk: int):
    matter = get_object_or_404(
        Matter.objects.select_related("pejlemaerke", "project", "joint_system", "created_by"), pk=pk
    )
    require(request.user, "governance.view_matter", matter)
    if request.method == "GET":
        return render(request, "governance/matter_detail.html", _matter_context(request, matter))
    require(request.user, "governance.add_decision")
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.matter_decision_record(actor=request.user, matter=matter, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Beslutningen er registreret."))
            return redirect(matter)
    return render(request, "governance/matter_detail.html", _matter_context(request, matter, form=form), status=400)


JOINT_SYSTEM_COLUMNS = [
    Column("name", gettext_lazy("System"), lambda s: s.name, "name"),
    Column(
        "region",
        gettext_lazy("Systemansvarlig region"),
        lambda s: s.responsible_region.name,
        "responsible_region__name",
    ),
    Column("fsa", gettext_lazy("FSA"), lambda s: s.fsa, "fsa"),
    Column("budget", gettext_lazy("Driftsbudget"), lambda s: s.budget, "budget"),
    Column("left", gettext_lazy("Tilbage til SYS-godkendelser"), lambda s: s.left, "left"),
]


def joint_system_list(request):
    require(request.user, "governance.view_jointsystem")
    requested = request.GET.get("year") or ""
    year = int(requested) if requested.isdigit() else date.today().year
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
            return redirect("governance:joint_system_list")
    return render(request, "governance/joint_system_form.html", {"form": form, "system": system})

"""Matters for decision, their route (R24–R26) and IT5's escalation to RSI DK (R25)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from rsi_portal.forms import apply_service_errors
from rsi_portal.listing import Column, list_page
from rsi_portal.permissions import can, require

from .. import selectors, services
from ..forms import DecisionForm, EscalationForm, MatterFilterForm, MatterForm
from ..models import Matter

MATTER_COLUMNS = [
    Column("created_at", gettext_lazy("Oprettet"), lambda m: m.created_at, "created_at"),
    Column("title", gettext_lazy("Titel"), lambda m: m.title, "title"),
    Column("kind", gettext_lazy("Type"), lambda m: m.get_kind_display(), "kind"),
    Column("amount", gettext_lazy("Beløb (kr.)"), lambda m: m.amount, "amount"),
    Column("route", gettext_lazy("Besluttes af"), lambda m: m.get_route_body_display(), "route_body"),
    Column("status", gettext_lazy("Status"), lambda m: selectors.status_label(m.shown_status), "shown_status"),
]


def matter_list(request):
    require(request.user, "governance.view_matter")
    form = MatterFilterForm(request.GET)
    body = form.cleaned_data["route"] if form.is_valid() else ""
    queryset = selectors.with_shown_status(selectors.matter_list(body=body or None), request.user)
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


def _matter_context(request, matter: Matter, *, form=None, escalation_form=None) -> dict:
    """Everything the matter page shows; a form passed in keeps what the user typed."""
    may_decide = can(request.user, "governance.add_decision")
    may_escalate = matter.escalatable_from_it5 and can(request.user, "governance.change_matter", matter)
    return {
        "escalation_form": escalation_form or (EscalationForm() if may_escalate else None),
        "matter": matter,
        "status": selectors.matter_status_shown(request.user, matter),
        "decisions": selectors.shown_decisions(request.user, selectors.decisions_for(matter)),
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


@require_POST
def matter_escalate(request, pk: int):
    """R25: the secretariat records that IT5 escalates the matter to RSI DK."""
    matter = get_object_or_404(Matter.objects.select_related("pejlemaerke", "project", "joint_system"), pk=pk)
    require(request.user, "governance.change_matter", matter)
    form = EscalationForm(request.POST)
    if form.is_valid():
        try:
            services.matter_escalate(actor=request.user, matter=matter, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Sagen er eskaleret til RSI DK."))
            return redirect(matter)
    context = _matter_context(request, matter, escalation_form=form)
    return render(request, "governance/matter_detail.html", context, status=400)

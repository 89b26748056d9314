"""The pejlemærke list and page: the portfolio's data with the projects' phases and people (R5)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from projects.selectors import phase_summary, with_project_phases
from rsi_portal.forms import apply_service_errors
from rsi_portal.listing import Column, list_page
from rsi_portal.permissions import can, require

from .. import selectors as portfolio_selectors
from .. import services
from ..audit import entries_for
from ..forms import PejlemaerkeFilterForm, StopForm, TransitionForm
from ..models import Kommissorium, OAMarking, Pejlemaerke
from ..rules import can_stop
from . import selectors

AUDIT_ENTRIES_SHOWN = 20


def _participation_label(pejlemaerke):
    return ", ".join(f"{p.region.code}: {p.get_status_display()}" for p in pejlemaerke.participations.all())


PEJLEMAERKE_COLUMNS = [
    Column("name", gettext_lazy("Navn"), lambda p: p.name, "name"),
    Column("type", gettext_lazy("Type"), lambda p: p.get_type_display(), "type"),
    Column("state", gettext_lazy("Livscyklus"), lambda p: p.lifecycle_label, "state"),  # R2: stopped apart
    Column("phase", gettext_lazy("Fase"), lambda p: phase_summary(p.projects.all())),
    Column(
        "leading_region",
        gettext_lazy("Projektledende region"),
        lambda p: p.leading_region.code,
        "leading_region__sort_order",
    ),
    Column("participation", gettext_lazy("Deltagelse"), _participation_label),
    Column(
        "project_leader",
        gettext_lazy("Projektleder"),
        lambda p: p.project_leader.get_full_name() if p.project_leader else "",
        "project_leader__last_name",
    ),
    Column("updated_at", gettext_lazy("Ændret"), lambda p: p.updated_at, "updated_at"),
]


def pejlemaerke_list(request):
    require(request.user, "portfolio.view_pejlemaerke")
    form = PejlemaerkeFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    queryset = portfolio_selectors.pejlemaerke_list(**{k: v for k, v in filters.items() if v})
    page = list_page(
        request,
        with_project_phases(queryset),  # R5: the phase column
        columns=PEJLEMAERKE_COLUMNS,
        default_sort="name",
        export_name="pejlemaerker",
    )
    if isinstance(page, HttpResponse):
        return page
    for row in page.rows:
        row.phase_label = phase_summary(row.projects.all())
    context = {
        **page.context(),
        "form": form,
        "regions": portfolio_selectors.regions(),
        "is_filtered": any(filters.values()),
    }
    return render(request, "portfolio/pejlemaerke_list.html", context)


def _idea_context(pejlemaerke: Pejlemaerke) -> dict:
    """R34/R2: the idea's steps before its pejlemærke existed (who, when, why), its ØA mark and goals (R40)."""
    kommissorium = Kommissorium.objects.filter(pejlemaerke=pejlemaerke).first()
    steps = list(entries_for(kommissorium).order_by("at", "pk")) if kommissorium else []
    return {
        "idea": kommissorium,
        "idea_steps": steps,
        "oa_marking": OAMarking.objects.filter(pejlemaerke=pejlemaerke).first(),
        "strategy_goals": list(pejlemaerke.strategy_goals.all()),
    }


def _detail_context(request, pejlemaerke: Pejlemaerke, transition_form=None, stop_form=None) -> dict:
    """The pejlemærke page; `transition_form` / `stop_form` is the bound form when a lifecycle move or a
    stop was refused."""
    may_edit = can(request.user, "portfolio.change_pejlemaerke", pejlemaerke)
    if may_edit and transition_form is None:
        transition_form = TransitionForm(current_state=pejlemaerke.state)
    if may_edit and stop_form is None and can_stop(pejlemaerke.state):
        stop_form = StopForm()
    return {
        **_idea_context(pejlemaerke),
        "p": pejlemaerke,
        "leadership": portfolio_selectors.leadership_per_region(),
        "may_edit": may_edit,
        "transition_form": transition_form if may_edit else None,
        "stop_form": stop_form if may_edit else None,
        "audit": list(entries_for(pejlemaerke)[:AUDIT_ENTRIES_SHOWN]) if may_edit else [],
        "editable_projects": [
            project for project in pejlemaerke.projects.all() if can(request.user, "projects.change_project", project)
        ],
    }


def pejlemaerke_detail(request, pk: int):
    pejlemaerke = get_object_or_404(Pejlemaerke, pk=pk)
    require(request.user, "portfolio.view_pejlemaerke", pejlemaerke)
    context = _detail_context(request, selectors.pejlemaerke_page(pk))
    return render(request, "portfolio/pejlemaerke_detail.html", context)


@require_http_methods(["POST"])
def pejlemaerke_transition(request, pk: int):
    pejlemaerke = get_object_or_404(Pejlemaerke, pk=pk)
    require(request.user, "portfolio.change_pejlemaerke", pejlemaerke)
    form = TransitionForm(request.POST, current_state=pejlemaerke.state)
    if form.is_valid():
        try:
            services.pejlemaerke_transition(
                actor=request.user,
                pejlemaerke=pejlemaerke,
                to_state=form.cleaned_data["to_state"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Livscyklus er ændret."))
            return redirect(pejlemaerke)
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    # Keep what was typed: the page again with the bound form.
    context = _detail_context(request, selectors.pejlemaerke_page(pk), transition_form=form)
    return render(request, "portfolio/pejlemaerke_detail.html", context, status=400)


@require_http_methods(["POST"])
def pejlemaerke_stop(request, pk: int):
    """R2: record RSI DK's decision to stop the pejlemærke."""
    pejlemaerke = get_object_or_404(Pejlemaerke, pk=pk)
    require(request.user, "portfolio.change_pejlemaerke", pejlemaerke)
    form = StopForm(request.POST)
    if form.is_valid():
        try:
            services.pejlemaerke_stop(actor=request.user, pejlemaerke=pejlemaerke, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Pejlemærket er stoppet og lukket."))
            return redirect(pejlemaerke)
    context = _detail_context(request, selectors.pejlemaerke_page(pk), stop_form=form)
    return render(request, "portfolio/pejlemaerke_detail.html", context, status=400)

"""Thin views: parse, ask permissions, call a service or selector, render."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from projects.selectors import phase_summary, with_project_phases
from rsi_portal.listing import Column, export_response, header_cells, sort_queryset
from rsi_portal.permissions import can, has_portal_role, require

from . import selectors, services
from .audit import entries_for
from .forms import ParticipationFormSet, PejlemaerkeFilterForm, PejlemaerkeForm, TransitionForm
from .models import Participation, Pejlemaerke


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def home(request):
    """The start page, by role. A person without any role sees why, with 403."""
    if not has_portal_role(request.user):
        raise PermissionDenied
    context = {"roles": selectors.roles_of(request.user), "panels": []}
    if can(request.user, "portfolio.change_pejlemaerke"):
        context["state_counts"] = [
            {"state": state, "label": label, "count": selectors.state_counts()[state]}
            for state, label in Pejlemaerke._meta.get_field("state").choices
        ]
        context["leadership"] = selectors.leadership_per_region()
    context["contact_opt_outs"] = {
        region: list(selectors.opt_outs_for_region(region)) for region in context["roles"]["contact_regions"]
    }
    # --- STATUS (issue 3, R13): the monthly reports this person is due to submit
    from projects.selectors import status_due_for

    context["status_due"] = status_due_for(request.user)
    return render(request, "portfolio/home.html", context)


def _participation_label(pejlemaerke):
    return ", ".join(f"{p.region.code}: {p.get_status_display()}" for p in pejlemaerke.participations.all())


PEJLEMAERKE_COLUMNS = [
    Column("name", gettext_lazy("Navn"), lambda p: p.name, "name"),
    Column("type", gettext_lazy("Type"), lambda p: p.get_type_display(), "type"),
    Column("state", gettext_lazy("Livscyklus"), lambda p: p.get_state_display(), "state"),
    Column("phase", gettext_lazy("Fase"), lambda p: phase_summary(p.projects.all())),  # GATES: R5
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
    queryset = selectors.pejlemaerke_list(**{k: v for k, v in filters.items() if v})
    queryset = with_project_phases(queryset)  # GATES: the phase column (R5)
    queryset, current_sort = sort_queryset(queryset, request, PEJLEMAERKE_COLUMNS, "name")
    export = request.GET.get("format")
    if export in {"csv", "xlsx"}:
        return export_response(export, "pejlemaerker", PEJLEMAERKE_COLUMNS, queryset)
    rows = list(queryset)
    for row in rows:
        row.phase_label = phase_summary(row.projects.all())  # GATES: R5
    query = request.GET.dict()
    return render(
        request,
        "portfolio/pejlemaerke_list.html",
        {
            "form": form,
            "rows": rows,
            "headers": header_cells(PEJLEMAERKE_COLUMNS, current_sort, query),
            "regions": selectors.regions(),
            "export_query": "&".join(f"{k}={v}" for k, v in query.items() if k != "format" and v),
            "is_filtered": any(filters.values()),
        },
    )


def pejlemaerke_detail(request, pk: int):
    pejlemaerke = get_object_or_404(Pejlemaerke, pk=pk)
    require(request.user, "portfolio.view_pejlemaerke", pejlemaerke)
    pejlemaerke = selectors.pejlemaerke_detail(pk)
    may_edit = can(request.user, "portfolio.change_pejlemaerke", pejlemaerke)
    return render(
        request,
        "portfolio/pejlemaerke_detail.html",
        {
            "p": pejlemaerke,
            "leadership": selectors.leadership_per_region(),
            "may_edit": may_edit,
            "transition_form": TransitionForm(current_state=pejlemaerke.state) if may_edit else None,
            "audit": list(entries_for(pejlemaerke)[:20]) if may_edit else [],
            "editable_projects": [
                pr for pr in pejlemaerke.projects.all() if can(request.user, "projects.change_project", pr)
            ],
        },
    )


@require_http_methods(["GET", "POST"])
def pejlemaerke_edit(request, pk: int | None = None):
    pejlemaerke = get_object_or_404(Pejlemaerke, pk=pk) if pk else None
    require(request.user, "portfolio.change_pejlemaerke" if pejlemaerke else "portfolio.add_pejlemaerke", pejlemaerke)
    form = PejlemaerkeForm(request.POST or None, instance=pejlemaerke)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            if pejlemaerke:
                pejlemaerke = services.pejlemaerke_update(actor=request.user, pejlemaerke=pejlemaerke, **data)
                messages.success(request, _("Pejlemærket er gemt."))
            else:
                pejlemaerke = services.pejlemaerke_create(actor=request.user, **data)
                messages.success(request, _("Pejlemærket er oprettet med alle fem regioner som deltagere."))
            return redirect(pejlemaerke)
        except ValidationError as error:
            form.add_error(None, error)
    return render(request, "portfolio/pejlemaerke_form.html", {"form": form, "p": pejlemaerke})


@require_http_methods(["GET", "POST"])
def participation_edit(request, pk: int):
    pejlemaerke = get_object_or_404(Pejlemaerke, pk=pk)
    require(request.user, "portfolio.change_participation", pejlemaerke)
    queryset = Participation.objects.filter(pejlemaerke=pejlemaerke).select_related("region")
    formset = ParticipationFormSet(request.POST or None, queryset=queryset)
    if request.method == "POST" and formset.is_valid():
        try:
            for form in formset.forms:
                services.participation_set(
                    actor=request.user,
                    pejlemaerke=pejlemaerke,
                    region=form.instance.region,
                    status=form.cleaned_data["status"],
                    explanation=form.cleaned_data.get("explanation", ""),
                )
        except ValidationError as error:
            formset.forms[0].add_error(None, error)
        else:
            messages.success(request, _("Deltagelsen er gemt."))
            return redirect(pejlemaerke)
    return render(request, "portfolio/participation_form.html", {"p": pejlemaerke, "formset": formset})


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
    # Keep what was typed: re-render the detail page with the bound form.
    detail = selectors.pejlemaerke_detail(pk)
    return render(
        request,
        "portfolio/pejlemaerke_detail.html",
        {
            "p": detail,
            "leadership": selectors.leadership_per_region(),
            "may_edit": True,
            "transition_form": form,
            "audit": list(entries_for(detail)[:20]),
            "editable_projects": list(detail.projects.all()),
        },
        status=400,
    )


# --- Portfolio dashboard (issue 3: monthly status, R10–R11), read through projects.selectors


def _dashboard_columns():
    from portfolio.models import Region
    from projects.rules import COLOUR_LETTERS

    def region_cell(code):
        def value(row):
            for rc in row.region_colours:
                if rc.region.code == code:
                    if not rc.participating:
                        return _("Deltager ikke")
                    return str(rc.colour.label) if rc.colour else _("Mangler")
            return ""

        return value

    columns = [
        Column("name", gettext_lazy("Pejlemærke"), lambda r: r.pejlemaerke.name),
        Column("type", gettext_lazy("Type"), lambda r: r.pejlemaerke.get_type_display()),
        Column("phase", gettext_lazy("Fase"), lambda r: r.phase_label),
        Column("leading_region", gettext_lazy("Projektledende region"), lambda r: r.pejlemaerke.leading_region.code),
    ]
    columns += [Column(f"region_{r.code}", r.code, region_cell(r.code)) for r in Region.objects.all()]
    columns += [
        Column("colour", gettext_lazy("Samlet status"), lambda r: r.colour_label),
        Column("missing", gettext_lazy("Mangler"), lambda r: ", ".join(r.missing_regions)),
        Column("why", gettext_lazy("Hvorfor"), lambda r: r.why),
        Column(
            "trend",
            gettext_lazy("Udvikling (12 mdr.)"),
            lambda r: " ".join(COLOUR_LETTERS.get(c, "–") if c else "–" for _m, c in r.trend),
        ),
        Column("days", gettext_lazy("Dage siden seneste rapport"), lambda r: r.days_since_last_report),
        Column("flags", gettext_lazy("Flag"), lambda r: "; ".join(f.label for f in r.flags)),
    ]
    return columns


def dashboard(request):
    """The portfolio at a glance: one row per pejlemærke, red first (R10), flags (R11), Excel export."""
    from django.utils import timezone
    from django.utils.safestring import mark_safe

    from projects import selectors as status_selectors
    from projects.forms import DashboardFilterForm
    from projects.rules import Colour
    from projects.svg import trend_svg
    from rsi_portal.dates import add_months, month_start

    from .dashboard_rows import rows_html

    require(request.user, "projects.view_statusreport")
    data = request.GET.copy()
    if not data.get("month"):  # default: the month just ended, shown in the month field
        data["month"] = f"{add_months(month_start(timezone.localdate()), -1):%Y-%m}"
    form = DashboardFilterForm(data)
    filters = form.cleaned_data if form.is_valid() else {}
    month = month_start(filters.get("month") or add_months(month_start(timezone.localdate()), -1))
    wanted = {k: filters[k] for k in ("type", "phase", "region", "colour") if filters.get(k)}
    rows = status_selectors.portfolio_status(month, **wanted)
    export = request.GET.get("format")
    if export in {"csv", "xlsx"}:
        return export_response(export, f"dashboard-{month:%Y-%m}", _dashboard_columns(), rows)
    # Translate every label once per request: gettext per cell is what makes a big table slow.
    from portfolio.rules import PejlemaerkeType

    colour_names = {value: str(label) for value, label in Colour.choices}
    type_names = {value: str(label) for value, label in PejlemaerkeType.choices}
    not_participating, missing, not_reported = _("Deltager ikke"), _("Mangler"), _("Mangler indberetning")
    for row in rows:
        row.trend_drawing = mark_safe(trend_svg(row.trend))
        row.label = colour_names.get(row.colour) or not_reported
        row.type_label = type_names.get(row.pejlemaerke.type, row.pejlemaerke.type)
        row.cells = [
            (rc.region, "none", not_participating)
            if not rc.participating
            else (rc.region, rc.colour, colour_names[rc.colour])
            if rc.colour
            else (rc.region, "missing", missing)
            for rc in row.region_colours
        ]
    query = {k: v for k, v in request.GET.items() if k not in {"format", "month"} and v}
    counts = {c: sum(1 for r in rows if r.colour == c) for c in Colour.values}
    context = {
        "form": form,
        "rows": rows,
        "month": month,
        "previous_month": add_months(month, -1),
        "next_month": add_months(month, 1),
        "regions": selectors.regions(),
        "filter_query": "&".join(f"{k}={v}" for k, v in query.items()),
        "export_query": "&".join(f"{k}={v}" for k, v in {**query, "month": f"{month:%Y-%m}"}.items()),
        "is_filtered": bool(wanted),
        "counts": [(Colour(c), counts[c]) for c in Colour.values],
        "missing_count": sum(1 for r in rows if r.colour is None),
        "month_param": f"{month:%Y-%m}",
        "rows_html": rows_html(rows, f"{month:%Y-%m}"),
    }
    template = "portfolio/dashboard_table.html" if request.headers.get("HX-Request") else "portfolio/dashboard.html"
    return render(request, template, context)

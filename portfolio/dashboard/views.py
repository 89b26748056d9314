"""The start page and the portfolio dashboard (monthly status R10–R11, read through projects.selectors)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.selectors import quarterly_missing
from projects.rules import Colour, colour_label, colour_letter
from projects.selectors import gate_status, status_due_for
from rsi_portal.dates import add_months, month_start
from rsi_portal.listing import EXPORT_FORMATS, Column, export_response, query_string
from rsi_portal.permissions import can, has_portal_role, is_sekretariat, require

from .. import selectors as portfolio_selectors
from . import home as home_sections
from . import selectors
from .exports import dashboard_workbook
from .forms import DashboardFilterForm

FILTERS = ("type", "phase", "region", "colour", "numbers")


def home(request):
    """ "Mit overblik": per role, what to do now with links that do it. A person without any role sees why, with
    403."""
    if not has_portal_role(request.user):
        raise PermissionDenied
    user, today = request.user, timezone.localdate()
    roles = selectors.roles_of(user)
    context = {
        "roles": roles,
        "today": today,
        "contact_opt_outs": {
            region: list(portfolio_selectors.opt_outs_for_region(region)) for region in roles["contact_regions"]
        },
        "status_due": status_due_for(user),  # R13: the monthly reports this person is due to submit
        # R6–R8: the checklist of the next gate of each project the person leads
        "gates": [gate_status(project) for project in roles["led_projects"]],
    }
    if is_sekretariat(user):
        context["sek"] = home_sections.sekretariat_home(user, today)
        context["quarterly_missing"] = quarterly_missing(today)  # R37: RITA's and SYS's reports to IT5
    if can(user, "portfolio.change_pejlemaerke"):
        context["state_counts"] = portfolio_selectors.state_counts()  # R2: stopped and completed apart
        context["leadership"] = portfolio_selectors.leadership_per_region()
    if roles["chaired_bodies"]:
        context["formand"] = home_sections.formand_home(user, roles)
    if roles["memberships"] and not is_sekretariat(user):
        context["director"] = home_sections.director_home(user, roles, today)
    if roles["contact_regions"]:
        context["contact"] = home_sections.contact_home(roles["contact_regions"], today)
    return render(request, "portfolio/home.html", context)


def _region_cell(code: str):
    def value(row):
        for rc in row.region_colours:
            if rc.region.code == code:
                if not rc.participating:
                    return _("Deltager ikke")
                return colour_label(rc.colour) if rc.colour else _("Mangler")
        return ""

    return value


def dashboard_columns(regions) -> list[Column]:
    """The dashboard's export: the table's columns, one per region, with the colours' Danish names and letters."""
    return [
        Column("name", gettext_lazy("Pejlemærke"), lambda r: r.pejlemaerke.name),
        Column("type", gettext_lazy("Type"), lambda r: r.pejlemaerke.get_type_display()),
        Column("phase", gettext_lazy("Fase"), lambda r: r.phase_label),
        Column("leading_region", gettext_lazy("Projektledende region"), lambda r: r.pejlemaerke.leading_region.code),
        *[Column(f"region_{r.code}", r.code, _region_cell(r.code)) for r in regions],
        Column("colour", gettext_lazy("Samlet status"), lambda r: r.colour_label),
        Column("missing", gettext_lazy("Mangler"), lambda r: ", ".join(r.missing_regions)),
        Column("why", gettext_lazy("Hvorfor"), lambda r: r.why),
        Column(
            "trend",
            gettext_lazy("Udvikling (12 mdr.)"),
            lambda r: " ".join(colour_letter(colour) for _month, colour in r.trend),
        ),
        Column("days", gettext_lazy("Dage siden seneste rapport"), lambda r: r.days_since_last_report),
        Column("flags", gettext_lazy("Flag"), lambda r: "; ".join(f.label for f in r.flags)),
    ]


def dashboard(request):
    """The portfolio at a glance: one row per pejlemærke, red first (R10), flags (R11), Excel export."""
    require(request.user, "projects.view_statusreport")
    last_month = add_months(month_start(timezone.localdate()), -1)
    data = request.GET.copy()
    if not data.get("month"):  # default: the month just ended, shown in the month field
        data["month"] = f"{last_month:%Y-%m}"
    form = DashboardFilterForm(data)
    filters = form.cleaned_data if form.is_valid() else {}
    month = month_start(filters.get("month") or last_month)
    wanted = {k: filters[k] for k in FILTERS if filters.get(k)}
    table = selectors.dashboard_table(month, wanted, filters.get("goal"))
    rows = table.rows
    regions = portfolio_selectors.regions()
    fmt = request.GET.get("format")
    if fmt == "xlsx":  # presentable: widths, header fill, autofilter, colours as fills, the texts on sheet 2
        return dashboard_workbook(month, dashboard_columns(regions), rows, f"dashboard-{month:%Y-%m}")
    if fmt in EXPORT_FORMATS:
        return export_response(fmt, f"dashboard-{month:%Y-%m}", dashboard_columns(regions), rows)
    month_param = f"{month:%Y-%m}"
    context = {
        "form": form,
        "rows": rows,
        "month": month,
        "previous_month": add_months(month, -1),
        "next_month": add_months(month, 1),
        "previous_query": query_string(request.GET, month=f"{add_months(month, -1):%Y-%m}"),
        "next_query": query_string(request.GET, month=f"{add_months(month, 1):%Y-%m}"),
        "export_query": query_string(request.GET, month=month_param),
        "regions": regions,
        "is_filtered": bool(wanted) or bool(filters.get("goal")),
        "counts": [(Colour(c), table.counts[c]) for c in Colour.values],
        "missing_count": table.missing_count,
        "legend": [(colour_letter(c), colour_label(c)) for c in Colour.values]
        + [(colour_letter(None), colour_label(None, missing=False))],
        "month_param": month_param,
        "rows_html": table.html,
        "closed": table.closed,  # R2: completed and stopped told apart
        "now": timezone.localtime(),  # the print footer's time
    }
    template = "portfolio/dashboard_table.html" if request.headers.get("HX-Request") else "portfolio/dashboard.html"
    return render(request, template, context)

"""The dashboard's Gevinstrealisering tab: closed projects in realisation, realised against targeted (R36)."""

from django.shortcuts import render
from django.utils import timezone

from finance.selectors.realisation import follow_up_table, realisation_overview, report_month
from rsi_portal.permissions import require


def dashboard_benefits(request):
    require(request.user, "projects.view_statusreport")
    today = timezone.localdate()
    context = {
        "groups": realisation_overview(today),
        "table": follow_up_table(today),
        "month": report_month(),
    }
    return render(request, "portfolio/dashboard_benefits.html", context)

"""R37: the quarterly reports RITA and SYS owe IT5: what is due, what is in, what is missing; file one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rsi_portal.forms import apply_service_errors
from rsi_portal.permissions import require

from .. import selectors, services
from ..forms import QuarterlyReportForm


@require_http_methods(["GET", "POST"])
def quarterly_reports(request):
    """The secretariat's overview of the quarterly reports, with the form that files one."""
    require(request.user, "governance.add_agendaitem")
    today = timezone.localdate()
    rows = selectors.quarterly_status(today)
    quarters = sorted({row.quarter for row in rows}, reverse=True)
    status = 200
    if request.method == "POST":
        form = QuarterlyReportForm(request.POST, request.FILES, quarters=quarters)
        if form.is_valid():
            data = form.cleaned_data
            try:
                report = services.quarterly_report_submit(
                    actor=request.user,
                    body=data["body"],
                    quarter=data["quarter"],
                    text=data["text"],
                    upload=data.get("upload"),
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Rapporten er sat på IT5's dagsorden %(day)s som orienteringspunkt %(number)s.")
                    % {"day": report.meeting.day.strftime("%d.%m.%Y"), "number": report.item.number},
                )
                return redirect("governance:quarterly_reports")
        status = 400
    else:
        form = QuarterlyReportForm(quarters=quarters)
    context = {"rows": rows, "form": form, "missing": [row for row in rows if row.missing]}
    return render(request, "governance/quarterly/list.html", context, status=status)

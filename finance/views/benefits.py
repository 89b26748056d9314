"""A draft's benefit lines, its negative-case justification and the economic picture as PDF (R35)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rsi_portal.forms import apply_service_errors
from rsi_portal.permissions import require

from .. import selectors
from ..benefit_forms import BenefitForm, JustificationForm
from ..models import BenefitLine, BusinessCaseVersion
from ..pdf import economy_pdf
from ..permissions import EDIT, VIEW
from ..selectors.benefits import version_economy
from ..services import benefits as benefit_services


def _draft_for_edit(request, pk: int) -> BusinessCaseVersion:
    version = get_object_or_404(
        BusinessCaseVersion.objects.select_related("business_case__project__pejlemaerke"), pk=pk
    )
    require(request.user, EDIT, version.business_case.project)
    return version


@require_http_methods(["GET", "POST"])
def benefit_add(request, pk: int):
    version = _draft_for_edit(request, pk)
    form = BenefitForm(request.POST or None, initial={"start_year": version.end_date.year + 1, "profile": "100"})
    if request.method == "POST" and form.is_valid():
        try:
            benefit_services.benefit_add(actor=request.user, version=version, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Gevinsten er tilføjet."))
            return redirect("finance:version_detail", pk=pk)
    status = 400 if form.errors else 200
    return render(request, "finance/benefits/benefit_form.html", {"form": form, "version": version}, status=status)


@require_POST
def benefit_delete(request, pk: int):
    benefit = get_object_or_404(BenefitLine.objects.select_related("version__business_case__project"), pk=pk)
    require(request.user, EDIT, benefit.version.business_case.project)
    try:
        benefit_services.benefit_delete(actor=request.user, benefit=benefit)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Gevinsten er fjernet."))
    return redirect("finance:version_detail", pk=benefit.version_id)


@require_http_methods(["GET", "POST"])
def justification_edit(request, pk: int):
    version = _draft_for_edit(request, pk)
    current = getattr(version, "benefit_justification", None)
    form = JustificationForm(request.POST or None, initial={"text": current.text if current else ""})
    if request.method == "POST" and form.is_valid():
        try:
            benefit_services.justification_set(actor=request.user, version=version, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Begrundelsen er gemt."))
            return redirect("finance:version_detail", pk=pk)
    status = 400 if form.errors else 200
    context = {"form": form, "version": version, "economy": version_economy(version)}
    return render(request, "finance/benefits/justification_form.html", context, status=status)


def version_economy_pdf(request, pk: int):
    get_object_or_404(BusinessCaseVersion, pk=pk)
    require(request.user, VIEW)
    version = selectors.version_with_lines(pk)
    response = HttpResponse(economy_pdf(version, version_economy(version)), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="gevinster-v{version.number}.pdf"'
    return response

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
from ..permissions import VIEW
from ..selectors.benefits import version_economy
from ..services import benefits as benefit_services
from .versions import add_to_draft, draft_for_edit, remove_from_draft


@require_http_methods(["GET", "POST"])
def benefit_add(request, pk: int):
    return add_to_draft(
        request,
        pk,
        form_class=BenefitForm,
        initial=lambda version: {"start_year": version.end_date.year + 1, "profile": "100"},
        add=benefit_services.benefit_add,
        added=_("Gevinsten er tilføjet."),
        template="finance/benefits/benefit_form.html",
    )


@require_POST
def benefit_delete(request, pk: int):
    return remove_from_draft(
        request,
        BenefitLine,
        pk,
        remove=lambda actor, benefit: benefit_services.benefit_delete(actor=actor, benefit=benefit),
        removed=_("Gevinsten er fjernet."),
    )


@require_http_methods(["GET", "POST"])
def justification_edit(request, pk: int):
    version = draft_for_edit(request, pk)
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

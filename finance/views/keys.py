"""The bloktilskudsnøgle per year and a project's agreed split (R20)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portfolio.models import Region
from rsi_portal.forms import apply_service_errors
from rsi_portal.listing import list_page
from rsi_portal.permissions import require

from .. import selectors, services
from ..exports import key_columns
from ..forms import KeyForm, SplitForm
from ..models import BusinessCase
from ..permissions import CHAIR, KEYS, VIEW, may_set_keys


def key_list(request):
    require(request.user, VIEW)
    regions = list(Region.objects.all())
    page = list_page(
        request,
        selectors.block_grant_keys(),
        columns=key_columns(regions),
        default_sort="-year",
        export_name="bloktilskudsnoegler",
    )
    if isinstance(page, HttpResponse):
        return page
    return render(
        request,
        "finance/key_list.html",
        {
            **page.context(),
            "may_set_keys": may_set_keys(request.user),
            "next_year": timezone.localdate().year + 1,
        },
    )


@require_http_methods(["GET", "POST"])
def key_edit(request, year: int):
    require(request.user, KEYS)
    key = selectors.block_grant_key(year)
    form = KeyForm(
        request.POST or None,
        initial_shares=key.shares() if key else None,
        initial={"source": key.source if key else ""},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.block_grant_key_set(
                actor=request.user, year=year, shares=form.shares(), source=form.cleaned_data.get("source", "")
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Bloktilskudsnøglen for %(year)s er gemt.") % {"year": year})
            return redirect("finance:key_list")
    return render(
        request, "finance/key_form.html", {"form": form, "year": year, "key": key}, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
def split_edit(request, project_pk: int):
    case = get_object_or_404(BusinessCase.objects.select_related("project__pejlemaerke"), project_id=project_pk)
    require(request.user, CHAIR, case.project.pejlemaerke)
    split = selectors.agreed_split_of(case)
    if request.method == "POST" and request.POST.get("remove"):
        services.agreed_split_remove(actor=request.user, business_case=case)
        messages.success(request, _("Den aftalte fordeling er fjernet; bloktilskudsnøglen bruges igen."))
        return redirect("finance:case_detail", project_pk=project_pk)
    form = SplitForm(
        request.POST or None,
        initial_shares=split.shares() if split else None,
        initial={"reason": split.reason if split else ""},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.agreed_split_set(
                actor=request.user, business_case=case, shares=form.shares(), reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Den aftalte fordeling er gemt."))
            return redirect("finance:case_detail", project_pk=project_pk)
    return render(
        request,
        "finance/split_form.html",
        {"form": form, "case": case, "project": case.project, "split": split},
        status=400 if form.errors else 200,
    )

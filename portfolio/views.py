"""Thin views of the portfolio base: parse, ask permissions, call a service, render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rsi_portal.forms import apply_service_errors
from rsi_portal.permissions import require

from . import services
from .forms import ParticipationFormSet, PejlemaerkeForm
from .models import Participation, Pejlemaerke


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


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
            apply_service_errors(form, error)
    return render(request, "portfolio/pejlemaerke_form.html", {"form": form, "p": pejlemaerke})


@require_http_methods(["GET", "POST"])
def participation_edit(request, pk: int):
    pejlemaerke = get_object_or_404(Pejlemaerke, pk=pk)
    require(request.user, "portfolio.change_participation", pejlemaerke)
    queryset = Participation.objects.filter(pejlemaerke=pejlemaerke).select_related("region")
    formset = ParticipationFormSet(request.POST or None, queryset=queryset)
    if request.method == "POST" and formset.is_valid():
        failed = False
        for form in formset.forms:
            try:
                services.participation_set(
                    actor=request.user,
                    pejlemaerke=pejlemaerke,
                    region=form.instance.region,
                    status=form.cleaned_data["status"],
                    explanation=form.cleaned_data.get("explanation", ""),
                )
            except ValidationError as error:
                apply_service_errors(form, error)  # on the region's own row
                failed = True
                break
        if not failed:
            messages.success(request, _("Deltagelsen er gemt."))
            return redirect(pejlemaerke)
    return render(request, "portfolio/participation_form.html", {"p": pejlemaerke, "formset": formset})

"""A business-case version: its page, editing a draft and its lines, the chair's decision and the diff."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rsi_portal.forms import apply_service_errors
from rsi_portal.permissions import require
from rsi_portal.redirects import redirect_next

from .. import rules, selectors, services
from ..forms import ActualForm, DecisionForm, LineForm, VersionForm, VersionPairForm
from ..models import BusinessCase, BusinessCaseVersion, ExpenseLine
from ..permissions import CHAIR, EDIT, VIEW, may_approve, may_edit
from ..rules import VersionStatus
from ..selectors.benefits import benefit_diff, version_economy

VERSION_FIELDS = ("start_date", "end_date", "scope", "buffer", "change_reason")


def _version_context(request, version: BusinessCaseVersion, **forms_in) -> dict:
    """Everything the version page shows; forms passed in keep what the user typed."""
    project = version.business_case.project
    lines = list(version.lines.all())
    leader = may_edit(request.user, project)
    return {
        "version": version,
        "frame": selectors.frame_state(version),
        "project": project,
        "lines": lines,
        "totals": selectors.version_totals(version),
        "staff_variances": selectors.staff_variances(lines),
        "editable": version.is_draft and leader,
        "may_record_actuals": version.status == VersionStatus.APPROVED and leader,
        "may_decide": version.is_draft and may_approve(request.user, project),
        "decision_form": forms_in.get("decision_form") or DecisionForm(),
        "other_versions": selectors.other_versions(version),
        "hourly_rate": rules.HOURLY_RATE,
        "economy": version_economy(version),  # R35: benefits, the economic picture and the negative-case check
    }


def version_detail(request, pk: int):
    get_object_or_404(BusinessCaseVersion, pk=pk)
    require(request.user, VIEW)
    version = selectors.version_with_lines(pk)
    return render(request, "finance/version_detail.html", _version_context(request, version))


def _approved_message(version: BusinessCaseVersion) -> str:
    state = selectors.frame_state(version)
    if state is None:
        return _("Version %(n)s er godkendt og er nu den gældende.") % {"n": version.number}
    return _(
        "Version %(n)s er godkendt af styregruppen. Den ligger over den fællesregionale ramme og er sendt "
        "videre til %(body)s; den tæller med i opkrævningen og budgetoverblikket, når %(body)s har godkendt den."
    ) % {"n": version.number, "body": state.body}


@require_POST
def version_decide(request, pk: int):
    version = get_object_or_404(
        BusinessCaseVersion.objects.select_related("business_case__project__pejlemaerke"), pk=pk
    )
    require(request.user, CHAIR, version.business_case.project.pejlemaerke)
    form = DecisionForm(request.POST)
    decision = request.POST.get("decision")
    if form.is_valid():
        note = form.cleaned_data["note"]
        try:
            if decision == "approve":
                approved = services.version_approve(actor=request.user, version=version, note=note)
                messages.success(request, _approved_message(approved))
                return redirect_next(request, "finance:version_detail", pk=pk)
            if decision == "reject":
                services.version_reject(actor=request.user, version=version, note=note)
                messages.success(request, _("Version %(n)s er afvist.") % {"n": version.number})
                return redirect_next(request, "finance:version_detail", pk=pk)
            form.add_error(None, _("Vælg godkend eller afvis."))
        except ValidationError as error:
            apply_service_errors(form, error)
    context = _version_context(request, selectors.version_with_lines(pk), decision_form=form)
    return render(request, "finance/version_detail.html", context, status=400)


def draft_for_edit(request, pk: int) -> BusinessCaseVersion:
    """The version, for a user who may edit its project's business case."""
    version = get_object_or_404(
        BusinessCaseVersion.objects.select_related("business_case__project__pejlemaerke"), pk=pk
    )
    require(request.user, EDIT, version.business_case.project)
    return version


@require_http_methods(["GET", "POST"])
def version_edit(request, pk: int):
    version = draft_for_edit(request, pk)
    form = VersionForm(request.POST or None, instance=version)
    if request.method == "POST" and form.is_valid():
        try:
            services.version_update(
                actor=request.user, version=version, **{name: form.cleaned_data[name] for name in VERSION_FIELDS}
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Versionen er gemt."))
            return redirect("finance:version_detail", pk=pk)
    status = 400 if form.errors else 200
    return render(request, "finance/version_form.html", {"form": form, "version": version}, status=status)


def add_to_draft(request, pk: int, *, form_class, initial, add, added: str, template: str):
    """A line added to a draft version through its service: back to the version, or the form again with
    the service's errors and everything typed (400)."""
    version = draft_for_edit(request, pk)
    form = form_class(request.POST or None, initial=initial(version))
    if request.method == "POST" and form.is_valid():
        try:
            add(actor=request.user, version=version, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, added)
            return redirect("finance:version_detail", pk=pk)
    status = 400 if form.errors else 200
    return render(request, template, {"form": form, "version": version}, status=status)


def remove_from_draft(request, model, pk: int, *, remove, removed: str):
    """A line of a draft version removed through its service (`remove(actor, line)`); a refusal is shown
    on the version page."""
    line = get_object_or_404(model.objects.select_related("version__business_case__project"), pk=pk)
    require(request.user, EDIT, line.version.business_case.project)
    try:
        remove(request.user, line)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, removed)
    return redirect("finance:version_detail", pk=line.version_id)


@require_http_methods(["GET", "POST"])
def line_add(request, pk: int):
    return add_to_draft(
        request,
        pk,
        form_class=LineForm,
        initial=lambda version: {"year": version.start_date.year},
        add=services.line_add,
        added=_("Udgiftslinjen er tilføjet."),
        template="finance/line_form.html",
    )


@require_POST
def line_delete(request, pk: int):
    return remove_from_draft(
        request,
        ExpenseLine,
        pk,
        remove=lambda actor, line: services.line_delete(actor=actor, line=line),
        removed=_("Udgiftslinjen er fjernet."),
    )


@require_http_methods(["GET", "POST"])
def staff_actual(request, pk: int):
    line = get_object_or_404(ExpenseLine.objects.select_related("version__business_case__project"), pk=pk)
    require(request.user, EDIT, line.version.business_case.project)
    form = ActualForm(request.POST or None, initial={"actual_hours": line.actual_hours})
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_actual_record(actor=request.user, line=line, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Det faktiske forbrug er registreret (lukket post: ingen efterregulering)."))
            return redirect("finance:version_detail", pk=line.version_id)
    return render(request, "finance/actual_form.html", {"form": form, "line": line}, status=400 if form.errors else 200)


def version_diff(request, project_pk: int):
    case = get_object_or_404(BusinessCase.objects.select_related("project"), project_id=project_pk)
    require(request.user, VIEW)
    versions = list(case.versions.order_by("-number"))
    if len(versions) < 2:
        messages.error(request, _("Der skal være mindst to versioner at sammenligne."))
        return redirect("finance:case_detail", project_pk=project_pk)
    form = VersionPairForm(request.GET, versions=versions)
    picked = form.cleaned_data if form.is_valid() else {}
    by_pk = {v.pk: v for v in versions}
    a = by_pk.get(picked.get("a")) or versions[1]
    b = by_pk.get(picked.get("b")) or versions[0]
    diff = selectors.version_diff(selectors.version_with_lines(a.pk), selectors.version_with_lines(b.pk))
    diff["benefits"] = benefit_diff(a, b)  # R35: benefit lines are diffed with the version
    return render(
        request,
        "finance/version_diff.html",
        {"case": case, "project": case.project, "versions": versions, "a": a, "b": b, "diff": diff},
    )

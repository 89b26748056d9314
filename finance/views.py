"""Thin views: permission first, then parse, call a service or selector, render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from portfolio.models import Region
from projects.models import Project
from rsi_portal.listing import Column, export_response, header_cells, sort_queryset
from rsi_portal.permissions import require

from . import exports, rules, selectors, services
from .forms import (
    ActualForm,
    BusinessCaseForm,
    ChangeRequestForm,
    DecisionForm,
    KeyForm,
    LineForm,
    NewVersionForm,
    SplitForm,
    VersionForm,
)
from .models import BlockGrantKey, BusinessCase, BusinessCaseVersion, ChangeRequest, ExpenseLine
from .permissions import CHAIR, EDIT, KEYS, VIEW, may_approve, may_edit, may_set_keys


def _errors_to_form(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _counting(case):
    approved = [v for v in case.versions.all() if v.status == rules.VersionStatus.APPROVED]
    return max(approved, key=lambda v: (v.decided_at, v.number)) if approved else None


def _draft(case):
    return next((v for v in case.versions.all() if v.status == rules.VersionStatus.DRAFT), None)


CASE_COLUMNS = [
    Column(
        "pejlemaerke", gettext_lazy("Pejlemærke"), lambda c: c.project.pejlemaerke.name, "project__pejlemaerke__name"
    ),
    Column("project", gettext_lazy("Projekt"), lambda c: c.project.name, "project__name"),
    Column("version", gettext_lazy("Gældende version"), lambda c: _counting(c).number if _counting(c) else ""),
    Column(
        "approved",
        gettext_lazy("Godkendt"),
        lambda c: timezone.localdate(_counting(c).decided_at) if _counting(c) else "",
    ),
    Column(
        "total", gettext_lazy("Samlede udgifter (kr.)"), lambda c: _counting(c).expense_total if _counting(c) else ""
    ),
    Column("buffer", gettext_lazy("Buffer (kr.)"), lambda c: _counting(c).buffer if _counting(c) else ""),
    Column("draft", gettext_lazy("Kladde"), lambda c: _("ja") if _draft(c) else _("nej")),
]


def case_list(request):
    require(request.user, VIEW)
    queryset = selectors.cases_list(q=request.GET.get("q", "").strip())
    queryset, current_sort = sort_queryset(queryset, request, CASE_COLUMNS, "pejlemaerke")
    if request.GET.get("format") in {"csv", "xlsx"}:
        return export_response(request.GET["format"], "business-cases", CASE_COLUMNS, queryset)
    query = request.GET.dict()
    rows = [{"case": c, "counting": _counting(c), "draft": _draft(c)} for c in queryset]
    return render(
        request,
        "finance/case_list.html",
        {
            "rows": rows,
            "headers": header_cells(CASE_COLUMNS, current_sort, query),
            "q": request.GET.get("q", ""),
            "export_query": "&".join(f"{k}={v}" for k, v in query.items() if k != "format" and v),
            "this_year": timezone.localdate().year,
            "without_case": list(selectors.projects_without_case(request.user)[:50]),
        },
    )


def case_detail(request, project_pk: int):
    project = get_object_or_404(Project.objects.select_related("pejlemaerke", "region"), pk=project_pk)
    require(request.user, VIEW)
    case = selectors.case_for_project(project)
    context = {
        "project": project,
        "case": case,
        "may_edit": may_edit(request.user, project),
        "may_approve": may_approve(request.user, project),
    }
    if case is not None:
        versions = list(case.versions.all())
        counting = _counting(case)
        context.update(
            versions=versions,
            counting=counting,
            draft=_draft(case),
            buffer=selectors.buffer_status(case),
            change_requests=list(case.change_requests.all()),
            split=getattr(case, "agreed_split", None) if selectors._has_split(case) else None,
            new_version_form=NewVersionForm(),
        )
    return render(request, "finance/case_detail.html", context)


@require_http_methods(["GET", "POST"])
def case_create(request, project_pk: int):
    project = get_object_or_404(Project.objects.select_related("pejlemaerke"), pk=project_pk)
    require(request.user, EDIT, project)
    form = BusinessCaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.business_case_create(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Business casen er oprettet som kladde (version 1)."))
            return redirect(version)
    return render(request, "finance/case_form.html", {"form": form, "project": project})


def version_detail(request, pk: int):
    version = get_object_or_404(BusinessCaseVersion.objects.select_related("business_case__project"), pk=pk)
    require(request.user, VIEW)
    version = selectors.version_with_lines(pk)
    project = version.business_case.project
    lines = list(version.lines.all())
    staff = [
        (line, rules.staff_variance(budget_hours=line.budget_hours, actual_hours=line.actual_hours))
        for line in lines
        if line.kind == rules.LineKind.STAFF and line.actual_hours is not None
    ]
    editable = version.is_draft and may_edit(request.user, project)
    return render(
        request,
        "finance/version_detail.html",
        {
            "version": version,
            "project": project,
            "lines": lines,
            "totals": selectors.version_totals(version),
            "staff_variances": staff,
            "editable": editable,
            "may_record_actuals": version.status == rules.VersionStatus.APPROVED and may_edit(request.user, project),
            "may_decide": version.is_draft and may_approve(request.user, project),
            "decision_form": DecisionForm(),
            "other_versions": BusinessCaseVersion.objects.filter(business_case=version.business_case)
            .exclude(pk=version.pk)
            .order_by("-number"),
        },
    )


def _draft_for_edit(request, pk: int) -> BusinessCaseVersion:
    version = get_object_or_404(
        BusinessCaseVersion.objects.select_related("business_case__project__pejlemaerke"), pk=pk
    )
    require(request.user, EDIT, version.business_case.project)
    return version


@require_http_methods(["GET", "POST"])
def version_edit(request, pk: int):
    version = _draft_for_edit(request, pk)
    form = VersionForm(request.POST or None, instance=version)
    if request.method == "POST" and form.is_valid():
        try:
            services.version_update(
                actor=request.user,
                version=BusinessCaseVersion.objects.get(pk=pk),
                **{k: form.cleaned_data[k] for k in ("start_date", "end_date", "scope", "buffer", "change_reason")},
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Versionen er gemt."))
            return redirect("finance:version_detail", pk=pk)
    status = 400 if form.errors else 200
    return render(request, "finance/version_form.html", {"form": form, "version": version}, status=status)


@require_http_methods(["GET", "POST"])
def line_add(request, pk: int):
    version = _draft_for_edit(request, pk)
    form = LineForm(request.POST or None, initial={"year": version.start_date.year})
    if request.method == "POST" and form.is_valid():
        try:
            services.line_add(actor=request.user, version=version, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Udgiftslinjen er tilføjet."))
            return redirect("finance:version_detail", pk=pk)
    status = 400 if form.errors else 200
    return render(request, "finance/line_form.html", {"form": form, "version": version}, status=status)


@require_POST
def line_delete(request, pk: int):
    line = get_object_or_404(ExpenseLine.objects.select_related("version__business_case__project"), pk=pk)
    require(request.user, EDIT, line.version.business_case.project)
    try:
        services.line_delete(actor=request.user, line=line)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Udgiftslinjen er fjernet."))
    return redirect("finance:version_detail", pk=line.version_id)


@require_POST
def version_new(request, project_pk: int):
    case = get_object_or_404(BusinessCase.objects.select_related("project"), project_id=project_pk)
    require(request.user, EDIT, case.project)
    form = NewVersionForm(request.POST)
    if form.is_valid():
        try:
            version = services.version_new(
                actor=request.user, business_case=case, change_reason=form.cleaned_data["change_reason"]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Version %(n)s er oprettet som kopi.") % {"n": version.number})
            return redirect(version)
    else:
        messages.error(request, _("Skriv hvorfor der laves en ny version (tid, økonomi eller omfang)."))
    return redirect("finance:case_detail", project_pk=project_pk)


@require_POST
def version_decide(request, pk: int):
    version = get_object_or_404(
        BusinessCaseVersion.objects.select_related("business_case__project__pejlemaerke"), pk=pk
    )
    require(request.user, CHAIR, version.business_case.project.pejlemaerke)
    form = DecisionForm(request.POST)
    form.is_valid()
    note = form.cleaned_data.get("note", "")
    try:
        if request.POST.get("decision") == "approve":
            services.version_approve(actor=request.user, version=version, note=note)
            messages.success(request, _("Version %(n)s er godkendt og er nu den gældende.") % {"n": version.number})
        elif request.POST.get("decision") == "reject":
            services.version_reject(actor=request.user, version=version, note=note)
            messages.success(request, _("Version %(n)s er afvist.") % {"n": version.number})
        else:
            messages.error(request, _("Vælg godkend eller afvis."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("finance:version_detail", pk=pk)


def version_diff(request, project_pk: int):
    case = get_object_or_404(BusinessCase.objects.select_related("project"), project_id=project_pk)
    require(request.user, VIEW)
    versions = list(case.versions.order_by("-number"))
    if len(versions) < 2:
        messages.error(request, _("Der skal være mindst to versioner at sammenligne."))
        return redirect("finance:case_detail", project_pk=project_pk)
    by_pk = {str(v.pk): v for v in versions}
    a = by_pk.get(request.GET.get("a")) or versions[1]
    b = by_pk.get(request.GET.get("b")) or versions[0]
    diff = selectors.version_diff(selectors.version_with_lines(a.pk), selectors.version_with_lines(b.pk))
    return render(
        request,
        "finance/version_diff.html",
        {"case": case, "project": case.project, "versions": versions, "a": a, "b": b, "diff": diff},
    )


@require_http_methods(["GET", "POST"])
def change_request_create(request, project_pk: int):
    case = get_object_or_404(BusinessCase.objects.select_related("project"), project_id=project_pk)
    require(request.user, EDIT, case.project)
    form = ChangeRequestForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            services.change_request_file(actor=request.user, business_case=case, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Ændringsanmodningen er sendt til styregruppens formand."))
            return redirect("finance:case_detail", project_pk=project_pk)
    return render(
        request,
        "finance/change_request_form.html",
        {"form": form, "case": case, "project": case.project, "buffer": selectors.buffer_status(case)},
        status=400 if form.errors else 200,
    )


@require_POST
def change_request_decide(request, pk: int):
    change_request = get_object_or_404(
        ChangeRequest.objects.select_related("business_case__project__pejlemaerke"), pk=pk
    )
    project = change_request.business_case.project
    require(request.user, CHAIR, project.pejlemaerke)
    approve = request.POST.get("decision") == "approve"
    try:
        services.change_request_decide(
            actor=request.user, change_request=change_request, approve=approve, note=request.POST.get("note", "")
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Ændringsanmodningen er godkendt.") if approve else _("Ændringsanmodningen er afvist.")
        )
    return redirect("finance:case_detail", project_pk=project.pk)


@require_http_methods(["GET", "POST"])
def staff_actual(request, pk: int):
    line = get_object_or_404(ExpenseLine.objects.select_related("version__business_case__project"), pk=pk)
    require(request.user, EDIT, line.version.business_case.project)
    form = ActualForm(request.POST or None, initial={"actual_hours": line.actual_hours})
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_actual_record(actor=request.user, line=line, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Det faktiske forbrug er registreret (lukket post: ingen efterregulering)."))
            return redirect("finance:version_detail", pk=line.version_id)
    return render(request, "finance/actual_form.html", {"form": form, "line": line}, status=400 if form.errors else 200)


def key_list(request):
    require(request.user, VIEW)
    return render(
        request,
        "finance/key_list.html",
        {
            "keys": list(selectors.block_grant_keys()),
            "regions": list(Region.objects.all()),
            "may_set_keys": may_set_keys(request.user),
            "next_year": timezone.localdate().year + 1,
        },
    )


@require_http_methods(["GET", "POST"])
def key_edit(request, year: int):
    require(request.user, KEYS)
    key = BlockGrantKey.objects.filter(year=year).first()
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
            _errors_to_form(form, error)
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
    split = getattr(case, "agreed_split", None) if selectors._has_split(case) else None
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
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Den aftalte fordeling er gemt."))
            return redirect("finance:case_detail", project_pk=project_pk)
    return render(
        request,
        "finance/split_form.html",
        {"form": form, "case": case, "project": case.project, "split": split},
        status=400 if form.errors else 200,
    )


def collection_list(request, year: int):
    require(request.user, VIEW)
    collections = selectors.collections_for_year(year)
    if request.GET.get("format") == "xlsx":
        return exports.collections_xlsx(year, collections)
    return render(
        request,
        "finance/collection_list.html",
        {
            "year": year,
            "collections": collections,
            "deadline": rules.collection_deadline(year),
            "years": selectors.collection_years(),
            "total": sum((c.amount for c in collections), selectors.ZERO),
        },
    )


def collection_letter(request, year: int, project_pk: int, region_code: str):
    project = get_object_or_404(Project, pk=project_pk)
    require(request.user, VIEW)
    collection = next(
        (c for c in selectors.collections_for_year(year, project=project) if c.paying_region.code == region_code),
        None,
    )
    if collection is None:
        raise Http404(_("Ingen opkrævning for denne region og dette år."))
    from .pdf import collection_letter_pdf

    response = HttpResponse(collection_letter_pdf(collection), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="opkraevning-{year}-{project.pk}-{region_code}.pdf"'
    return response


def budget_overview(request, year: int | None = None):
    require(request.user, VIEW)
    today = timezone.localdate()
    year = year or rules.budget_overview_year(today)
    rows = selectors.budget_overview(year, today=today)
    if request.GET.get("format") == "xlsx":
        return exports.budget_overview_xlsx(year, rows)
    regions = list(Region.objects.all())
    totals = {
        "joint": sum((r.joint for r in rows), selectors.ZERO),
        "regional": sum((r.regional for r in rows), selectors.ZERO),
        "total": sum((r.total for r in rows), selectors.ZERO),
        "by_region": {reg.code: sum((r.by_region[reg.code] for r in rows), selectors.ZERO) for reg in regions},
        "joint_by_region": {
            reg.code: sum((r.joint_by_region[reg.code] for r in rows), selectors.ZERO) for reg in regions
        },
    }
    return render(
        request,
        "finance/budget_overview.html",
        {
            "year": year,
            "rows": rows,
            "regions": regions,
            "totals": totals,
            "today": today,
            "flagged": [r for r in rows if r.flagged],
            "since": today.replace(month=1, day=1),
        },
    )

"""Thin governance views: ask permission first, parse, call a service or selector, render."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from portfolio.models import Pejlemaerke
from rsi_portal.listing import Column, export_response, header_cells, sort_queryset
from rsi_portal.permissions import can, require

from . import selectors, services
from .forms import (
    AgendaItemForm,
    AttachmentForm,
    DecisionForm,
    JointSystemForm,
    MatterForm,
    MeetingFilterForm,
    MeetingForm,
    MinutesForm,
    PlanForm,
    SentForm,
)
from .models import AgendaItem, AgendaPack, Attachment, JointSystem, Matter, Meeting, OperatingBudget, PackStatus


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


# ---------------------------------------------------------------- meetings

MEETING_COLUMNS = [
    Column("day", gettext_lazy("Dato"), lambda m: m.day, "day"),
    Column("body", gettext_lazy("Forum"), lambda m: m.body.name, "body__name"),
    Column("format", gettext_lazy("Mødeform"), lambda m: m.get_format_display(), "format"),
    Column("location", gettext_lazy("Sted"), lambda m: m.location, "location"),
    Column("items", gettext_lazy("Punkter"), lambda m: m.item_count, "item_count"),
    Column("suggestion", gettext_lazy("Forslag"), lambda m: _("ja") if m.is_suggestion else "", "is_suggestion"),
]


def meeting_list(request):
    require(request.user, "governance.view_meeting")
    form = MeetingFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    queryset = selectors.meeting_list(body=filters.get("body"), year=filters.get("year"))
    if not filters.get("past") and not filters.get("year"):
        queryset = queryset.filter(day__gte=date.today())
    member_bodies = selectors.member_body_ids(request.user)
    if filters.get("mine") and member_bodies is not None:
        queryset = queryset.filter(body_id__in=member_bodies)
    queryset, current_sort = sort_queryset(queryset, request, MEETING_COLUMNS, "day")
    export = request.GET.get("format")
    if export in {"csv", "xlsx"}:
        return export_response(export, "moeder", MEETING_COLUMNS, queryset)
    rows = list(queryset)
    query = request.GET.dict()
    return render(
        request,
        "governance/meeting_list.html",
        {
            "form": form,
            "rows": rows,
            "member_bodies": member_bodies,
            "headers": header_cells(MEETING_COLUMNS, current_sort, query),
            "export_query": "&".join(f"{k}={v}" for k, v in query.items() if k != "format" and v),
            "is_filtered": any(filters.values()),
            "plan_form": PlanForm(initial={"year": date.today().year + 1})
            if can(request.user, "governance.add_meeting")
            else None,
        },
    )


def meeting_detail(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("body", "minutes_approved_at"), pk=pk)
    require(request.user, "governance.view_meeting", meeting)
    members_view = selectors.is_member(request.user, meeting.body)
    may_edit = can(request.user, "governance.change_meeting", meeting)
    return render(
        request,
        "governance/meeting_detail.html",
        {
            "meeting": meeting,
            "items": selectors.visible_items(meeting, members_view=members_view),
            "members_view": members_view,
            "may_edit": may_edit,
            "timeliness": selectors.meeting_timeliness(meeting),
            "decisions": selectors.meeting_decisions(meeting) if members_view else [],
            "yellow_offers": selectors.yellow_offers(meeting) if may_edit else [],
            "sent_form": SentForm() if may_edit else None,
            "previous": selectors.previous_meeting(meeting),
            "next": selectors.next_meeting(meeting),
        },
    )


@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk: int | None = None):
    meeting = get_object_or_404(Meeting, pk=pk) if pk else None
    require(request.user, "governance.change_meeting" if meeting else "governance.add_meeting", meeting)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_save(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Mødet er gemt."))
            return redirect(meeting)
    return render(request, "governance/meeting_form.html", {"form": form, "meeting": meeting})


@require_POST
def meeting_plan(request):
    require(request.user, "governance.add_meeting")
    form = PlanForm(request.POST)
    if form.is_valid():
        created = services.meeting_plan_generate(actor=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("%(n)s møder er foreslået for %(year)s. Ret dato, form og sted på hvert møde.")
            % {"n": len(created), "year": form.cleaned_data["year"]},
        )
        return redirect(
            reverse("governance:meeting_list")
            + f"?body={form.cleaned_data['body'].pk}&year={form.cleaned_data['year']}"
        )
    messages.error(request, _("Vælg et forum og et år."))
    return redirect("governance:meeting_list")


@require_POST
def agenda_draft(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    require(request.user, "governance.add_agendaitem", meeting)
    created = services.agenda_draft(actor=request.user, meeting=meeting)
    messages.success(request, _("Dagsordenen er udarbejdet: %(n)s punkter er tilføjet.") % {"n": len(created)})
    return redirect(meeting)


@require_POST
def agenda_add_pejlemaerke(request, pk: int, pejlemaerke_pk: int):
    """R11: one click adds a persistent-yellow pejlemærke to the agenda."""
    meeting = get_object_or_404(Meeting, pk=pk)
    require(request.user, "governance.add_agendaitem", meeting)
    pejlemaerke = get_object_or_404(Pejlemaerke, pk=pejlemaerke_pk)
    offer = selectors.YellowOffer(pejlemaerke)
    item = services.agenda_item_add_for_pejlemaerke(actor=request.user, meeting=meeting, candidate=offer)
    if item:
        messages.success(
            request, _("%(name)s er sat på dagsordenen som punkt %(n)s.") % {"name": pejlemaerke.name, "n": item.number}
        )
    return redirect(meeting)


@require_POST
def meeting_sent(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    require(request.user, "governance.change_meeting", meeting)
    form = SentForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_mark_sent(actor=request.user, meeting=meeting, **form.cleaned_data)
            messages.success(request, _("Udsendelsen er registreret."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Vælg hvad der er udsendt og datoen."))
    return redirect(meeting)


@require_http_methods(["GET", "POST"])
def meeting_minutes(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    require(request.user, "governance.change_meeting", meeting)
    form = MinutesForm(request.POST or None, initial={"minutes": meeting.minutes})
    if request.method == "POST":
        if "approve_at" in request.POST:
            at = get_object_or_404(Meeting, pk=request.POST["approve_at"])
            try:
                services.minutes_approve(actor=request.user, meeting=meeting, at=at)
                messages.success(request, _("Referatet er registreret som godkendt."))
                return redirect(meeting)
            except ValidationError as error:
                form.add_error(None, error.messages)
        elif form.is_valid():
            try:
                services.minutes_write(actor=request.user, meeting=meeting, minutes=form.cleaned_data["minutes"])
                messages.success(request, _("Referatet er gemt."))
                return redirect(meeting)
            except ValidationError as error:
                _apply_errors(form, error)
    return render(
        request,
        "governance/minutes_form.html",
        {"form": form, "meeting": meeting, "next": selectors.next_meeting(meeting)},
    )


# ---------------------------------------------------------------- agenda items


def _item_for(request, pk: int) -> AgendaItem:
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__body", "presenter", "matter"), pk=pk)
    require(request.user, "governance.view_agendaitem", item)
    if not selectors.item_visible_in_full(request.user, item):
        raise PermissionDenied
    return item


def item_detail(request, pk: int):
    item = _item_for(request, pk)
    may_edit = can(request.user, "governance.change_agendaitem", item)
    from .rules import economy_text, indstilling_lines

    return render(
        request,
        "governance/item_detail.html",
        {
            "item": item,
            "meeting": item.meeting,
            "clauses": indstilling_lines(item.indstilling),
            "economy": economy_text(item.oekonomi),
            "attachments": list(item.attachments.all()),
            "may_edit": may_edit,
            "attachment_form": AttachmentForm() if may_edit else None,
        },
    )


@require_http_methods(["GET", "POST"])
def item_edit(request, meeting_pk: int | None = None, pk: int | None = None):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk) if pk else None
    meeting = item.meeting if item else get_object_or_404(Meeting, pk=meeting_pk)
    require(request.user, "governance.change_agendaitem" if item else "governance.add_agendaitem", item)
    form = AgendaItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.agenda_item_save(actor=request.user, meeting=meeting, item=item, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Punktet er gemt."))
            return redirect("governance:item_detail", pk=item.pk)
    return render(request, "governance/item_form.html", {"form": form, "item": item, "meeting": meeting})


@require_POST
def item_move(request, pk: int):
    item = get_object_or_404(AgendaItem, pk=pk)
    require(request.user, "governance.change_agendaitem", item)
    services.agenda_item_move(actor=request.user, item=item, direction=request.POST.get("direction", "down"))
    return redirect(f"{item.meeting.get_absolute_url()}#punkt-{item.pk}")


@require_POST
def attachment_upload(request, pk: int):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    require(request.user, "governance.change_agendaitem", item)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment = services.attachment_add(
                actor=request.user, item=item, title=form.cleaned_data["title"], upload=form.cleaned_data["upload"]
            )
            messages.success(request, _("Bilag %(n)s er tilføjet.") % {"n": f"{item.number}.{attachment.number}"})
            return redirect("governance:item_detail", pk=item.pk)
        except ValidationError as error:
            _apply_errors(form, error)
    from .rules import economy_text, indstilling_lines

    return render(
        request,
        "governance/item_detail.html",
        {
            "item": item,
            "meeting": item.meeting,
            "clauses": indstilling_lines(item.indstilling),
            "economy": economy_text(item.oekonomi),
            "attachments": list(item.attachments.all()),
            "may_edit": True,
            "attachment_form": form,
        },
        status=400,
    )


def attachment_download(request, pk: int):
    attachment = get_object_or_404(Attachment.objects.select_related("item__meeting__body"), pk=pk)
    require(request.user, "governance.view_agendaitem", attachment.item)
    if not selectors.item_visible_in_full(request.user, attachment.item):
        raise PermissionDenied
    return FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.file.name.rsplit("/", 1)[-1]
    )


@require_http_methods(["GET", "POST"])
def item_decide(request, pk: int):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__body", "matter", "pejlemaerke"), pk=pk)
    require(request.user, "governance.change_agendaitem", item)
    form = DecisionForm(request.POST or None, initial={"decided_on": item.meeting.day})
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_decide(actor=request.user, item=item, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Beslutningen er registreret."))
            return redirect("governance:item_detail", pk=item.pk)
    return render(request, "governance/decision_form.html", {"form": form, "item": item, "meeting": item.meeting})


# ---------------------------------------------------------------- agenda packs (R30)


@require_POST
def pack_request(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    require(request.user, "governance.view_meeting", meeting)
    pack = services.agenda_pack_request(
        actor=request.user, meeting=meeting, members_view=selectors.is_member(request.user, meeting.body)
    )
    return redirect("governance:pack_detail", pk=pack.pk)  # progress, then the download link


def _pack_for(request, pk: int) -> AgendaPack:
    pack = get_object_or_404(AgendaPack.objects.select_related("meeting__body"), pk=pk)
    require(request.user, "governance.view_meeting", pack.meeting)
    if pack.audience == "members" and not selectors.is_member(request.user, pack.meeting.body):
        raise PermissionDenied
    return pack


def pack_detail(request, pk: int):
    pack = _pack_for(request, pk)
    template = "governance/_pack_status.html" if request.headers.get("HX-Request") else "governance/pack_detail.html"
    return render(request, template, {"pack": pack, "meeting": pack.meeting})


def pack_download(request, pk: int):
    pack = _pack_for(request, pk)
    if pack.status != PackStatus.DONE or not pack.file:
        raise Http404
    filename = f"dagsorden-{pack.meeting.body.kind.lower()}-{pack.meeting.day:%Y-%m-%d}.pdf"
    return FileResponse(pack.file.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf")


# ---------------------------------------------------------------- matters (R24–R26)

MATTER_COLUMNS = [
    Column("created_at", gettext_lazy("Oprettet"), lambda m: m.created_at, "created_at"),
    Column("title", gettext_lazy("Titel"), lambda m: m.title, "title"),
    Column("kind", gettext_lazy("Type"), lambda m: m.get_kind_display(), "kind"),
    Column("amount", gettext_lazy("Beløb (kr.)"), lambda m: m.amount, "amount"),
    Column("route", gettext_lazy("Besluttes af"), lambda m: m.get_route_body_display(), "route_body"),
    Column("status", gettext_lazy("Status"), lambda m: m.get_status_display(), "status"),
]


def matter_list(request):
    require(request.user, "governance.view_matter")
    body = request.GET.get("route") or None
    queryset, current_sort = sort_queryset(selectors.matter_list(body=body), request, MATTER_COLUMNS, "-created_at")
    export = request.GET.get("format")
    if export in {"csv", "xlsx"}:
        return export_response(export, "indstillinger", MATTER_COLUMNS, queryset)
    query = request.GET.dict()
    return render(
        request,
        "governance/matter_list.html",
        {
            "rows": list(queryset),
            "headers": header_cells(MATTER_COLUMNS, current_sort, query),
            "route": body or "",
            "export_query": "&".join(f"{k}={v}" for k, v in query.items() if k != "format" and v),
        },
    )


def _route_preview(form):
    data = form.cleaned_data
    return services.matter_route(
        kind=data["kind"],
        amount=data["amount"],
        year=data["year"],
        joint_system=data.get("joint_system"),
        escalated_from=data.get("escalated_from") or "",
    )


@require_http_methods(["GET", "POST"])
def matter_create(request):
    """The form shows the route and its reason before saving (htmx preview; the "Vis rute" button without JS)."""
    require(request.user, "governance.add_matter")
    form = MatterForm(request.POST or None)
    route = None
    if request.method == "POST" and form.is_valid():
        route = _route_preview(form)
        if request.headers.get("HX-Request"):
            return render(request, "governance/_route_preview.html", {"route": route})
        if "save" in request.POST:
            try:
                matter = services.matter_create(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Indstillingen er oprettet og sendt til %(body)s.") % {"body": matter.get_route_body_display()},
                )
                return redirect(matter)
    elif request.method == "POST" and request.headers.get("HX-Request"):
        return render(request, "governance/_route_preview.html", {"route": None, "incomplete": True})
    return render(request, "governance/matter_form.html", {"form": form, "route": route})


@require_http_methods(["GET", "POST"])
def matter_detail(request, pk: int):
    matter = get_object_or_404(
        Matter.objects.select_related("pejlemaerke", "project", "joint_system", "created_by"), pk=pk
    )
    require(request.user, "governance.view_matter", matter)
    may_decide = can(request.user, "governance.add_decision")
    form = DecisionForm(request.POST or None) if may_decide else None
    if request.method == "POST":
        require(request.user, "governance.add_decision")
        if form.is_valid():
            from portfolio.models import Body

            services.decision_record(
                actor=request.user, subject=matter, body=Body.objects.get(kind=matter.route_body), **form.cleaned_data
            )
            messages.success(request, _("Beslutningen er registreret."))
            return redirect(matter)
    return render(
        request,
        "governance/matter_detail.html",
        {"matter": matter, "decisions": selectors.decisions_for(matter), "form": form},
    )


# ---------------------------------------------------------------- joint running systems (R33)


def joint_system_list(request):
    require(request.user, "governance.view_jointsystem")
    year = (
        int(request.GET.get("year") or date.today().year)
        if (request.GET.get("year") or "").isdigit()
        else (date.today().year)
    )
    rows = list(selectors.joint_system_list(year))
    for row in rows:
        row.left = row.budget - row.committed if row.budget is not None else None
    return render(
        request,
        "governance/joint_system_list.html",
        {"rows": rows, "year": year, "may_edit": can(request.user, "governance.add_jointsystem")},
    )


@require_http_methods(["GET", "POST"])
def joint_system_edit(request, pk: int | None = None):
    system = get_object_or_404(JointSystem, pk=pk) if pk else None
    require(request.user, "governance.change_jointsystem" if system else "governance.add_jointsystem", system)
    year = date.today().year
    budget = OperatingBudget.objects.filter(system=system, year=year).first() if system else None
    form = JointSystemForm(
        request.POST or None,
        instance=system,
        initial={"year": year, "operating_budget": budget.amount if budget else None},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        year, amount = data.pop("year"), data.pop("operating_budget")
        try:
            system = services.joint_system_save(actor=request.user, system=system, **data)
            if amount is not None:
                services.operating_budget_set(actor=request.user, system=system, year=year, amount=amount)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Systemet er gemt."))
            return redirect("governance:joint_system_list")
    return render(request, "governance/joint_system_form.html", {"form": form, "system": system})

"""Agenda items in the R29 format, their Bilag and decisions, and the agenda packs (R30)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rsi_portal import outbox
from rsi_portal.forms import apply_service_errors
from rsi_portal.permissions import can, require

from .. import selectors, services
from ..forms import AgendaItemForm, AttachmentForm, DecisionForm, ItemMoveForm
from ..models import AgendaItem, AgendaPack, Attachment, Meeting, PackStatus
from ..pdf import current_pack_hash
from ..rules import economy_text, indstilling_lines


def _item_for(request, pk: int) -> AgendaItem:
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__body", "presenter", "matter"), pk=pk)
    require(request.user, "governance.view_agendaitem", item)
    if not selectors.item_visible_in_full(request.user, item):
        raise PermissionDenied
    return item


def _item_context(request, item: AgendaItem, *, attachment_form=None) -> dict:
    """Everything the item page shows; a form passed in keeps what the user typed."""
    may_edit = can(request.user, "governance.change_agendaitem", item)
    return {
        "item": item,
        "meeting": item.meeting,
        "clauses": indstilling_lines(item.indstilling),
        "economy": economy_text(item.oekonomi),
        "attachments": list(item.attachments.all()),
        "may_edit": may_edit,
        "attachment_form": attachment_form or (AttachmentForm() if may_edit else None),
    }


def item_detail(request, pk: int):
    item = _item_for(request, pk)
    return render(request, "governance/item_detail.html", _item_context(request, item))


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
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Punktet er gemt."))
            return redirect("governance:item_detail", pk=item.pk)
    return render(request, "governance/item_form.html", {"form": form, "item": item, "meeting": meeting})


@require_POST
def item_move(request, pk: int):
    item = get_object_or_404(AgendaItem, pk=pk)
    require(request.user, "governance.change_agendaitem", item)
    form = ItemMoveForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()
    services.agenda_item_move(actor=request.user, item=item, direction=form.cleaned_data["direction"] or "down")
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
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Bilag %(n)s er tilføjet.") % {"n": f"{item.number}.{attachment.number}"})
            return redirect("governance:item_detail", pk=item.pk)
    context = _item_context(request, item, attachment_form=form)
    return render(request, "governance/item_detail.html", context, status=400)


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
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Beslutningen er registreret."))
            return redirect("governance:item_detail", pk=item.pk)
    return render(request, "governance/decision_form.html", {"form": form, "item": item, "meeting": item.meeting})


@require_POST
def pack_request(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    require(request.user, "governance.view_meeting", meeting)
    pack = services.agenda_pack_request(
        actor=request.user, meeting=meeting, members_view=selectors.is_member(request.user, meeting.body)
    )
    if services.agenda_pack_queue_state(pack)["waiting"]:
        messages.warning(request, outbox.WAITING_MESSAGE)
    return redirect(pack)  # progress, then the download link


def _pack_for(request, token) -> AgendaPack:
    pack = get_object_or_404(AgendaPack.objects.select_related("meeting__body"), uuid=token)
    require(request.user, "governance.view_meeting", pack.meeting)
    if pack.audience == "members" and not selectors.is_member(request.user, pack.meeting.body):
        raise PermissionDenied
    return pack


def pack_detail(request, token):
    pack = _pack_for(request, token)
    stale = pack.status == PackStatus.DONE and current_pack_hash(pack) != pack.content_hash
    template = "governance/_pack_status.html" if request.headers.get("HX-Request") else "governance/pack_detail.html"
    context = {"pack": pack, "meeting": pack.meeting, "stale": stale, **services.agenda_pack_queue_state(pack)}
    return render(request, template, context)


def pack_download(request, token):
    """A pack is served only while it shows what its readers may see now (R29); else the current one, or 404."""
    pack = _pack_for(request, token)
    if pack.status != PackStatus.DONE or not pack.file:
        raise Http404
    current_hash = current_pack_hash(pack)
    if current_hash != pack.content_hash:
        current = AgendaPack.objects.filter(content_hash=current_hash, status=PackStatus.DONE).first()
        if current is None:
            raise Http404(_("Dagsordenen er ændret, siden pakken blev dannet. Hent en ny pakke fra mødets side."))
        return redirect("governance:pack_download", token=current.uuid)
    filename = f"dagsorden-{pack.meeting.body.kind.lower()}-{pack.meeting.day:%Y-%m-%d}.pdf"
    return FileResponse(pack.file.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf")

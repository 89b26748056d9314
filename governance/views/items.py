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

from .. import publishing, selectors, services
from ..forms import AgendaItemForm, AttachmentForm, DecisionForm, ItemMoveForm
from ..models import AgendaItem, AgendaPack, Attachment, Meeting, PackKind, PackStatus
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
    form = AgendaItemForm(request.POST or None, instance=item, meeting=meeting)
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
    try:
        pack = services.agenda_pack_request(
            actor=request.user, meeting=meeting, members_view=selectors.is_member(request.user, meeting.body)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(meeting)
    if services.agenda_pack_queue_state(pack)["waiting"]:
        messages.warning(request, outbox.WAITING_MESSAGE)
    return redirect(pack)  # progress, then the download link


def pack_current(request, pk: int):
    """The reader's current published pack of a meeting (the calendar links here): the members' or the others'."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    require(request.user, "governance.view_meeting", meeting)
    version = publishing.current_version(meeting)
    if version is None:
        raise Http404(_("Dagsordenen er ikke udsendt endnu."))
    return redirect(version.pack_for(members_view=selectors.is_member(request.user, meeting.body)))


def _pack_for(request, token) -> tuple[AgendaPack, object]:
    """The pack and its published version (None for a draft); a draft only for the secretariat (R30)."""
    pack = get_object_or_404(AgendaPack.objects.select_related("meeting__body"), uuid=token)
    require(request.user, "governance.view_meeting", pack.meeting)
    if pack.audience == "members" and not selectors.is_member(request.user, pack.meeting.body):
        raise PermissionDenied
    version = publishing.version_of_pack(pack)
    if version is None and not can(request.user, "governance.change_meeting", pack.meeting):
        raise Http404
    return pack, version


def _withheld(pack, version) -> bool:
    """R29: a kept others' version that showed an item since made Lukket or Fortrolig is not served."""
    return version is not None and not publishing.still_shareable(version, members_view=pack.audience == "members")


def pack_detail(request, token):
    pack, version = _pack_for(request, token)
    stale = pack.status == PackStatus.DONE and (
        _withheld(pack, version) if version is not None else current_pack_hash(pack) != pack.content_hash
    )
    template = "governance/_pack_status.html" if request.headers.get("HX-Request") else "governance/pack_detail.html"
    context = {
        "pack": pack,
        "meeting": pack.meeting,
        "stale": stale,
        "version": version,
        **services.agenda_pack_queue_state(pack),
    }
    return render(request, template, context)


def pack_download(request, token):
    """A pack is served only while it shows what its readers may see now (R29); else the current one, or 404."""
    pack, version = _pack_for(request, token)
    if pack.status != PackStatus.DONE or not pack.file:
        raise Http404
    if _withheld(pack, version):  # the current version instead, when it may be served
        current = publishing.current_version(pack.meeting, pack.kind)
        newer = current.pack_for(members_view=pack.audience == "members") if current else None
        if newer is None or newer.pk == pack.pk or newer.status != PackStatus.DONE or _withheld(newer, current):
            raise Http404(_("Et punkt i denne udgave er siden gjort lukket. Hent den aktuelle udgave fra mødets side."))
        return redirect("governance:pack_download", token=newer.uuid)
    if version is not None:  # a published version is kept as it was
        services.pack_download_record(user=request.user, version=version)
        prefix = "beslutningsprotokol" if pack.kind == PackKind.DECISION_LOG else "dagsorden"
        filename = f"{prefix}-{pack.meeting.body.kind.lower()}-{pack.meeting.day:%Y-%m-%d}-v{version.number}.pdf"
        return FileResponse(pack.file.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf")
    current_hash = current_pack_hash(pack)
    if current_hash != pack.content_hash:
        current = AgendaPack.objects.filter(content_hash=current_hash, status=PackStatus.DONE).first()
        if current is None:
            raise Http404(_("Dagsordenen er ændret, siden pakken blev dannet. Hent en ny pakke fra mødets side."))
        return redirect("governance:pack_download", token=current.uuid)
    filename = f"dagsorden-{pack.meeting.body.kind.lower()}-{pack.meeting.day:%Y-%m-%d}.pdf"
    return FileResponse(pack.file.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf")

"""R30 agenda pack: WeasyPrint renders the pack; pypdf lays the attachments' pages under reserved pages.

Each PDF attachment (and each Office attachment, converted by LibreOffice in the worker, see
governance.office) gets one reserved page per attachment page right after its item, so the agenda's page
numbers, "Side X af Y" and the bookmarks already count them. A reserved page is a WeasyPrint page with
the pack's running header, "Side X af Y" and a "Bilag x.y – title" stamp in its margins and nothing in
between: the attachment page is laid under it with pypdf as a Form XObject (wrapped, not parsed), scaled
into the space between the stamps, so
the stamp is the overlay and every page number is WeasyPrint's own.
"""

import hashlib
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, StreamObject

from rsi_portal.pdf import render_pdf

from . import office, publishing, rules, selectors
from .models import Audience, Meeting

PACK_VERSION = "6"  # bump when the templates change so new packs are rendered
A4 = (595.28, 841.89)  # points
PDF_VARIANT = "pdf/ua-1"  # as far as WeasyPrint allows: tagged, XMP metadata, DisplayDocTitle, bookmarks
STAMP_MARGIN = 42.0  # points kept free above and below an attachment page for the header and the stamp


@dataclass
class PackAttachment:
    number: str
    title: str
    is_pdf: bool
    pages: int
    attachment: object
    readable: bool = True  # False: a PDF pypdf cannot read; listed, not appended
    office: bool = False  # .docx/.xlsx/.pptx: converted to PDF at render time
    data: bytes | None = None  # the converted PDF of an Office attachment
    error: str = ""  # why an Office attachment could not be converted
    url: str = ""  # the attachment in the portal (for one that is not appended)

    @property
    def appended(self) -> bool:
        return bool(self.pages) and self.readable and (self.is_pdf or self.data is not None)

    @property
    def extra_pages(self) -> range:
        return range(max(self.pages - 1, 0))


# The contexts this process hashed last, by content hash: a render of that pack (eager, or in the
# same worker) takes its context from here instead of building it a second time.
_PREPARED: OrderedDict[str, dict] = OrderedDict()
_PREPARED_KEPT = 4
_PREPARED_LOCK = threading.Lock()


def pack_context(meeting: Meeting, *, members_view: bool, publication: dict | None = None) -> dict:
    """Everything the pack shows, already filtered for the reader (Lukket/Fortrolig, R29).

    publication: the published version's number and changes (publishing.version_publication); None for
    the secretariat's draft, which is compared with the latest published version.
    """
    base_url = settings.PORTAL_BASE_URL.rstrip("/")
    items = []
    for visible in selectors.visible_items(meeting, members_view=members_view):
        item = visible.item
        attachments = []
        if visible.full:
            for attachment in item.attachments.all():
                pages = attachment.pages if attachment.is_pdf else 0  # counted at upload; empty: unreadable
                attachments.append(
                    PackAttachment(
                        number=f"{item.number}.{attachment.number}",
                        title=attachment.title,
                        is_pdf=attachment.is_pdf,
                        pages=pages or 0,
                        attachment=attachment,
                        readable=not attachment.is_pdf or bool(pages),
                        office=office.is_office(attachment.file.name),
                        url=base_url + reverse("governance:attachment_download", args=[attachment.pk]),
                    )
                )
        items.append(
            {
                "number": item.number,
                "full": visible.full,
                "item": item,
                "clauses": rules.indstilling_lines(item.indstilling) if visible.full else [],
                "economy": rules.economy_text(item.oekonomi) if visible.full else "",
                "attachments": attachments,
                "access_label": item.get_access_display(),
            }
        )
    month = selectors.report_month(meeting.day)
    appendix = selectors.portfolio_appendix(month)
    if publication is None:
        publication = publishing.draft_publication(meeting, items, members_view=members_view)
    since_last = publishing.since_last_meeting(meeting, appendix, members_view=members_view)
    previous_minutes_url = ""
    if since_last is not None:
        previous_minutes_url = base_url + reverse("governance:minutes_pdf", args=[since_last["previous"].pk])
    return {
        "meeting": meeting,
        "body": meeting.body,
        "members_view": members_view,
        "items": items,
        "appendix": appendix,
        "appendix_month": month,
        "since_last": since_last,
        "previous_minutes_url": previous_minutes_url,
        "publication": publication,
        "generated_at": timezone.now(),
    }


def _appendix_key(status) -> list:
    return [
        status.pejlemaerke.pk,
        status.colour,
        status.why,
        [[region.code, colour, participating] for region, colour, participating in status.region_colours],
        [flag.label for flag in status.sanity_flags],  # R38: the numbers' flag is part of what the pack shows
    ]


def pack_content_hash(meeting: Meeting, *, members_view: bool, publication: dict | None = None) -> str:
    """A hash of everything that decides the pack's content: the same agenda is never rendered twice."""
    context = pack_context(meeting, members_view=members_view, publication=publication)
    data = {
        "version": PACK_VERSION,
        "meeting": [
            meeting.pk,
            meeting.body.name,
            str(meeting.day),
            str(meeting.start_time),
            meeting.format,
            meeting.location,
        ],
        "members_view": members_view,
        "items": [
            [
                entry["number"],
                entry["full"],
                *(
                    [
                        getattr(entry["item"], name) if name != "presenter" else str(entry["item"].presenter or "")
                        for name in (
                            "title",
                            "access",
                            "case_handler",
                            "case_number",
                            "resume",
                            "indstilling",
                            "sagsfremstilling",
                            "oekonomi",
                            "sekretariatets_bemaerkninger",
                            "kommunikation",
                            "beslutning",
                            "presenter",
                        )
                    ]
                    if entry["full"]
                    else []
                ),
                [[a.number, a.title, a.attachment.sha256] for a in entry["attachments"]],
            ]
            for entry in context["items"]
        ],
        "appendix": [_appendix_key(s) for s in context["appendix"]],
        "since_last": publishing.since_last_key(context["since_last"]),
        "publication": context["publication"],
    }
    digest = hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()
    _keep_prepared(digest, context)
    return digest


def current_pack_hash(pack) -> str:
    """R29/R30: the content hash of what the pack's readers may see now; a stored draft pack whose hash
    differs is stale and is not served (a published version is kept as it was, see publishing)."""
    return pack_content_hash(pack.meeting, members_view=pack.audience == Audience.MEMBERS)


def publication_for(pack) -> dict | None:
    """The publication a pack was rendered for (its version), or None for a draft pack."""
    version = publishing.version_of_pack(pack)
    if version is None:
        return None
    return publishing.version_publication(version, members_view=pack.audience == Audience.MEMBERS)


def _keep_prepared(content_hash: str, context: dict) -> None:
    with _PREPARED_LOCK:
        _PREPARED[content_hash] = context
        _PREPARED.move_to_end(content_hash)
        while len(_PREPARED) > _PREPARED_KEPT:
            _PREPARED.popitem(last=False)


def _prepared(content_hash: str | None) -> dict | None:
    with _PREPARED_LOCK:
        return _PREPARED.pop(content_hash, None) if content_hash else None


def convert_office_attachments(context: dict) -> None:
    """Convert the context's Office attachments (cached by hash); a failure is kept as the attachment's error."""
    for entry in context["items"]:
        for attachment in entry["attachments"]:
            if attachment.office and attachment.data is None and not attachment.error:
                result = office.converted(attachment.attachment)
                attachment.data, attachment.pages, attachment.error = result.data, result.pages, result.error


def render_pack(
    meeting: Meeting,
    *,
    members_view: bool,
    progress=None,
    content_hash: str | None = None,
    publication: dict | None = None,
) -> tuple[bytes, int]:
    """Render the pack and lay the attachments under their reserved pages; returns (pdf, pages).

    content_hash: the pack's; the context hashed for it in this process is rendered as it is (it is
    exactly that content), else the context is built again. publication: as for pack_context.
    """
    progress = progress or (lambda percent: None)
    context = _prepared(content_hash) or pack_context(meeting, members_view=members_view, publication=publication)
    convert_office_attachments(context)
    progress(20)
    data = render_pdf("pdf/agenda_pack.html", context, variant=PDF_VARIANT)
    progress(70)
    appended = [a for entry in context["items"] for a in entry["attachments"] if a.appended]
    if not appended:
        return data, len(PdfReader(BytesIO(data)).pages)
    writer = PdfWriter(clone_from=BytesIO(data))
    starts = {}
    for outline_item in _flatten(writer.outline):
        title = str(outline_item.title)
        if title.startswith("Bilag "):
            starts[title.split(":", 1)[0][len("Bilag ") :]] = writer.get_destination_page_number(outline_item)
    for attachment in appended:
        start = starts.get(attachment.number)
        if start is None:
            continue
        if attachment.data is not None:
            source = PdfReader(BytesIO(attachment.data))
        else:
            with attachment.attachment.file.open("rb") as handle:
                source = PdfReader(BytesIO(handle.read()))
        for offset, page in enumerate(source.pages[: attachment.pages]):
            _lay_under(writer, writer.pages[start + offset], page)
    progress(90)
    out = BytesIO()
    writer.write(out)
    return out.getvalue(), len(writer.pages)


def _lay_under(writer, target, page) -> None:
    """Lay the attachment page under the reserved page, scaled to fit between its header and its stamp.

    The reserved page object stays, and with it the bookmark, the link targets and the page count."""
    if page.get("/Rotate"):
        page.transfer_rotation_to_content()
    box = page.mediabox
    width, height = float(box.width), float(box.height)
    if width <= 0 or height <= 0:
        return
    target_width, target_height = float(target.mediabox.width), float(target.mediabox.height)
    scale = min(target_width / width, (target_height - 2 * STAMP_MARGIN) / height, 1.0)
    x = (target_width - width * scale) / 2
    y = STAMP_MARGIN + (target_height - 2 * STAMP_MARGIN - height * scale) / 2
    matrix = Transformation().translate(-float(box.left), -float(box.bottom)).scale(scale).translate(x, y).ctm
    _draw_under(writer, target, page, matrix)


def _draw_under(writer, target, page, matrix) -> None:
    """Draw the attachment page as a Form XObject under the reserved page's own content: its content
    stream is wrapped, not parsed, and its resources stay its own (no renaming)."""
    form = StreamObject()
    form._data = page.get_contents().get_data() if page.get_contents() is not None else b""
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject([FloatObject(v) for v in page.mediabox]),
        }
    )
    resources = page.get("/Resources")
    if resources is not None:
        form[NameObject("/Resources")] = resources.get_object().clone(writer)
    reference = writer._add_object(form)
    own = target.get("/Resources")
    own = own.get_object() if own is not None else DictionaryObject()
    if NameObject("/Resources") not in target:
        target[NameObject("/Resources")] = own
    xobjects = own.get("/XObject")
    xobjects = xobjects.get_object() if xobjects is not None else DictionaryObject()
    own[NameObject("/XObject")] = xobjects
    name = f"/RSIBilag{len(xobjects) + 1}"
    xobjects[NameObject(name)] = reference
    numbers = " ".join(f"{value:.4f}" for value in matrix)
    under = StreamObject()
    under._data = f"q {numbers} cm {name} Do Q\n".encode()
    contents = target.get("/Contents")
    existing = contents.get_object() if contents is not None else None
    parts = [writer._add_object(under)]
    if isinstance(existing, ArrayObject):
        parts += list(existing)
    elif existing is not None:
        parts.append(contents if hasattr(contents, "idnum") else writer._add_object(existing))
    target[NameObject("/Contents")] = ArrayObject(parts)


def _flatten(outline):
    for entry in outline:
        if isinstance(entry, list):
            yield from _flatten(entry)
        else:
            yield entry


def minutes_context(meeting: Meeting, *, members_view: bool) -> dict:
    """R28: the decision log ("beslutningsprotokol") of a meeting: each item's Beslutning, filtered like the pack."""
    items = [
        {
            "number": visible.number,
            "full": visible.full,
            "item": visible.item,
            "access_label": visible.item.get_access_display(),
            "clauses": rules.indstilling_lines(visible.item.indstilling) if visible.full else [],
        }
        for visible in selectors.visible_items(meeting, members_view=members_view)
    ]
    return {"meeting": meeting, "body": meeting.body, "members_view": members_view, "items": items}


def minutes_pdf_bytes(meeting: Meeting, *, members_view: bool) -> bytes:
    return render_pdf("pdf/decision_log.html", minutes_context(meeting, members_view=members_view), variant=PDF_VARIANT)

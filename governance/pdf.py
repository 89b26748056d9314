"""R30 agenda pack: WeasyPrint renders the pack; pypdf lays the PDF attachments onto reserved pages.

Each PDF attachment gets one reserved (empty) page per attachment page right after its item, so the
agenda's page numbers, "Side X af Y" and the bookmarks already count them; each reserved page then
takes over the attachment page's content, resources and size.
"""

import hashlib
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from io import BytesIO

from django.utils import timezone
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from rsi_portal.pdf import render_pdf

from . import rules, selectors
from .models import Audience, Meeting

PACK_VERSION = "5"  # bump when the templates change so new packs are rendered


@dataclass
class PackAttachment:
    number: str
    title: str
    is_pdf: bool
    pages: int
    attachment: object
    readable: bool = True  # False: a PDF pypdf cannot read; listed, not appended

    @property
    def extra_pages(self) -> range:
        return range(max(self.pages - 1, 0))


# The contexts this process hashed last, by content hash: a render of that pack (eager, or in the
# same worker) takes its context from here instead of building it a second time.
_PREPARED: OrderedDict[str, dict] = OrderedDict()
_PREPARED_KEPT = 4
_PREPARED_LOCK = threading.Lock()


def pack_context(meeting: Meeting, *, members_view: bool) -> dict:
    """Everything the pack shows, already filtered for the reader (Lukket/Fortrolig, R29)."""
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
    return {
        "meeting": meeting,
        "body": meeting.body,
        "members_view": members_view,
        "items": items,
        "appendix": appendix,
        "appendix_month": month,
        "generated_at": timezone.now(),
    }


def _appendix_key(status) -> list:
    return [
        status.pejlemaerke.pk,
        status.colour,
        status.why,
        [[region.code, colour, participating] for region, colour, participating in status.region_colours],
    ]


def pack_content_hash(meeting: Meeting, *, members_view: bool) -> str:
    """A hash of everything that decides the pack's content: the same agenda is never rendered twice."""
    context = pack_context(meeting, members_view=members_view)
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
    }
    digest = hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()
    _keep_prepared(digest, context)
    return digest


def current_pack_hash(pack) -> str:
    """R29/R30: the content hash of what the pack's readers may see now; a stored pack whose hash differs
    is stale and is not served."""
    return pack_content_hash(pack.meeting, members_view=pack.audience == Audience.MEMBERS)


def _keep_prepared(content_hash: str, context: dict) -> None:
    with _PREPARED_LOCK:
        _PREPARED[content_hash] = context
        _PREPARED.move_to_end(content_hash)
        while len(_PREPARED) > _PREPARED_KEPT:
            _PREPARED.popitem(last=False)


def _prepared(content_hash: str | None) -> dict | None:
    with _PREPARED_LOCK:
        return _PREPARED.pop(content_hash, None) if content_hash else None


def render_pack(
    meeting: Meeting, *, members_view: bool, progress=None, content_hash: str | None = None
) -> tuple[bytes, int]:
    """Render the pack and lay the PDF attachments onto their reserved pages; returns (pdf, pages).

    content_hash: the pack's; the context hashed for it in this process is rendered as it is (it is
    exactly that content), else the context is built again.
    """
    progress = progress or (lambda percent: None)
    context = _prepared(content_hash) or pack_context(meeting, members_view=members_view)
    progress(20)
    data = render_pdf("pdf/agenda_pack.html", context)
    progress(70)
    pdf_attachments = [a for entry in context["items"] for a in entry["attachments"] if a.is_pdf and a.pages]
    if not pdf_attachments:
        return data, len(PdfReader(BytesIO(data)).pages)
    writer = PdfWriter(clone_from=BytesIO(data))
    starts = {}
    for outline_item in _flatten(writer.outline):
        title = str(outline_item.title)
        if title.startswith("Bilag "):
            starts[title.split(":", 1)[0][len("Bilag ") :]] = writer.get_destination_page_number(outline_item)
    for attachment in pdf_attachments:
        start = starts.get(attachment.number)
        if start is None:
            continue
        with attachment.attachment.file.open("rb") as handle:
            source = PdfReader(BytesIO(handle.read()))
        for offset, page in enumerate(source.pages):
            _lay_onto(writer, writer.pages[start + offset], page)
    progress(90)
    out = BytesIO()
    writer.write(out)
    return out.getvalue(), len(writer.pages)


def _lay_onto(writer, target, page) -> None:
    """Give the reserved page the attachment page's content, resources and size (no content parsing,
    so it is fast; the reserved page object stays, and with it the bookmark and the page count)."""
    for key in ("/Contents", "/Resources", "/MediaBox", "/CropBox", "/Rotate"):
        value = page.get(key)
        if value is None:
            if key in target and key not in ("/MediaBox",):
                del target[key]
            continue
        target[NameObject(key)] = value.clone(writer) if hasattr(value, "clone") else value


def _flatten(outline):
    for entry in outline:
        if isinstance(entry, list):
            yield from _flatten(entry)
        else:
            yield entry

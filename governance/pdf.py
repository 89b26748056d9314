"""R30 agenda pack: WeasyPrint renders the pack; pikepdf lays the attachments' pages under reserved pages.

Each PDF attachment (and each Office attachment, converted by LibreOffice in the worker, see
governance.office) gets one reserved page per attachment page right after its item, so the agenda's page
numbers, "Side X af Y" and the bookmarks already count them. A reserved page is a WeasyPrint page with
the pack's running header, "Side X af Y" and a "Bilag x.y – title" stamp in its margins and nothing in
between: the attachment page is laid under it with pikepdf (qpdf) as a Form XObject (wrapped, not parsed),
scaled into the space between the stamps, so the stamp is the overlay and every page number is WeasyPrint's own.
"""

import hashlib
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from io import BytesIO

import pikepdf
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rsi_portal.pdf import render_pdf

from . import office, publishing, rules, selectors
from .models import Audience, Meeting, PackKind
from .pdf_tags import AttachmentFigures, unmark

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
    appendix_groups = selectors.portfolio_appendix_by_goal(appendix) if meeting.appendix_by_goal else None
    if publication is None:
        publication = publishing.draft_publication(meeting, items, members_view=members_view)
    since_last = publishing.since_last_meeting(meeting, appendix, members_view=members_view)
    previous_minutes_url = ""  # R28: the minutes item links to the previous meeting's published decision log
    if since_last is not None and publishing.current_version(since_last["previous"], PackKind.DECISION_LOG):
        previous_minutes_url = base_url + reverse("governance:minutes_pdf", args=[since_last["previous"].pk])
    return {
        "meeting": meeting,
        "body": meeting.body,
        "members_view": members_view,
        "items": items,
        "appendix": appendix,
        "appendix_groups": appendix_groups,
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


def _goal_key(goal) -> list | None:
    return [goal.pk, goal.title, goal.period_start, goal.period_end] if goal else None


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
            str(meeting.end_time),
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
        "previous_minutes_url": context["previous_minutes_url"],
        "publication": context["publication"],
    }
    if context["appendix_groups"] is not None:  # R40: grouped on request; an ungrouped pack keeps its hash
        data["appendix_groups"] = [
            [_goal_key(group.goal), [s.pejlemaerke.pk for s in group.items]] for group in context["appendix_groups"]
        ]
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
        return data, _page_count(data)
    data, pages = _lay_attachments_under(data, appended)
    progress(90)
    return data, pages


def _page_count(data: bytes) -> int:
    with pikepdf.open(BytesIO(data)) as pdf:
        return len(pdf.pages)


def _lay_attachments_under(data: bytes, appended: list[PackAttachment]) -> tuple[bytes, int]:
    """Lay each attachment's pages under its reserved pages, found by the "Bilag x.y" bookmarks, each a
    tagged Figure (PDF/UA). qpdf (through pikepdf) copies the pages as Form XObjects without parsing
    their content and writes the pack without rewriting WeasyPrint's objects: a fraction of the render."""
    with pikepdf.open(BytesIO(data)) as pack:
        figures = AttachmentFigures(pack)
        starts = _attachment_starts(pack)
        for attachment in appended:
            start = starts.get(attachment.number)
            if start is None:
                continue
            source_data = attachment.data if attachment.data is not None else _stored_bytes(attachment.attachment)
            with pikepdf.open(BytesIO(source_data)) as source:
                for offset, page in enumerate(source.pages[: attachment.pages]):
                    alt = _("Bilag %(n)s – %(title)s, side %(page)s af %(pages)s") % {
                        "n": attachment.number,
                        "title": attachment.title,
                        "page": offset + 1,
                        "pages": attachment.pages,
                    }
                    _lay_under(pack, pack.pages[start + offset], page, figures=figures, alt=alt)
        out = BytesIO()
        pack.save(out)
        return out.getvalue(), len(pack.pages)


def _attachment_starts(pack) -> dict[str, int]:
    """{"x.y": index of the attachment's first reserved page} from the pack's bookmarks."""
    starts = {}
    with pack.open_outline() as outline:
        pending = list(outline.root)
        while pending:
            entry = pending.pop()
            pending.extend(entry.children)
            title = str(entry.title)
            if title.startswith("Bilag ") and entry.destination is not None:
                starts[title.split(":", 1)[0][len("Bilag ") :]] = pikepdf.Page(entry.destination[0]).index
    return starts


def _stored_bytes(attachment) -> bytes:
    with attachment.file.open("rb") as handle:
        return handle.read()


def _upright(box, rotate: int) -> tuple[list[float], float, float]:
    """The matrix that turns a page's content as its /Rotate shows it, with the shown box's corner at
    the origin, and the shown width and height."""
    x0, y0, x1, y1 = (float(v) for v in box)
    rotate = rotate % 360
    if rotate == 90:
        return [0, -1, 1, 0, -y0, x1], y1 - y0, x1 - x0
    if rotate == 180:
        return [-1, 0, 0, -1, x1, y1], x1 - x0, y1 - y0
    if rotate == 270:
        return [0, 1, -1, 0, y1, -x0], y1 - y0, x1 - x0
    return [1, 0, 0, 1, -x0, -y0], x1 - x0, y1 - y0


def _lay_under(pack, target, page, *, figures: AttachmentFigures, alt: str) -> None:
    """Lay the attachment page under the reserved page, upright as its /Rotate shows it, centred
    between the header and the stamp and never enlarged, as the page's tagged Figure. The reserved page
    object stays, and with it the bookmark, the link targets and the page count."""
    # The form is the page's content in its own coordinates, its box the page's trim box (qpdf's choice)
    # and no transformation of its own: the matrix below is the whole placement.
    form = pack.copy_foreign(page.as_form_xobject(handle_transformations=False))
    (a, b, c, d, e, f), width, height = _upright(form.BBox, int(page.get("/Rotate", 0)))
    if width <= 0 or height <= 0:
        return
    unmark(form)  # marked content must not nest in the Figure's
    target_width, target_height = float(target.mediabox[2]), float(target.mediabox[3])
    scale = min(target_width / width, (target_height - 2 * STAMP_MARGIN) / height, 1.0)
    x = (target_width - width * scale) / 2
    y = STAMP_MARGIN + (target_height - 2 * STAMP_MARGIN - height * scale) / 2
    matrix = [scale * a, scale * b, scale * c, scale * d, scale * e + x, scale * f + y]
    name = target.add_resource(form, pikepdf.Name.XObject, prefix="RSIBilag")
    numbers = " ".join(f"{value:.4f}" for value in matrix)
    drawing = figures.wrap(target, f"q {numbers} cm {name} Do Q\n".encode(), alt)
    target.contents_add(pack.make_stream(drawing), prepend=True)


def minutes_context(meeting: Meeting, *, members_view: bool, publication: dict | None = None) -> dict:
    """R28: the decision log ("beslutningsprotokol") of a meeting: each item's Beslutning, filtered like the pack.

    publication: the published version's number and changes; None for the secretariat's draft."""
    items = [
        {
            "number": visible.number,
            "full": visible.full,
            "item": visible.item,
            "access_label": visible.item.get_access_display(),
            "clauses": rules.indstilling_lines(visible.item.indstilling) if visible.full else [],
            "attachments": [],
        }
        for visible in selectors.visible_items(meeting, members_view=members_view)
    ]
    if publication is None:
        publication = publishing.draft_publication(
            meeting, items, members_view=members_view, kind=PackKind.DECISION_LOG
        )
    return {
        "meeting": meeting,
        "body": meeting.body,
        "members_view": members_view,
        "items": items,
        "publication": publication,
    }


def decision_log_content_hash(meeting: Meeting, *, members_view: bool, publication: dict | None = None) -> str:
    """What decides a decision log's content (kept apart from the agenda packs' hashes by its kind)."""
    context = minutes_context(meeting, members_view=members_view, publication=publication)
    data = {
        "kind": PackKind.DECISION_LOG,
        "version": PACK_VERSION,
        "meeting": [
            meeting.pk,
            meeting.body.name,
            str(meeting.day),
            str(meeting.start_time),
            str(meeting.end_time),
            meeting.location,
        ],
        "members_view": members_view,
        "items": [
            [entry["number"], entry["full"]]
            + (
                [entry["item"].title, entry["item"].access, entry["item"].case_number]
                + [entry["item"].indstilling, entry["item"].beslutning]
                if entry["full"]
                else []
            )
            for entry in context["items"]
        ],
        "publication": context["publication"],
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def render_decision_log(meeting: Meeting, *, members_view: bool, publication: dict | None = None) -> tuple[bytes, int]:
    """The decision log as PDF in the pack's layout; returns (pdf, pages)."""
    context = minutes_context(meeting, members_view=members_view, publication=publication)
    data = render_pdf("pdf/decision_log.html", context, variant=PDF_VARIANT)
    return data, _page_count(data)


def minutes_pdf_bytes(meeting: Meeting, *, members_view: bool) -> bytes:
    """The secretariat's draft of the decision log."""
    return render_decision_log(meeting, members_view=members_view)[0]

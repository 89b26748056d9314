"""Test data for governance: meetings with items built through the real services."""

import zipfile
from datetime import date, timedelta
from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from governance import services
from governance.models import Access, Meeting, MeetingFormat
from portfolio.models import Body, BodyKind


def sekretariat():
    return get_user_model().objects.get(username="sekretariat")


def pdf_bytes(pages: int, label: str) -> bytes:
    """A real PDF with `pages` pages, each saying "<label> side N"."""
    from weasyprint import HTML

    html = "".join(
        f'<p style="break-after: page">{label} side {n}</p>' if n < pages else f"<p>{label} side {n}</p>"
        for n in range(1, pages + 1)
    )
    return HTML(string=f"<html lang='da'><body>{html}</body></html>").write_pdf()


def _not_a_thursday(day):
    """The demo's RSI DK plan meets on Thursdays; keep test meetings off those days."""
    return day + timedelta(days=1) if day.weekday() == 3 else day


def make_meeting(*, kind=BodyKind.RSI_DK, day=None, location="Danske Regioner, København"):
    """A meeting of the body on `day`, or the nearest earlier day the body (demo included) has none."""
    actor = sekretariat()
    body = Body.objects.get(kind=kind)
    day = day or _not_a_thursday(date.today() + timedelta(days=30))
    while Meeting.objects.filter(body=body, day=day).exists():
        day -= timedelta(days=1)
    return services.meeting_save(
        actor=actor,
        body=body,
        day=day,
        format=MeetingFormat.PHYSICAL,
        location=location,
    )


def add_item(meeting, title, *, access=Access.PUBLIC, indstilling="at sagen godkendes", **fields):
    return services.agenda_item_save(
        actor=sekretariat(), meeting=meeting, title=title, access=access, indstilling=indstilling, **fields
    )


def attach_pdf(item, title, pages, label):
    upload = SimpleUploadedFile(f"{label}.pdf", pdf_bytes(pages, label), content_type="application/pdf")
    return services.attachment_add(actor=sekretariat(), item=item, title=title, upload=upload)


def office_bytes(extension: str) -> bytes:
    """A minimal, sound OOXML file (.docx, .xlsx or .pptx) that passes the upload check."""
    part = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}[extension]
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<document/>")
    return buffer.getvalue()


def attach_file(item, name, content=None, title=""):
    """A Bilag; without content, an Office file gets a sound minimal document and anything else some text."""
    extension = name.rsplit(".", 1)[-1].lower()
    if content is None:
        content = office_bytes(extension) if extension in ("docx", "xlsx", "pptx") else b"data"
    return services.attachment_add(
        actor=sekretariat(), item=item, title=title or name, upload=SimpleUploadedFile(name, content)
    )


__all__ = [
    "BytesIO",
    "add_item",
    "attach_file",
    "attach_pdf",
    "make_meeting",
    "office_bytes",
    "pdf_bytes",
    "sekretariat",
]

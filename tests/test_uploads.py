"""The one upload check (rsi_portal.uploads): extension, size, magic bytes, PDFs pypdf can open, Office files
that are sound zips without macros, text that is text; every refusal in Danish. Project documents and agenda
attachments both go through it."""

import io
import zipfile
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader, PdfWriter

from governance import services as governance_services
from governance.models import Attachment
from governance.pdf import render_pack
from projects import services as project_services
from projects.models import DocumentType
from rsi_portal.pdf import pdf_text
from rsi_portal.uploads import UploadPolicy
from tests.governance.helpers import add_item, make_meeting, sekretariat
from tests.projects.gates_support import make_project

EVERYTHING = UploadPolicy(("pdf", "docx", "xlsx", "pptx", "odt", "ods", "png", "jpg", "jpeg", "txt"), "TEST_MAX")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 32
MAIN_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
OOXML_TYPE = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "docm": "application/vnd.ms-word.document.macroEnabled.main+xml",
}


def pdf(pages: int = 1, password: str = "") -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def ooxml(kind: str = "docx", *, content_type: str = "", extra: dict | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        override = content_type or OOXML_TYPE.get(kind, "application/xml")
        archive.writestr(
            "[Content_Types].xml",
            f'<Types><Override PartName="/{MAIN_PART[kind]}" ContentType="{override}"/></Types>',
        )
        archive.writestr(MAIN_PART[kind], "<document/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def odf(mime: str = "application/vnd.oasis.opendocument.text", extra: dict | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mime)  # stored first and uncompressed, as ODF requires
        archive.writestr("content.xml", "<office:document-content/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def check(name: str, content: bytes, policy: UploadPolicy = EVERYTHING):
    return policy.check(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("notat.pdf", pdf(2), "application/pdf"),
        ("notat.docx", ooxml("docx"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("regneark.xlsx", ooxml("xlsx"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("slides.pptx", ooxml("pptx"), "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        ("tekst.odt", odf(), "application/vnd.oasis.opendocument.text"),
        (
            "ark.ods",
            odf("application/vnd.oasis.opendocument.spreadsheet"),
            "application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("billede.png", PNG, "image/png"),
        ("foto.jpeg", JPEG, "image/jpeg"),
        ("noter.txt", "Æblegrød og rødgrød med fløde\r\n\tindrykket".encode(), "text/plain"),
        ("gammel.txt", "Æblegrød".encode("cp1252"), "text/plain"),
    ],
)
def test_accepted_files_report_kind_type_size_and_hash(name, content, content_type):
    checked = check(name, content)
    assert checked.kind == name.rsplit(".", 1)[1]
    assert checked.content_type == content_type
    assert checked.size == len(content) and len(checked.sha256) == 64 and checked.original_name == name


@pytest.mark.parametrize(
    ("name", "content", "message", "code"),
    [
        ("virus.exe", b"MZ\x90\x00" + b"\x00" * 100, "Filtypen ».exe« kan ikke uploades", "extension"),
        ("uden_endelse", b"data", "Filtypen »uden filtype« kan ikke uploades", "extension"),
        ("makro.docm", ooxml("docx"), "Filtypen ».docm« kan ikke uploades", "extension"),
        ("tom.pdf", b"", "er tom", "empty"),
        ("side.png", b"<html><script>alert(1)</script></html>", "men indholdet er ikke en PNG-fil.", "content"),
        ("rod.docx", b"PK\x03\x04 ikke et rigtigt dokument" * 10, "men indholdet er ikke en DOCX-fil", "content"),
        ("notat.pdf", ooxml("docx"), "(indholdet ligner en .docx-fil)", "content"),
        ("plan.docx", pdf(), "(indholdet ligner en .pdf-fil)", "content"),
        (
            "falsk.pdf",
            b"%PDF-1.7\n1 0 obj<</Length 5>>stream\nabc",
            "kan ikke læses; den er beskadiget",
            "pdf_unreadable",
        ),
        ("laast.pdf", pdf(password="hemmelig"), "er beskyttet med adgangskode", "pdf_encrypted"),
        (
            "makro.docx",
            ooxml("docx", extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"}),
            "indeholder makroer",
            "macros",
        ),
        ("makro2.docx", ooxml("docx", content_type=OOXML_TYPE["docm"]), "indeholder makroer", "macros"),
        ("makro.odt", odf(extra={"Basic/Standard/Module1.xml": "<script/>"}), "indeholder makroer", "macros"),
        ("bin.txt", b"tekst\x00\x01\x02binaert", "hedder .txt, men er ikke en tekstfil", "content"),
        ("exe.txt", b"MZ\x90\x00" + b"\x00" * 100, "(indholdet ligner en .exe-fil)", "content"),
    ],
)
def test_refused_files_get_a_danish_message(name, content, message, code):
    with pytest.raises(ValidationError) as error:
        check(name, content)
    assert message in error.value.messages[0]
    assert error.value.code == code


def test_office_zip_without_content_types_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    with pytest.raises(ValidationError, match="ikke et gyldigt Office-dokument"):
        check("notat.docx", buffer.getvalue())


def test_truncated_office_zip_is_refused():
    data = ooxml("docx", extra={"word/media/image1.png": PNG * 200})
    with pytest.raises(ValidationError, match="er beskadiget og kan ikke åbnes"):
        check("afbrudt.docx", data[: len(data) - 40])


def test_size_limit_comes_from_the_policys_setting(settings):
    settings.RSI = {**settings.RSI, "TEST_MAX": 1000}
    with pytest.raises(ValidationError) as error:
        check("stor.pdf", pdf() + b"%" + b"x" * 1200)
    assert error.value.code == "size" and "Den må højst fylde 1000" in error.value.messages[0]


def test_policy_limits_the_extensions_and_tells_the_user():
    documents = UploadPolicy(("pdf", "docx"), "TEST_MAX")
    with pytest.raises(ValidationError, match=r"Tilladte filtyper er: \.pdf, \.docx\."):
        check("billede.png", PNG, documents)
    assert documents.accept == ".pdf,.docx"
    assert documents.help_text.startswith("Tilladte filtyper: .pdf, .docx. Højst 20,0")


def test_policy_refuses_an_extension_it_cannot_check():
    with pytest.raises(ValueError, match="exe"):
        UploadPolicy(("pdf", "exe"), "TEST_MAX")


# The portal's uses of the check: agenda attachments (Bilag) and project management documents.


@pytest.fixture
def item(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return add_item(make_meeting(day=date(2031, 3, 13)), "Punkt med bilag")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("side.png", b"<html><script>alert(1)</script></html>", "men indholdet er ikke en PNG-fil"),
        ("rod.docx", b"ikke et Word-dokument", "men indholdet er ikke en DOCX-fil"),
        ("makro.docx", ooxml("docx", extra={"word/vbaProject.bin": b"\xd0\xcf"}), "indeholder makroer"),
        ("falsk.pdf", b"%PDF-1.7\n1 0 obj<</Length 5>>stream\nabc", "kan ikke læses"),
    ],
)
def test_agenda_attachment_refuses_what_is_not_what_it_claims(item, name, content, message):
    with pytest.raises(ValidationError) as error:
        governance_services.attachment_add(
            actor=sekretariat(), item=item, title="", upload=SimpleUploadedFile(name, content)
        )
    assert message in " ".join(error.value.messages)
    assert not item.attachments.exists()


def test_agenda_attachment_form_shows_the_message_next_to_the_file(item, client, login):
    login("sekretariat")
    response = client.post(
        f"/styring/punkter/{item.pk}/bilag/",
        {"title": "Min titel", "upload": SimpleUploadedFile("side.png", b"<html></html>")},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "men indholdet er ikke en PNG-fil" in page and "Min titel" in page


def test_agenda_attachment_keeps_the_checked_content_type(item):
    attachment = governance_services.attachment_add(
        actor=sekretariat(), item=item, title="Regneark", upload=SimpleUploadedFile("tal.xlsx", ooxml("xlsx"))
    )
    assert attachment.content_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert attachment.size == len(ooxml("xlsx"))


def test_project_document_refuses_a_macro_document(demo):
    project = make_project(sekretariat(), "Projekt med makroer")
    with pytest.raises(ValidationError, match="indeholder makroer"):
        project_services.document_upload(
            actor=sekretariat(),
            project=project,
            document_type=DocumentType.objects.get(code="risikolog"),
            upload=SimpleUploadedFile("log.xlsx", ooxml("xlsx", content_type=OOXML_TYPE["docm"])),
        )


@pytest.mark.usefixtures("eager_tasks")
def test_a_broken_pdf_that_slipped_through_never_breaks_the_pack(
    item, client, login, django_capture_on_commit_callbacks
):
    """Refused at upload; one stored before the check (or damaged on disk) is listed in the pack as unreadable."""
    good = governance_services.attachment_add(
        actor=sekretariat(), item=item, title="Godt bilag", upload=SimpleUploadedFile("godt.pdf", pdf(2))
    )
    broken = Attachment.objects.create(
        item=item,
        number=good.number + 1,
        title="Beskadiget bilag",
        file=ContentFile(b"%PDF-1.7\n1 0 obj<</Length 5>>stream\nabc", name="beskadiget.pdf"),
        content_type="application/pdf",
        size=40,
        sha256="0" * 64,
        uploaded_by=sekretariat(),
    )
    data, pages = render_pack(item.meeting, members_view=False)
    text = pdf_text(data)
    assert f"Bilag {item.number}.{broken.number}: Beskadiget bilag" in text and "kan ikke læses" in text
    assert pages == len(PdfReader(io.BytesIO(data)).pages)
    # R30: a reader gets the published pack, so the secretariat publishes first (the render runs eagerly).
    with django_capture_on_commit_callbacks(execute=True):
        governance_services.agenda_pack_publish(actor=sekretariat(), meeting=item.meeting)
    login("projektleder")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/styring/moeder/{item.meeting.pk}/pakke/")
    page = client.get(response["Location"])
    assert page.status_code == 200 and "Pakken er klar" in page.content.decode()

"""R30: appended attachment pages carry the pack's header, "Side X af Y" and a "Bilag x.y – title" stamp;
Office attachments are converted with LibreOffice headless and appended; ToC and bookmarks stay exact."""

import re
import shutil
import zipfile
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from governance import office, services
from governance.pdf import render_pack
from tests.conftest import require_component
from tests.governance.helpers import add_item, attach_pdf, make_meeting, sekretariat

pytestmark = pytest.mark.django_db


def _needs_libreoffice():
    require_component(
        "LibreOffice", office.soffice() is not None, "apt-get install libreoffice-writer-nogui libreoffice-calc-nogui"
    )


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Notat til RSI DK", level=1)
    document.add_paragraph(text)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(text: str) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Budget"
    sheet.append(["Post", "Beløb"])
    sheet.append([text, 125000])
    sheet.column_dimensions["A"].width = 40
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def attach(item, name, content, title):
    return services.attachment_add(
        actor=sekretariat(), item=item, title=title, upload=SimpleUploadedFile(name, content)
    )


def _outline(reader):
    def walk(entries):
        for entry in entries:
            if isinstance(entry, list):
                yield from walk(entry)
            else:
                yield str(entry.title), reader.get_destination_page_number(entry)

    return dict(walk(reader.outline))


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_r30_appended_pdf_pages_carry_side_x_af_y_header_and_bilag_stamp(demo, media):
    meeting = make_meeting()
    add_item(meeting, "Første punkt")
    item = add_item(meeting, "Status for FUT")
    attach_pdf(item, "Statusrapport FUT", 2, "FUTBILAG")
    add_item(meeting, "Tredje punkt")
    data, pages = render_pack(meeting, members_view=False)
    reader = PdfReader(BytesIO(data))
    assert len(reader.pages) == pages
    texts = [page.extract_text() for page in reader.pages]
    outline = _outline(reader)
    start = outline[f"Bilag {item.number}.1: Statusrapport FUT"]
    for offset in (0, 1):
        text = texts[start + offset]
        assert f"FUTBILAG side {offset + 1}" in text  # the attachment's own text, laid under
        assert f"Side {start + offset + 1} af {pages}" in text  # the pack's page number, exact
        assert f"Bilag {item.number}.1 – Statusrapport FUT" in text  # the stamp
        assert meeting.body.name in text and meeting.day.strftime("%d.%m.%Y") in text  # the running header
    # the page after the attachment is the next item, and the ToC points at the pages the bookmarks do
    assert "3. Tredje punkt" in texts[start + 2]
    agenda = next(t for t in texts if "Dagsorden" in t and "Tredje punkt" in t)
    assert re.search(rf"3\. Tredje punkt[ .]*{outline['3. Tredje punkt'] + 1}\b", agenda)
    assert re.search(rf"2\. Status for FUT[ .]*{outline['2. Status for FUT'] + 1}\b", agenda)


def test_r30_office_attachments_are_converted_appended_and_stamped(demo, media):
    _needs_libreoffice()
    meeting = make_meeting()
    item = add_item(meeting, "Budget og notat")
    attach(item, "notat.docx", docx_bytes("WORDTEKST-konverteret-korrekt"), "Notat om budget")
    attach(item, "budget.xlsx", xlsx_bytes("EXCELPOST-driftsudgift"), "Budgetark")
    data, pages = render_pack(meeting, members_view=False)
    reader = PdfReader(BytesIO(data))
    outline = _outline(reader)
    word = reader.pages[outline[f"Bilag {item.number}.1: Notat om budget"]].extract_text()
    assert "WORDTEKST-konverteret-korrekt" in word
    assert f"Bilag {item.number}.1 – Notat om budget" in word and " af " in word
    excel = reader.pages[outline[f"Bilag {item.number}.2: Budgetark"]].extract_text()
    assert "EXCELPOST-driftsudgift" in excel and f"Bilag {item.number}.2 – Budgetark" in excel
    assert re.search(rf"Side \d+ af {pages}", excel)
    listing = reader.pages[outline[f"{item.number}. Budget og notat"]].extract_text()
    assert "vedlagt efter punktet" in listing and "kunne ikke konverteres" not in listing


def test_r30_office_conversion_is_cached_by_hash(demo, media, settings, monkeypatch):
    _needs_libreoffice()
    item = add_item(make_meeting(), "Notat")
    attachment = attach(item, "notat.docx", docx_bytes("CACHETEKST"), "Notat")
    assert not office.is_cached(attachment)
    first = office.converted(attachment)
    assert first.ok and office.is_cached(attachment)
    # the second call reads the cache: with LibreOffice gone it still answers
    settings.SOFFICE_BINARY = "/nonexistent/soffice"
    monkeypatch.setenv("PATH", "/nonexistent")
    again = office.converted(attachment)
    assert again.ok and again.data == first.data
    assert (media / "bilag-pdf" / f"{attachment.sha256}.pdf").exists()


def _with_macros(data: bytes) -> bytes:
    content = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as source, zipfile.ZipFile(content, "w") as target:
        for name in source.namelist():
            target.writestr(name, source.read(name))
        target.writestr("word/vbaProject.bin", b"\x00macro")
    return content.getvalue()


def test_r30_macro_file_is_refused_by_the_upload_and_by_the_converter(demo, media):
    from django.core.exceptions import ValidationError

    item = add_item(make_meeting(), "Makropunkt")
    macro = _with_macros(docx_bytes("MAKROTEKST"))
    with pytest.raises(ValidationError):
        attach(item, "makro.docx", macro, "Makrofil")
    assert office.has_macros(macro) and not office.has_macros(docx_bytes("REN"))
    result = office.convert_bytes(macro, "docx")  # the worker refuses it too, before LibreOffice sees it
    assert not result.ok and "makro" in result.error


def test_r30_failed_conversion_is_listed_with_a_link_and_never_breaks_the_pack(demo, media, settings):
    _needs_libreoffice()
    settings.RSI = {**settings.RSI, "OFFICE_CONVERT_TIMEOUT_SECONDS": 0.01}
    meeting = make_meeting()
    item = add_item(meeting, "Punkt med langsomt bilag")
    attachment = attach(item, "notat.docx", docx_bytes("LANGSOMTEKST"), "Langsomt notat")
    add_item(meeting, "Næste punkt")
    data, pages = render_pack(meeting, members_view=False)
    reader = PdfReader(BytesIO(data))
    joined = "\n".join(page.extract_text() for page in reader.pages)
    assert f"Bilag {item.number}.1: Langsomt notat (kunne ikke konverteres" in joined.replace("\n", " ")
    assert "LANGSOMTEKST" not in joined and "Næste punkt" in joined
    links = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if "/A" in annotation.get_object() and "/URI" in annotation.get_object()["/A"]
    ]
    assert any(link.endswith(f"/styring/bilag/{attachment.pk}/") for link in links)
    assert not office.is_cached(attachment)  # a failure is not cached: the next render tries again


def test_r30_conversion_time_limit(demo, media, settings):
    _needs_libreoffice()
    result = office.convert_bytes(docx_bytes("TIDSGRÆNSE"), "docx", timeout=0.01)
    assert not result.ok and "sekunder" in result.error


def test_libreoffice_is_installed_in_ci():
    """.ci/run installs LibreOffice; in CI a missing binary fails here instead of skipping the tests above."""
    _needs_libreoffice()
    assert shutil.which("soffice") or shutil.which("libreoffice")

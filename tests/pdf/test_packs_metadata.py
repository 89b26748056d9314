"""R30: the pack's document metadata, PDF/UA-1 tagging as far as WeasyPrint allows (checked with pikepdf:
veraPDF is not in the registries this project installs from), ToC access marks and the decision log."""

import re
from datetime import date, timedelta
from io import BytesIO

import pikepdf
import pytest
from pypdf import PdfReader

from governance import services
from governance.models import Access, Outcome
from governance.pdf import minutes_pdf_bytes, render_pack
from rsi_portal.pdf import pdf_text
from tests.governance.helpers import add_item, attach_pdf, make_meeting, sekretariat

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = make_meeting(day=date.today() + timedelta(days=33))
    item = add_item(meeting, "Offentligt punkt")
    attach_pdf(item, "Bilag med sider", 1, "UABILAG")
    add_item(meeting, "Lukket punkt om løn", access=Access.CLOSED)
    add_item(meeting, "Fortroligt udbud", access=Access.CONFIDENTIAL)
    return meeting


def _struct_types(node, seen, depth=0):
    if depth > 60 or not isinstance(node, pikepdf.Dictionary):
        return
    if "/S" in node:
        seen.add(str(node.S))
    kids = node.get("/K")
    if isinstance(kids, pikepdf.Array):
        for kid in kids:
            _struct_types(kid, seen, depth + 1)
    elif isinstance(kids, pikepdf.Dictionary):
        _struct_types(kids, seen, depth + 1)


def test_r30_pack_metadata_title_author_subject_language(meeting):
    pdf = pikepdf.open(BytesIO(render_pack(meeting, members_view=True)[0]))
    info = pdf.docinfo
    assert str(info.Title).startswith(f"Dagsorden – {meeting.body.name}")
    assert str(info.Author) == "RSI-sekretariatet"
    assert "Kladde" in str(info.Subject) and "medlemsudgave" in str(info.Subject)
    assert str(pdf.Root.Lang) == "da"
    with pdf.open_metadata() as xmp:
        assert xmp.get("{http://www.aiim.org/pdfua/ns/id/}part") == "1"  # declared PDF/UA-1
        assert xmp.get("{http://purl.org/dc/elements/1.1/}title", "").startswith("Dagsorden")


def test_r30_pack_is_tagged_with_reading_order_and_bookmarks(meeting):
    pdf = pikepdf.open(BytesIO(render_pack(meeting, members_view=True)[0]))
    assert bool(pdf.Root.MarkInfo.Marked) is True
    assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
    seen = set()
    _struct_types(pdf.Root.StructTreeRoot, seen)
    assert {"/H1", "/H2", "/P"} <= seen or {"/H2", "/P"} <= seen
    assert "/Document" in seen or "/Part" in seen or "/Sect" in seen
    # every page is in the structure's reading order (StructParents) or stamped onto one that is
    assert all("/StructParents" in page for page in pdf.pages[:3])
    with pdf.open_outline() as outline:
        titles = [item.title for item in outline.root]
    assert any(title.startswith("1. Offentligt punkt") for title in titles)


def test_r29_toc_shows_access_as_the_readers_copy_would(meeting):
    reader = PdfReader(BytesIO(render_pack(meeting, members_view=True)[0]))
    agenda = " ".join(reader.pages[1].extract_text().split())  # the agenda, after the cover
    # the entry, its leader and page number, then the access mark
    assert re.search(r"1\. Offentligt punkt[ .]*\d+ 2\.", agenda)  # a public item has no mark
    assert re.search(r"2\. Lukket punkt om løn[ .]*\d+ \(Lukket\)", agenda)
    assert re.search(r"3\. Fortroligt udbud[ .]*\d+ \(Fortrolig\)", agenda)
    others_reader = PdfReader(BytesIO(render_pack(meeting, members_view=False)[0]))
    others = " ".join(others_reader.pages[1].extract_text().split())
    assert "Lukket punkt om løn" not in others and "Fortroligt udbud" not in others
    assert re.search(r"3\. Fortroligt punkt[ .]*\d+ \(Fortrolig\)", others)  # keeps its own number


def test_r28_decision_log_pdf_from_the_items_beslutning(meeting):
    item = meeting.items.get(title="Offentligt punkt")
    services.agenda_item_decide(
        actor=sekretariat(),
        item=item,
        outcome=Outcome.APPROVED,
        text="Godkendt som indstillet.",
        decided_on=meeting.day,
    )
    closed = meeting.items.get(title="Lukket punkt om løn")
    services.agenda_item_decide(
        actor=sekretariat(), item=closed, outcome=Outcome.APPROVED, text="HEMMELIG-LØN", decided_on=meeting.day
    )
    members = " ".join(pdf_text(minutes_pdf_bytes(meeting, members_view=True)).split())
    assert "Beslutningsprotokol" in members and "Godkendt som indstillet." in members and "HEMMELIG-LØN" in members
    others = " ".join(pdf_text(minutes_pdf_bytes(meeting, members_view=False)).split())
    assert "Godkendt som indstillet." in others and "HEMMELIG-LØN" not in others
    # who reads it when, and the next meeting's link to it: tests/governance/test_r28_decision_log.py

"""R30: the agenda pack PDF read back as text: cover, agenda with page numbers, items in order, bookmarks."""

import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from governance.models import Access
from governance.pdf import pack_content_hash, render_pack
from rsi_portal.pdf import pdf_text
from tests.governance.helpers import add_item, attach_file, attach_pdf, make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = make_meeting()
    add_item(
        meeting,
        "Budgetopfølgning for LUNA",
        indstilling="at budgetopfølgningen godkendes\nat sekretariatet følger op i juni",
        oekonomi="",
        resume="Kort resumé af budgetopfølgningen.",
    )
    second = add_item(meeting, "Status for FUT", indstilling="at status tages til efterretning")
    attach_pdf(second, "Statusrapport FUT", 2, "FUTBILAG")
    attach_file(second, "tidsplan.xlsx", title="Tidsplan")
    add_item(meeting, "Lukket personalesag", access=Access.CLOSED, resume="HEMMELIG-LUKKET")
    add_item(meeting, "Fortrolig kontraktforhandling", access=Access.CONFIDENTIAL, resume="HEMMELIG-FORTROLIG")
    return meeting


def test_r30_pack_has_cover_agenda_items_in_order_and_page_numbers(meeting):
    data, pages = render_pack(meeting, members_view=True)
    text = pdf_text(data)
    assert meeting.body.name in text and "Danske Regioner, København" in text
    assert "Side 1 af" in text
    assert f"af {pages}" in text
    positions = [
        text.rindex(title)
        for title in (
            "Budgetopfølgning for LUNA",
            "Status for FUT",
            "Lukket personalesag",
            "Fortrolig kontraktforhandling",
        )
    ]
    assert positions == sorted(positions)
    # R29 Indstilling: "Det indstilles," then one "at …" clause per line.
    assert re.search(r"Det indstilles,\s*at budgetopfølgningen godkendes\s*at sekretariatet følger op i juni", text)
    assert "Ingen bemærkninger" in text  # empty Økonomi
    # agenda lines end with the page number the item starts on (target-counter)
    reader = PdfReader(BytesIO(data))
    outline = {str(o.title): reader.get_destination_page_number(o) for o in reader.outline if not isinstance(o, list)}
    item_page = outline["2. Status for FUT"] + 1
    agenda_page = pdf_text_page(reader, 1)
    assert re.search(rf"2\. Status for FUT[ .]*{item_page}\b", agenda_page)


def pdf_text_page(reader, index):
    return reader.pages[index].extract_text()


def test_r30_pdf_attachment_appended_after_its_item_and_other_files_listed(meeting):
    data, pages = render_pack(meeting, members_view=True)
    reader = PdfReader(BytesIO(data))
    texts = [page.extract_text() for page in reader.pages]
    item_page = next(i for i, t in enumerate(texts) if "2. Status for FUT" in t and "Resumé" in t)
    assert "FUTBILAG side 1" in texts[item_page + 1]
    assert "FUTBILAG side 2" in texts[item_page + 2]
    assert "3. Lukket personalesag" in texts[item_page + 3]
    # the test's minimal .xlsx has no sheet LibreOffice can print: listed, with a link, never breaking the pack
    listing = " ".join(texts[item_page].split())
    assert "Bilag 2.2: Tidsplan (kunne ikke konverteres" in listing and "hent filen i portalen" in listing
    titles = [str(o.title) for o in reader.outline if not isinstance(o, list)]
    assert "Bilag: Porteføljestatus" in " ".join(titles) or any("Porteføljestatus" in t for t in titles)
    assert any(t.startswith("1. Budgetopfølgning") for t in titles)


def test_r30_pack_is_tagged_and_danish(meeting):
    data, _ = render_pack(meeting, members_view=True)
    reader = PdfReader(BytesIO(data))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "da"
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]


def test_r29_non_members_pack_has_no_closed_item_and_only_the_number_of_a_confidential_one(meeting):
    data, _ = render_pack(meeting, members_view=False)
    text = pdf_text(data)
    assert "Lukket personalesag" not in text and "HEMMELIG-LUKKET" not in text
    assert "Fortrolig kontraktforhandling" not in text and "HEMMELIG-FORTROLIG" not in text
    assert "4. Fortroligt punkt" in text
    members = pdf_text(render_pack(meeting, members_view=True)[0])
    assert "HEMMELIG-LUKKET" in members and "HEMMELIG-FORTROLIG" in members


def test_r30_content_hash_changes_with_the_agenda_and_differs_by_audience(meeting):
    before = pack_content_hash(meeting, members_view=True)
    assert before == pack_content_hash(meeting, members_view=True)
    assert before != pack_content_hash(meeting, members_view=False)
    add_item(meeting, "Nyt punkt")
    assert before != pack_content_hash(meeting, members_view=True)


def test_r30_appendix_lists_every_pejlemaerke_red_first_with_region_colours_in_words(meeting):
    from governance.selectors import portfolio_appendix, report_month

    statuses = portfolio_appendix(report_month(meeting.day))
    assert statuses, "the demo has status reports for the latest month"
    text = pdf_text(render_pack(meeting, members_view=False)[0])
    appendix = text[text.rindex("Porteføljestatus for") :]
    positions = [appendix.index(s.pejlemaerke.name) for s in statuses]
    assert positions == sorted(positions)  # the selector's order: red first
    first = statuses[0]
    assert first.colour == "red"
    region, colour, participating = first.region_colours[0]
    label = {"red": "Rød", "yellow": "Gul", "green": "Grøn", "done": "Gennemført"}.get(colour, "mangler")
    assert f"{region.code}: {label if participating else 'deltager ikke'}" in appendix

"""R29 case-paper format: order of sections, Indstilling clauses, Økonomi default, standing items, reordering,
numbered Bilag with type and size limits; decisions recorded with conditions and date."""

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from governance import services
from governance.models import AgendaItem, Standing
from governance.pdf import render_pack
from governance.rules import economy_text, indstilling_lines
from governance.selectors import decisions_for
from portfolio.models import BodyKind
from rsi_portal.pdf import pdf_text
from tests.governance.factories import AgendaItemFactory, BodyFactory, MeetingFactory, SekretariatFactory
from tests.governance.helpers import add_item, attach_file, make_meeting, pdf_bytes, sekretariat


def test_r29_indstilling_one_at_clause_per_line():
    text = "Det indstilles,\nat budgettet godkendes\n\n  Sekretariatet følger op  \nat punktet lukkes"
    assert indstilling_lines(text) == [
        "at budgettet godkendes",
        "at sekretariatet følger op",
        "at punktet lukkes",
    ]
    assert indstilling_lines("") == []


def test_r29_economy_says_ingen_bemaerkninger_when_empty():
    assert economy_text("") == "Ingen bemærkninger"
    assert economy_text("   \n") == "Ingen bemærkninger"
    assert economy_text("2 mio. kr.") == "2 mio. kr."


def test_r29_standing_items_are_added_once_first_and_last(db):
    actor = SekretariatFactory()
    meeting = MeetingFactory(body=BodyFactory(kind=BodyKind.IT5), day=date(2045, 5, 8))
    AgendaItemFactory(meeting=meeting, title="Almindeligt punkt")
    services.agenda_draft(actor=actor, meeting=meeting)
    services.agenda_draft(actor=actor, meeting=meeting)
    items = list(meeting.items.order_by("number"))
    standings = [i.standing for i in items]
    assert standings[:2] == [Standing.MINUTES, Standing.ORIENTERING]
    assert standings[-2:] == [Standing.NEXT_MEETING, Standing.EVENTUELT]
    assert "Almindeligt punkt" in [i.title for i in items]
    assert [i.number for i in items] == list(range(1, len(items) + 1))
    assert len(standings) == len(set(standings)) + standings.count("") - (1 if "" in standings else 0)


def test_r29_next_meeting_item_names_the_next_meeting(db):
    it5 = BodyFactory(kind=BodyKind.IT5)
    meeting = MeetingFactory(body=it5, day=date(2045, 6, 12))
    MeetingFactory(body=it5, day=date(2045, 8, 14), location="Regionshuset Viborg")
    services.agenda_draft(actor=SekretariatFactory(), meeting=meeting)
    item = meeting.items.get(standing=Standing.NEXT_MEETING)
    assert "14.08.2045" in item.resume and "Regionshuset Viborg" in item.resume


def test_r29_items_can_be_reordered(demo, client, login):
    meeting = make_meeting(day=date(2031, 9, 11))
    a, b, c = (add_item(meeting, t) for t in ("A", "B", "C"))
    services.agenda_item_move(actor=sekretariat(), item=c, direction="up")
    assert list(meeting.items.order_by("number").values_list("title", flat=True)) == ["A", "C", "B"]
    login("sekretariat")
    response = client.post(f"/styring/punkter/{a.pk}/flyt/", {"direction": "down"})
    assert response.status_code == 302
    assert list(meeting.items.order_by("number").values_list("title", flat=True)) == ["C", "A", "B"]
    services.agenda_item_move(actor=sekretariat(), item=AgendaItem.objects.get(pk=c.pk), direction="up")  # top stays
    assert meeting.items.get(number=1).title == "C"


def test_r29_attachments_are_numbered_and_limited(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = add_item(make_meeting(day=date(2031, 10, 9)), "Med bilag")
    first = attach_file(item, "notat.docx")
    second = services.attachment_add(
        actor=sekretariat(),
        item=item,
        title="Rapport",
        upload=SimpleUploadedFile("rapport.pdf", pdf_bytes(1, "R")),
    )
    assert (first.number, second.number) == (1, 2)
    with pytest.raises(ValidationError, match="Filtypen ».exe« kan ikke uploades"):
        attach_file(item, "virus.exe")
    with pytest.raises(ValidationError, match="men indholdet er ikke en PDF-fil"):
        attach_file(item, "falsk.pdf", b"not a pdf")
    big = SimpleUploadedFile("stor.txt", b"x")
    big.size = 20 * 1024 * 1024 + 1
    with pytest.raises(ValidationError, match="Den må højst fylde 20,0"):
        services.attachment_add(actor=sekretariat(), item=item, title="", upload=big)


def test_r29_item_page_shows_sections_in_case_paper_order(demo, client, login):
    item = add_item(
        make_meeting(day=date(2031, 11, 13)),
        "Sagen",
        indstilling="at A\nat B",
        case_handler="Hanne",
        case_number="RSI-1",
        resume="RES",
        sagsfremstilling="SAG",
        kommunikation="KOM",
    )
    login("direktoer")
    text = client.get(f"/styring/punkter/{item.pk}/").content.decode()
    order = [
        "Adgang",
        "Sagsbehandler",
        "Sagsnummer",
        "Resumé",
        "Indstilling",
        "Det indstilles,",
        "at A",
        "at B",
        "Sagsfremstilling",
        "Økonomi",
        "Ingen bemærkninger",
        "Sekretariatets bemærkninger",
        "Kommunikation",
        "Bilag",
    ]
    position = text.index("<h1>")
    for marker in order:  # each section comes after the previous one
        position = text.index(marker, position + 1)


def test_r29_beslutning_after_the_meeting_records_a_decision_with_conditions(db):
    actor = SekretariatFactory()
    item = AgendaItemFactory(meeting=MeetingFactory(day=date(2045, 12, 11)), title="Til beslutning")
    decision = services.agenda_item_decide(
        actor=actor,
        item=item,
        outcome="postponed",
        text="Udsat til næste møde",
        conditions="Ny business case",
        decided_on=date(2045, 12, 11),
    )
    item.refresh_from_db()
    assert "Udsat til næste møde" in item.beslutning and "Betingelser: Ny business case" in item.beslutning
    assert decision.subject == item and decision.conditions == "Ny business case"
    assert decision.decided_on == date(2045, 12, 11) and decision.meeting == item.meeting
    with pytest.raises(ValidationError):
        services.decision_record(
            actor=actor,
            subject=item,
            body=item.meeting.body,
            outcome="maybe",
            text="?",
            decided_on=date(2045, 12, 11),
        )
    services.decision_record(
        actor=actor,
        subject=item,
        body=item.meeting.body,
        outcome="approved",
        text="Godkendt",
        decided_on=date(2046, 1, 15),
    )
    assert len(decisions_for(item)) == 2  # the earlier decision stays


def test_r29_indstilling_takes_off_the_intro_and_never_lowers_capitals():
    assert indstilling_lines("Det indstilles, at RSI DK godkender X") == ["at RSI DK godkender X"]
    assert indstilling_lines("RSI DK godkender budgettet") == ["at RSI DK godkender budgettet"]
    assert indstilling_lines("IT5 orienteres\nLUNA-projektet afsluttes") == [
        "at IT5 orienteres",
        "at LUNA-projektet afsluttes",
    ]
    assert indstilling_lines("Region Midtjylland overtager driften") == ["at Region Midtjylland overtager driften"]
    assert indstilling_lines("det indstilles at sagen udsættes\nAt referatet godkendes") == [
        "at sagen udsættes",
        "at referatet godkendes",
    ]


def test_r29_an_item_without_indstilling_shows_no_indstilling_section(demo, client, login):
    meeting = make_meeting(day=date(2031, 11, 20))
    item = add_item(meeting, "Eventuelt", indstilling="")
    login("direktoer")
    text = client.get(f"/styring/punkter/{item.pk}/").content.decode()
    assert "Resumé" in text and "Sagsfremstilling" in text
    assert "Indstilling" not in text and "Det indstilles" not in text


def test_r29_standing_eventuelt_prints_no_indstilling_in_the_pack(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = make_meeting(day=date(2031, 11, 27))
    add_item(meeting, "Budget", indstilling="at budgettet godkendes")
    services.agenda_draft(actor=sekretariat(), meeting=meeting)
    eventuelt = meeting.items.get(standing=Standing.EVENTUELT)
    assert indstilling_lines(eventuelt.indstilling) == []
    data, _pages = render_pack(meeting, members_view=True)
    text = pdf_text(data)
    assert not re.search(r"Det indstilles,\s*–", text)
    with_clauses = [i for i in meeting.items.all() if indstilling_lines(i.indstilling)]
    assert text.count("Det indstilles,") == len(with_clauses) == meeting.items.count() - 1

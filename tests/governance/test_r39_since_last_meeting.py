"""R39: every pack after a body's first meeting opens with "Siden sidste møde": pejlemærker whose monthly
roll-up changed colour (from → to), new reds, and the decisions recorded since; closed items stay closed."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from pypdf import PdfReader

from governance import publishing, selectors, services
from governance.models import Access, Meeting, Outcome
from governance.pdf import pack_context, render_pack
from projects.rules import colour_label
from rsi_portal.pdf import pdf_text
from tests.governance.helpers import add_item, make_meeting, sekretariat

pytestmark = pytest.mark.django_db


@pytest.fixture
def meetings(demo, settings, tmp_path):
    """A meeting three months back (with two decided items, one Lukket) and the next one."""
    settings.MEDIA_ROOT = tmp_path
    current = make_meeting(day=date.today() + timedelta(days=35))
    previous = selectors.previous_meeting(current)
    if previous is None or previous.day > date.today():
        previous = make_meeting(day=date.today() - timedelta(days=95))
    previous = selectors.previous_meeting(current)
    public = add_item(previous, "Beslutning om FUT-udbud")
    closed = add_item(previous, "Lukket forhandling", access=Access.CLOSED)
    for item, text in ((public, "RSI DK godkendte udbuddet af FUT."), (closed, "HEMMELIG-BESLUTNING om løn.")):
        services.agenda_item_decide(
            actor=sekretariat(), item=item, outcome=Outcome.APPROVED, text=text, decided_on=previous.day
        )
    add_item(current, "Punkt på det nye møde")
    return previous, current


def test_r39_since_last_meeting_lists_colour_changes_new_reds_and_decisions(meetings):
    previous, current = meetings
    data, _pages = render_pack(current, members_view=True)
    text = " ".join(pdf_text(data).split())
    assert "Siden sidste møde" in text
    assert "RSI DK godkendte udbuddet af FUT." in text and "HEMMELIG-BESLUTNING om løn." in text
    # the colour moves as the kept monthly roll-up gives them for the two report months
    month, before_month = selectors.report_month(current.day), selectors.report_month(previous.day)
    before = {s.pejlemaerke.pk: s.colour for s in selectors.portfolio_appendix(before_month)}
    moves = [
        (s.pejlemaerke.name, before[s.pejlemaerke.pk], s.colour)
        for s in selectors.portfolio_appendix(month)
        if month != before_month and s.pejlemaerke.pk in before and before[s.pejlemaerke.pk] != s.colour
    ]
    for name, old, new in moves:
        assert f"{name}: {colour_label(old, False)} → {colour_label(new, False)}" in text
    for name, _old, new in moves:
        if new == "red":
            assert name in text[text.index("Nye røde pejlemærker") :]
    if not moves:
        assert "Ingen pejlemærker har skiftet farve." in text
    # listed in the agenda, on the page after the agenda
    reader = PdfReader(BytesIO(data))
    outline = {str(o.title): reader.get_destination_page_number(o) for o in reader.outline if not isinstance(o, list)}
    assert "Siden sidste møde" in outline
    assert "Siden sidste møde" in reader.pages[1].extract_text()


def test_r29_since_last_meeting_keeps_closed_decisions_closed_for_others(meetings):
    _previous, current = meetings
    text = " ".join(pdf_text(render_pack(current, members_view=False)[0]).split())
    assert "RSI DK godkendte udbuddet af FUT." in text
    assert "HEMMELIG-BESLUTNING" not in text and "Besluttet i lukket punkt" in text


def test_r39_first_meeting_of_a_body_has_no_since_last_meeting(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    earliest = Meeting.objects.filter(body__kind="RSI_DK").order_by("day").first()
    first = make_meeting(day=(earliest.day if earliest else date.today()) - timedelta(days=400))
    add_item(first, "Første punkt nogensinde")
    assert pack_context(first, members_view=True)["since_last"] is None
    assert "Siden sidste møde" not in pdf_text(render_pack(first, members_view=True)[0])


def test_r39_version_changes_are_section_by_section_and_say_nothing_about_a_number_only_item():
    old = [
        {
            "id": 1,
            "number": 1,
            "full": True,
            "title": "A",
            "access": "public",
            "sections": {"resume": "x", "title": "t"},
            "attachments": [["1.1", "Plan", "aaa"]],
        },
        {"id": 2, "number": 2, "full": False},
        {"id": 3, "number": 3, "full": True, "title": "C", "access": "public", "sections": {}, "attachments": []},
    ]
    new = [
        {
            "id": 1,
            "number": 1,
            "full": True,
            "title": "A",
            "access": "public",
            "sections": {"resume": "y", "title": "t"},
            "attachments": [["1.1", "Plan", "bbb"], ["1.2", "Budget", "c"]],
        },
        {"id": 2, "number": 2, "full": False},
        {"id": 4, "number": 3, "full": True, "title": "D", "access": "public", "sections": {}, "attachments": []},
    ]
    assert publishing.version_changes(old, new) == [
        "Punkt 1. A: ændret i Resumé.",
        "Bilag 1.1 – Plan er erstattet.",
        "Bilag 1.2 – Budget er tilføjet.",
        "Punkt 3. D er tilføjet.",
        "Punkt 3. C er udgået.",
    ]

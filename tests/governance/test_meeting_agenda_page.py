"""The meeting page's agenda and the meeting list: one number per item, small move controls, one item count,
and "Fremlægges af" offering the body's members and the regions' IT directors first."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from lxml import html

from governance.forms import AgendaItemForm
from governance.models import Access
from portfolio.models import BodyKind, BodyMembership

from .helpers import add_item, make_meeting


def _agenda(response):
    return html.fromstring(response.content).xpath("//section[@aria-labelledby='agenda-h']")[0]


def _likely_presenters(meeting) -> set[int]:
    memberships = BodyMembership.objects.filter(body=meeting.body) | BodyMembership.objects.filter(
        body__kind=BodyKind.IT5
    )
    return set(memberships.values_list("user_id", flat=True))


@pytest.fixture
def meeting(demo):
    meeting = make_meeting()
    add_item(meeting, "Godkendelse af dagsorden")
    add_item(meeting, "Status på LUNA", access=Access.CONFIDENTIAL)
    add_item(meeting, "Personalesag", access=Access.CLOSED)
    return meeting


def test_agenda_items_carry_one_number_each_and_two_small_move_controls(client, login, meeting):
    login("sekretariat")
    agenda = _agenda(client.get(meeting.get_absolute_url()))
    assert agenda.xpath(".//ol") == []  # the list draws no numbers of its own
    entries = agenda.xpath(".//ul[contains(@class, 'agenda-list')]/li")
    titles = [entry.xpath(".//strong")[0].text_content().strip() for entry in entries]
    assert titles == ["1. Godkendelse af dagsorden", "2. Status på LUNA", "3. Personalesag"]
    assert not re.search(r"\b\d+\.\s*\d+\.", agenda.text_content())
    for number, entry in enumerate(entries, start=1):
        up, down = entry.xpath(".//button[contains(@class, 'move-control')]")
        assert up.get("aria-label") == f"Flyt punkt {number} op" and up.get("title") == "Flyt op"
        assert down.get("aria-label") == f"Flyt punkt {number} ned" and down.get("title") == "Flyt ned"
        assert up.text_content().strip() == "↑" and down.text_content().strip() == "↓"
        assert (up.get("disabled") is not None) is (number == 1)
        assert (down.get("disabled") is not None) is (number == len(entries))


def test_readers_without_edit_rights_get_no_move_controls(client, login, meeting):
    login("kontakt")
    agenda = _agenda(client.get(meeting.get_absolute_url()))
    assert agenda.xpath(".//button[contains(@class, 'move-control')]") == []


@pytest.mark.parametrize(
    ("username", "shown"),
    [
        ("sekretariat", 3),  # sees every item
        ("direktoer", 3),  # a member of RSI DK sees the Lukket item too (R29)
        ("kontakt", 2),  # no member: the Lukket item is neither on the page nor counted
    ],
)
def test_meeting_list_counts_the_items_the_reader_sees_on_the_meeting_page(client, login, meeting, username, shown):
    login(username)
    detail = client.get(meeting.get_absolute_url())
    assert len(detail.context["items"]) == shown
    listing = client.get(reverse("governance:meeting_list"), {"year": meeting.day.year})
    row = html.fromstring(listing.content).xpath(f"//a[@href='{meeting.get_absolute_url()}']/ancestor::tr")[0]
    headers = [th.text_content().strip() for th in row.xpath("ancestor::table//thead//th")]
    cells = [cell.text_content().strip() for cell in row.xpath("./th | ./td")]
    assert cells[headers.index("Punkter")] == str(shown)


def test_presenter_offers_the_bodys_members_and_the_it_directors_first(demo):
    meeting = make_meeting(kind=BodyKind.SYS, day=make_meeting().day + timedelta(days=1))
    users = get_user_model().objects.filter(is_active=True)
    name = {u.pk: u.get_full_name() or u.username for u in users}
    likely = _likely_presenters(meeting)

    select = html.fromstring(str(AgendaItemForm(meeting=meeting)["presenter"]))
    groups = [(g.get("label"), [o.text_content() for o in g.xpath("./option")]) for g in select.xpath("./optgroup")]

    assert [label for label, _ in groups] == ["Forummets medlemmer", "Øvrige"]
    first, rest = groups[0][1], groups[1][1]
    assert sorted(first) == sorted(name[pk] for pk in likely if pk in name)
    assert len(first) + len(rest) == users.count() and not set(first) & set(rest)
    sys_member = BodyMembership.objects.filter(body=meeting.body).select_related("user").first().user
    it_director = BodyMembership.objects.filter(body__kind=BodyKind.IT5).select_related("user").first().user
    assert {sys_member.get_full_name(), it_director.get_full_name()} <= set(first)
    assert select.xpath("./option")[0].get("value") == ""  # nobody chosen is still possible
    assert select.get("data-searchable") == "true"  # static/js/select-search.js adds the search box


def test_a_presenter_from_the_others_is_saved(client, login, demo):
    meeting = make_meeting()
    other = get_user_model().objects.filter(is_active=True).exclude(pk__in=_likely_presenters(meeting)).first()
    login("sekretariat")
    response = client.post(
        reverse("governance:item_create", args=[meeting.pk]),
        {"title": "Orientering", "access": Access.PUBLIC, "presenter": other.pk, "indstilling": "at det noteres"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert meeting.items.get(title="Orientering").presenter == other

"""R29 for everything derived from a Lukket or Fortrolig item: the decision taken on it, the status it gives
its matter, the matter list and its export. Non-members see "Besluttet i lukket punkt" with the date only."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from governance import selectors, services
from governance.models import Access, Decision, Outcome
from governance.rules import Kind
from portfolio.models import BodyKind, Pejlemaerke
from tests.governance.helpers import add_item, make_meeting, sekretariat

pytestmark = pytest.mark.django_db

SECRET = "HEMMELIG-BESLUTNING-5521"
CONDITION = "HEMMELIG-BETINGELSE-0917"
PUBLIC_TEXT = "Offentlig beslutning om driften"
NON_MEMBERS = ["kontakt", "projektleder", "regional", "formand", "direktoer"]
DAY = date(2031, 5, 6)


def _user(username):
    return get_user_model().objects.get(username=username)


def _matter(title):
    return services.matter_create(
        actor=sekretariat(),
        title=title,
        kind=Kind.ECONOMY,
        amount=Decimal("250000"),
        year=2031,
        pejlemaerke=Pejlemaerke.objects.order_by("pk").first(),
    )


def _decide(access, title, text, *, conditions=""):
    """The secretariat records a decision on an IT5 item of the given access that is linked to a matter."""
    matter = _matter(title)
    assert matter.route_body == "IT5"
    meeting = make_meeting(kind=BodyKind.IT5, day=DAY)
    item = add_item(meeting, f"Punkt om {title}", access=access, matter=matter)
    services.agenda_item_decide(
        actor=sekretariat(), item=item, outcome=Outcome.APPROVED, text=text, conditions=conditions, decided_on=DAY
    )
    matter.refresh_from_db()
    return matter, item


@pytest.fixture
def closed(demo):
    return _decide(Access.CLOSED, "Lukket driftsaftale", SECRET, conditions=CONDITION)


@pytest.mark.parametrize("username", NON_MEMBERS)
def test_r29_matter_page_hides_a_closed_items_decision(client, login, closed, username):
    matter, item = closed
    login(username)
    assert client.get(f"/styring/punkter/{item.pk}/").status_code == 403
    response = client.get(matter.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert SECRET not in page and CONDITION not in page
    assert "Besluttet i lukket punkt" in page and "6. maj 2031" in page
    assert "Godkendt" not in page  # the matter's status is the decision's outcome


@pytest.mark.parametrize("username", ["it5-rm", "sekretariat"])
def test_r29_members_and_secretariat_see_the_decision_on_the_matter(client, login, closed, username):
    matter, _item = closed
    login(username)
    page = client.get(matter.get_absolute_url()).content.decode()
    assert SECRET in page and CONDITION in page and "Godkendt" in page
    assert "Besluttet i lukket punkt" not in page


def test_r29_confidential_items_decision_is_hidden_too(client, login, demo):
    matter, _item = _decide(Access.CONFIDENTIAL, "Fortrolig personalesag", SECRET)
    login("kontakt")
    page = client.get(matter.get_absolute_url()).content.decode()
    assert SECRET not in page and "Besluttet i lukket punkt" in page


def test_r29_public_items_decision_is_shown_to_everyone(client, login, demo):
    matter, _item = _decide(Access.PUBLIC, "Offentlig driftsaftale", PUBLIC_TEXT)
    login("kontakt")
    page = client.get(matter.get_absolute_url()).content.decode()
    assert PUBLIC_TEXT in page and "Besluttet i lukket punkt" not in page and "Godkendt" in page


def _export_rows(client, route="IT5"):
    response = client.get("/styring/sager/", {"route": route, "format": "csv"})
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def _status_of(rows, title):
    header = rows[0]
    row = next(r for r in rows if title in r)
    return row[header.index("Status")]


@pytest.mark.parametrize("username", ["kontakt", "direktoer"])
def test_r29_matter_list_and_export_hide_the_outcome(client, login, closed, username):
    matter, _item = closed
    login(username)
    page = client.get("/styring/sager/", {"route": "IT5"}).content.decode()
    row = page[page.index(matter.title) :].split("</tr>", 1)[0]
    assert "Besluttet i lukket punkt" in row and "Godkendt" not in row
    assert _status_of(_export_rows(client), matter.title) == "Besluttet i lukket punkt"


def test_r29_member_sees_the_outcome_in_the_export(client, login, closed):
    matter, _item = closed
    login("it5-rm")
    assert _status_of(_export_rows(client), matter.title) == "Godkendt"


def test_r29_one_selector_decides_for_every_derived_thing(closed):
    """selectors.may_see answers for the item, its decision, its Bilag and the matter's status alike."""
    matter, item = closed
    decision = Decision.objects.get(item=item)
    for username, expected in [("kontakt", False), ("direktoer", False), ("it5-rm", True), ("sekretariat", True)]:
        user = _user(username)
        assert selectors.may_see(user, item) is expected
        assert selectors.may_see(user, decision) is expected
        assert [shown.full for shown in selectors.shown_decisions(user, [decision])] == [expected]
        assert selectors.matter_status_shown(user, matter) == ("Godkendt" if expected else "Besluttet i lukket punkt")

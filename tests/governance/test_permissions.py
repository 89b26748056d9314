"""Every governance page is denied by default: a permission test per demo role."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from governance.models import Meeting
from tests.governance.helpers import add_item, make_meeting

ROLES = ["sekretariat", "projektleder", "regional", "formand", "direktoer", "kontakt"]
READ_PAGES = ["/styring/", "/styring/sager/", "/styring/systemer/"]
WRITE_PAGES = ["/styring/moeder/ny/", "/styring/sager/ny/", "/styring/systemer/ny/"]


@pytest.mark.parametrize("username", ROLES)
def test_every_role_reads_meetings_matters_and_systems(client, demo, login, username):
    login(username)
    meeting = Meeting.objects.filter(body__kind="RSI_DK").first()
    for url in [*READ_PAGES, meeting.get_absolute_url()]:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("username", ROLES)
def test_only_the_secretariat_edits(client, demo, login, username):
    login(username)
    expected = 200 if username == "sekretariat" else 403
    for url in WRITE_PAGES:
        assert client.get(url).status_code == expected, url
    meeting = make_meeting(day=date(2031, 3, 3))
    item = add_item(meeting, "Punkt")
    for url in [
        f"/styring/moeder/{meeting.pk}/rediger/",
        f"/styring/punkter/{item.pk}/rediger/",
        f"/styring/punkter/{item.pk}/beslutning/",
        f"/styring/moeder/{meeting.pk}/referat/",
    ]:
        assert client.get(url).status_code == expected, url
    response = client.post(f"/styring/moeder/{meeting.pk}/udarbejd/")
    assert response.status_code == (302 if username == "sekretariat" else 403)


def test_anonymous_and_roleless_users_are_refused(client, demo):
    assert client.get("/styring/").status_code == 302  # to the login page
    nobody = get_user_model().objects.create_user("nobody", password="x")
    client.force_login(nobody)
    assert client.get("/styring/").status_code == 403
    assert client.get("/styring/sager/").status_code == 403


def test_meeting_list_has_bounded_queries(client, demo, login, django_assert_max_num_queries):
    login("direktoer")
    client.get("/styring/")
    with django_assert_max_num_queries(12):
        response = client.get("/styring/")
    assert response.status_code == 200 and "Hent dagsordenspakke" in response.content.decode()


def test_meeting_list_exports(client, demo, login):
    login("sekretariat")
    response = client.get("/styring/?past=on&format=csv")
    assert response.status_code == 200 and "RSI DK" in response.content.decode("utf-8-sig")
    assert client.get("/styring/?format=xlsx").status_code == 200


def test_meeting_page_has_bounded_queries(client, demo, login, django_assert_max_num_queries):
    from tests.governance.helpers import add_item

    meeting = make_meeting(day=date(2033, 5, 3))
    for n in range(3):
        add_item(meeting, f"Punkt {n}")
    login("sekretariat")
    client.get(meeting.get_absolute_url())
    with django_assert_max_num_queries(40) as few:
        client.get(meeting.get_absolute_url())
    for n in range(3, 20):
        add_item(meeting, f"Punkt {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(meeting.get_absolute_url())
    assert "Punkt 19" in response.content.decode()


def test_meeting_list_filters_to_my_bodies(client, demo, login):
    it5 = make_meeting(kind="IT5", day=date(2034, 1, 3))
    rsi = make_meeting(kind="RSI_DK", day=date(2034, 1, 4))
    login("direktoer")  # member of RSI DK, not of IT5
    text = client.get("/styring/?year=2034&mine=on").content.decode()
    assert rsi.get_absolute_url() in text and it5.get_absolute_url() not in text
    text = client.get("/styring/?year=2034").content.decode()
    assert rsi.get_absolute_url() in text and it5.get_absolute_url() in text

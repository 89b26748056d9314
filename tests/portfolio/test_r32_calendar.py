"""R32 årshjul: the year's page and subscribable iCalendar feeds (parsed back with `icalendar`)."""

from datetime import date

import pytest
from django.utils import timezone
from icalendar import Calendar

from portfolio.models import Body, BodyKind, CalendarFeedToken
from portfolio.rhythm.rules import year_wheel
from portfolio.rhythm.selectors import calendar_events
from portfolio.rhythm.services import calendar_token_for
from projects.rules import reporting_deadline

YEAR = timezone.localdate().year  # the feeds cover last, this and next year


def test_r32_the_fixed_points_of_the_year():
    wheel = year_wheel(2027)
    by_kind = {}
    for event in wheel:
        by_kind.setdefault(event.kind, []).append(event)
    assert [e.start.month for e in by_kind["seminar"]] == [2, 9]
    assert [e.start.month for e in by_kind["oea"]] == [1, 3, 5, 6, 10]
    assert [e.start for e in by_kind["budget"]] == [date(2027, 4, 30)]  # R22: end of April
    assert [e.start for e in by_kind["collection"]] == [date(2027, 12, 1)]  # R21: 1 December
    assert [e.start.month for e in by_kind["quarterly"]] == [3, 6, 9, 12]
    assert all(e.month_long for e in by_kind["seminar"] + by_kind["oea"])
    assert [e.start for e in wheel] == sorted(e.start for e in wheel)


@pytest.fixture
def rsi_dk_meeting(demo):
    from governance.models import Meeting

    body = Body.objects.get(kind=BodyKind.RSI_DK)
    day = date(YEAR, 10, 21)
    meeting, _ = Meeting.objects.get_or_create(
        body=body, day=day, defaults={"format": "physical", "location": "Dampfærgevej 22"}
    )
    return meeting


def test_r32_the_year_holds_meetings_agenda_and_reporting_deadlines(rsi_dk_meeting):
    from governance.rules import agenda_due

    events = calendar_events(YEAR)
    uids = {e.uid: e for e in events}
    assert uids[f"meeting-{rsi_dk_meeting.pk}"].start == rsi_dk_meeting.day
    assert uids[f"agenda-{rsi_dk_meeting.pk}"].start == agenda_due(rsi_dk_meeting.day)
    assert uids[f"reporting-{YEAR}-03"].start == reporting_deadline(date(YEAR, 3, 1))
    assert f"director-mail-{YEAR}-07-01" not in uids and f"director-mail-{YEAR}-08-01" in uids


def _parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_r32_a_persons_feed_parses_back_without_a_login(rsi_dk_meeting, client, django_user_model):
    direktoer = django_user_model.objects.get(username="direktoer")
    token = calendar_token_for(user=direktoer).token
    calendar = _parse(client.get(f"/kalender/{token}/mig.ics"))  # the client is not logged in
    events = {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    seminar = events[f"wheel-seminar-{YEAR}-02-01"]
    assert seminar.decoded("DTSTART") == date(YEAR, 2, 1) and seminar.decoded("DTEND") == date(YEAR, 3, 1)
    assert events[f"wheel-collection-{YEAR}-12-01"].decoded("DTSTART") == date(YEAR, 12, 1)
    meeting = events[f"meeting-{rsi_dk_meeting.pk}"]  # the direktør is in RSI DK
    assert meeting.decoded("DTSTART") == rsi_dk_meeting.day and "Dampfærgevej 22" in str(meeting["LOCATION"])
    assert f"agenda-{rsi_dk_meeting.pk}" in events
    assert f"reporting-{YEAR}-06" in events
    assert f"wheel-oea-{YEAR + 1}-01-01" in events  # next year is there for planning


def test_r32_a_persons_feed_has_only_their_bodies_meetings(rsi_dk_meeting, client, django_user_model):
    kontakt = django_user_model.objects.get(username="kontakt")
    assert not Body.objects.filter(kind=BodyKind.RSI_DK, memberships__user=kontakt).exists()
    calendar = _parse(client.get(f"/kalender/{calendar_token_for(user=kontakt).token}/mig.ics"))
    uids = {str(e["UID"]).split("@")[0] for e in calendar.walk("VEVENT")}
    assert f"meeting-{rsi_dk_meeting.pk}" not in uids and f"wheel-budget-{YEAR}-04-30" in uids


def test_r32_a_bodys_feed_has_its_meetings_and_agenda_deadlines_only(rsi_dk_meeting, client, sekretariat):
    from governance.models import Meeting

    it5 = Body.objects.get(kind=BodyKind.IT5)
    other, _ = Meeting.objects.get_or_create(body=it5, day=date(YEAR, 10, 22), defaults={"format": "virtual"})
    token = calendar_token_for(user=sekretariat).token
    calendar = _parse(client.get(f"/kalender/{token}/forum/{rsi_dk_meeting.body_id}.ics"))
    uids = {str(e["UID"]).split("@")[0] for e in calendar.walk("VEVENT")}
    assert {f"meeting-{rsi_dk_meeting.pk}", f"agenda-{rsi_dk_meeting.pk}"} <= uids
    assert f"meeting-{other.pk}" not in uids
    assert not any(uid.startswith("wheel-") for uid in uids)
    assert str(calendar["X-WR-CALNAME"]) == str(rsi_dk_meeting.body)


def test_r32_a_wrong_or_rotated_token_gets_nothing(demo, client, login, django_user_model):
    user = django_user_model.objects.get(username="formand")
    old = calendar_token_for(user=user).token
    assert client.get("/kalender/not-a-real-token/mig.ics").status_code == 404
    assert client.get(f"/kalender/{old[:-1]}x/mig.ics").status_code == 404
    login("formand")
    assert client.post("/aarshjul/").status_code == 302  # new links
    client.logout()
    assert client.get(f"/kalender/{old}/mig.ics").status_code == 404
    new = CalendarFeedToken.objects.get(user=user).token
    assert new != old and client.get(f"/kalender/{new}/mig.ics").status_code == 200
    user.is_active = False
    user.save()
    assert client.get(f"/kalender/{new}/mig.ics").status_code == 404


def test_r32_a_token_of_a_person_without_a_role_gives_no_feed(demo, client, django_user_model):
    nobody = django_user_model.objects.create_user("udenrolle")
    token = calendar_token_for(user=nobody).token
    assert client.get(f"/kalender/{token}/mig.ics").status_code == 403


ROLES = ["sekretariat", "projektleder", "regional", "formand", "direktoer", "kontakt"]


@pytest.mark.parametrize("username", ROLES)
def test_r32_every_role_sees_the_aarshjul_with_personal_feed_links(rsi_dk_meeting, client, login, username):
    user = login(username)
    page = client.get(f"/aarshjul/?year={YEAR}")
    assert page.status_code == 200
    html = page.content.decode()
    assert f"Årshjul {YEAR}" in html and "Strategiseminar" in html and "Frist for opkrævning" in html
    assert "Budgetoverblik" in html and "Frist for dagsordensmateriale" in html
    assert f"/kalender/{CalendarFeedToken.objects.get(user=user).token}/mig.ics" in html


def test_r32_anonymous_visitors_are_sent_to_login(demo, client):
    response = client.get("/aarshjul/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_r32_the_page_uses_a_bounded_number_of_queries(rsi_dk_meeting, client, login, django_assert_max_num_queries):
    login("direktoer")
    client.get("/aarshjul/")
    with django_assert_max_num_queries(12):
        assert client.get(f"/aarshjul/?year={YEAR}").status_code == 200


DEADLINE_KINDS = {"agenda", "director_mail", "reporting"}


def test_r28_the_aarshjul_puts_no_deadline_on_a_non_working_day(db):
    from governance.models import Meeting
    from governance.rules import agenda_due
    from rsi_portal.dates import is_working_day
    from tests.governance.factories import BodyFactory

    meeting, _ = Meeting.objects.get_or_create(  # 7 days before: 1 January
        body=BodyFactory(kind=BodyKind.RSI_DK), day=date(2026, 1, 8), defaults={"format": "virtual"}
    )
    events = calendar_events(2026)
    new_years_day = [e for e in events if e.start == date(2026, 1, 1) and e.kind in DEADLINE_KINDS]
    assert new_years_day == []
    uids = {e.uid: e for e in events}
    assert uids[f"agenda-{meeting.pk}"].start == agenda_due(meeting.day) < date(2026, 1, 1)
    deadlines = [e for e in events if e.kind in DEADLINE_KINDS and e.start.year == 2026]
    assert deadlines and all(is_working_day(e.start) for e in deadlines)
    # R31: items for the mail of 15 November 2026 (a Sunday) are due the working day before Saturday the 14th.
    assert uids["director-mail-2026-11-15"].start == date(2026, 11, 13)
    # the mail of 1 January 2027 has its deadline in this year's wheel; that of 1 January 2026 in last year's
    assert uids["director-mail-2027-01-01"].start == date(2026, 12, 30)
    assert "director-mail-2026-01-01" not in uids
    assert {e.uid for e in calendar_events(2025)} >= {"director-mail-2026-01-01"}

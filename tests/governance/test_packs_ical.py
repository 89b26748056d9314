"""R32/R30: the calendar feeds: meetings timed with location, busy, linked to their page and, once the agenda
is published, to the pack; Danish categories. Read back with `icalendar` and, independently, `vobject`."""

from datetime import date, time, timedelta

import pytest
import vobject
from icalendar import Calendar

from governance import services
from governance.models import MeetingFormat
from portfolio.models import Body, BodyKind
from portfolio.rhythm.ical import CATEGORIES
from portfolio.rhythm.services import calendar_token_for
from tests.governance.helpers import add_item, sekretariat

pytestmark = pytest.mark.django_db
INTERNAL_CODES = {"director_mail", "oea", "meeting", "agenda", "reporting", "report", "collection", "budget"}


@pytest.fixture
def meeting(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = services.meeting_save(
        actor=sekretariat(),
        body=Body.objects.get(kind=BodyKind.RSI_DK),
        day=date.today() + timedelta(days=20 if (date.today() + timedelta(days=20)).weekday() != 3 else 21),
        start_time=time(13, 30),
        format=MeetingFormat.PHYSICAL,
        location="Dampfærgevej 22, København Ø",
    )
    add_item(meeting, "Punkt i kalenderen")
    return meeting


def _feed(client, meeting):
    token = calendar_token_for(user=sekretariat()).token
    response = client.get(f"/kalender/{token}/forum/{meeting.body_id}.ics")
    assert response.status_code == 200
    return response.content


def _event(calendar, meeting):
    return next(c for c in calendar.walk("VEVENT") if str(c["uid"]).startswith(f"meeting-{meeting.pk}@"))


def test_r32_meeting_is_timed_located_busy_and_linked(meeting, client):
    data = _feed(client, meeting)
    event = _event(Calendar.from_ical(data), meeting)
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert (start.date(), start.hour, start.minute) == (meeting.day, 13, 30)
    assert end - start == timedelta(hours=2) and start.tzinfo is not None
    assert str(event["location"]) == "Dampfærgevej 22, København Ø"
    assert str(event["transp"]) == "OPAQUE"
    assert str(event["url"]).endswith(f"/styring/moeder/{meeting.pk}/")
    # not published yet: no pack link
    assert "attach" not in event and "pakke/aktuel" not in str(event.get("description", ""))
    # the time zone the start refers to is in the feed
    assert any(
        str(tz["tzid"]) == str(event["dtstart"].params["TZID"]) for tz in Calendar.from_ical(data).walk("VTIMEZONE")
    )


def test_r32_categories_are_danish_words_and_deadlines_are_free(meeting, client):
    calendar = Calendar.from_ical(_feed(client, meeting))
    categories = set()
    for event in calendar.walk("VEVENT"):
        for value in event.get("categories").cats:
            categories.add(str(value))
        if not str(event["uid"]).startswith("meeting-"):
            assert str(event["transp"]) == "TRANSPARENT"
    assert "Møde" in categories and "Dagsordensfrist" in categories
    assert not categories & INTERNAL_CODES
    assert categories <= {str(label) for label in CATEGORIES.values()} | {"Årshjul"}


def test_r30_published_meeting_links_to_the_readers_current_pack(
    meeting, client, login, eager_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        version = services.agenda_pack_publish(actor=sekretariat(), meeting=meeting)
    event = _event(Calendar.from_ical(_feed(client, meeting)), meeting)
    link = f"/styring/moeder/{meeting.pk}/pakke/aktuel/"
    assert link in str(event["description"]) and str(event["attach"]).endswith(link)
    login("direktoer")
    assert client.get(link).url == version.members_pack.get_absolute_url()
    login("projektleder")
    assert client.get(link).url == version.others_pack.get_absolute_url()


def test_r32_feed_is_read_by_a_second_independent_parser(meeting, client):
    parsed = vobject.readOne(_feed(client, meeting).decode())
    events = [e for e in parsed.vevent_list if e.uid.value.startswith(f"meeting-{meeting.pk}@")]
    assert len(events) == 1
    event = events[0]
    assert event.dtstart.value.hour == 13 and event.dtstart.value.tzinfo is not None
    assert event.dtend.value - event.dtstart.value == timedelta(hours=2)
    assert event.location.value == "Dampfærgevej 22, København Ø"
    assert event.transp.value == "OPAQUE"
    assert "Møde" in event.categories.value
    assert all(e.dtstamp.value is not None for e in parsed.vevent_list)

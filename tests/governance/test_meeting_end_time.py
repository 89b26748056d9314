"""A meeting's end time: optional, two hours after the start by default in the form, after the start
(form, service and database), and used by the calendar feeds (read back with icalendar and vobject)."""

from datetime import date, time, timedelta

import pytest
import vobject
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from icalendar import Calendar

from governance import services
from governance.forms import MeetingForm
from governance.models import Meeting, MeetingFormat
from governance.rules import default_end_time
from portfolio.models import Body, BodyKind
from portfolio.rhythm.services import calendar_token_for
from tests.governance.helpers import sekretariat

pytestmark = pytest.mark.django_db


def _day():
    day = date.today() + timedelta(days=45)
    return day + timedelta(days=1) if day.weekday() == 3 else day  # off the demo plan's Thursdays


def _form_data(**overrides):
    data = {
        "body": Body.objects.get(kind=BodyKind.IT5).pk,
        "day": _day().isoformat(),
        "start_time": "13:30",
        "end_time": "",
        "format": MeetingFormat.PHYSICAL,
        "location": "Regionshuset Viborg",
    }
    return {**data, **overrides}


def test_default_end_time_is_two_hours_after_the_start_within_the_day():
    assert default_end_time(time(13, 30)) == time(15, 30)
    assert default_end_time(time(21, 59)) == time(23, 59)
    assert default_end_time(time(22, 30)) is None  # would pass midnight


def test_form_defaults_the_end_to_two_hours_after_the_start(client, demo, login):
    login("sekretariat")
    response = client.post("/styring/moeder/ny/", _form_data())
    assert response.status_code == 302
    meeting = Meeting.objects.get(body__kind=BodyKind.IT5, day=_day())
    assert (meeting.start_time, meeting.end_time) == (time(13, 30), time(15, 30))


def test_form_shows_the_default_end_of_a_meeting_without_one(demo):
    meeting = services.meeting_save(
        actor=sekretariat(),
        body=Body.objects.get(kind=BodyKind.IT5),
        day=_day(),
        start_time=time(9, 0),
        format=MeetingFormat.VIRTUAL,
    )
    assert meeting.end_time is None
    assert 'value="11:00"' in str(MeetingForm(instance=meeting)["end_time"])


@pytest.mark.parametrize(
    ("start", "end", "field", "message"),
    [
        ("13:30", "13:30", "end_time", "Sluttidspunktet skal ligge efter starttidspunktet."),
        ("13:30", "12:00", "end_time", "Sluttidspunktet skal ligge efter starttidspunktet."),
        ("", "15:00", "start_time", "Angiv starttidspunktet, når mødet har et sluttidspunkt."),
    ],
)
def test_end_must_be_after_the_start_with_a_danish_message(client, demo, login, start, end, field, message):
    login("sekretariat")
    response = client.post("/styring/moeder/ny/", _form_data(start_time=start, end_time=end, location="Mit sted"))
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert "Mit sted" in response.content.decode()  # nothing typed is lost
    assert not Meeting.objects.filter(body__kind=BodyKind.IT5, day=_day()).exists()


def test_service_and_database_refuse_an_end_before_the_start(demo):
    meeting = services.meeting_save(
        actor=sekretariat(),
        body=Body.objects.get(kind=BodyKind.IT5),
        day=_day(),
        start_time=time(10, 0),
        end_time=time(12, 0),
        format=MeetingFormat.VIRTUAL,
    )
    with pytest.raises(ValidationError):
        services.meeting_save(actor=sekretariat(), meeting=meeting, end_time=time(9, 0))
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(end_time=time(9, 0))
    meeting.refresh_from_db()
    assert meeting.end_time == time(12, 0)


def test_r32_feeds_use_the_meetings_end_time(client, demo):
    meeting = services.meeting_save(
        actor=sekretariat(),
        body=Body.objects.get(kind=BodyKind.IT5),
        day=_day(),
        start_time=time(13, 30),
        end_time=time(16, 15),
        format=MeetingFormat.PHYSICAL,
        location="Regionshuset Viborg",
    )
    token = calendar_token_for(user=sekretariat()).token
    data = client.get(f"/kalender/{token}/forum/{meeting.body_id}.ics").content
    event = next(
        e for e in Calendar.from_ical(data).walk("VEVENT") if str(e["uid"]).startswith(f"meeting-{meeting.pk}@")
    )
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert (start.hour, start.minute, end.hour, end.minute) == (13, 30, 16, 15) and end.tzinfo is not None
    parsed = vobject.readOne(data.decode())
    other = next(e for e in parsed.vevent_list if e.uid.value.startswith(f"meeting-{meeting.pk}@"))
    assert other.dtend.value - other.dtstart.value == timedelta(hours=2, minutes=45)

"""R28 deadlines: agenda 7 days before, decision log and minutes within a week after, minutes approved at the
next meeting; the year's plan of RSI DK meetings as editable suggestions."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from governance import services
from governance.models import Meeting, MeetingFormat
from governance.rules import agenda_due, follow_up_due, meeting_plan, on_time
from governance.selectors import meeting_timeliness, upcoming_meetings
from portfolio.models import BodyKind
from rsi_portal.dates import is_working_day
from tests.governance.factories import BodyFactory, MeetingFactory, SekretariatFactory
from tests.governance.helpers import add_item, make_meeting, sekretariat


def test_r28_agenda_due_is_seven_days_before():
    assert agenda_due(date(2027, 3, 11)) == date(2027, 3, 4)
    assert agenda_due(date(2027, 1, 5)) == date(2026, 12, 29)
    assert follow_up_due(date(2027, 3, 11)) == date(2027, 3, 18)


def test_r28_on_time_boundary():
    due = date(2027, 3, 4)
    assert on_time(due, due) is True
    assert on_time(due + timedelta(days=1), due) is False
    assert on_time(None, due) is None


def test_r28_plan_has_eleven_meetings_seven_virtual_four_physical_no_july():
    plan = meeting_plan(2027)
    assert len(plan) == 11
    assert sum(1 for _, virtual in plan if virtual) == 7
    assert all(day.month != 7 and day.weekday() == 3 for day, _ in plan)


def test_r28_generated_plan_is_editable_suggestions_and_idempotent(db):
    actor, body = SekretariatFactory(), BodyFactory(kind=BodyKind.RSI_DK)
    created = services.meeting_plan_generate(actor=actor, body=body, year=2041)
    assert len(created) == 11 and all(m.is_suggestion for m in created)
    assert sum(1 for m in created if m.format == MeetingFormat.PHYSICAL) == 4
    assert services.meeting_plan_generate(actor=actor, body=body, year=2041) == []
    moved = services.meeting_save(actor=actor, meeting=created[0], day=date(2041, 1, 20), is_suggestion=False)
    assert not moved.is_suggestion and Meeting.objects.filter(body=body, day__year=2041).count() == 11
    moved.refresh_from_db()
    assert moved.day == date(2041, 1, 20)


def test_r28_meeting_page_shows_whether_material_went_out_in_time(client, demo, login):
    meeting = make_meeting(day=date(2026, 3, 10))
    actor = sekretariat()
    item = add_item(meeting, "Et punkt")
    services.agenda_pack_publish(actor=actor, meeting=meeting, today=date(2026, 3, 3))
    services.agenda_item_decide(actor=actor, item=item, outcome="approved", text="Godkendt.", decided_on=meeting.day)
    services.decision_log_publish(actor=actor, meeting=meeting, today=date(2026, 3, 18))
    meeting.refresh_from_db()
    rows = {t.label: t for t in meeting_timeliness(meeting)}
    assert rows["Dagsorden"].on_time is True
    assert rows["Beslutningsprotokol"].on_time is False
    assert rows["Referat"].on_time is None
    login("direktoer")
    text = client.get(meeting.get_absolute_url()).content.decode()
    assert "Rettidigt" in text and "For sent" in text and "Ikke udsendt – fristen er overskredet" in text


def test_r28_minutes_are_approved_at_the_next_meeting_only(db):
    actor = SekretariatFactory()
    first = MeetingFactory(day=date(2042, 2, 14))
    second = MeetingFactory(day=date(2042, 3, 14))
    other = MeetingFactory(body=BodyFactory(kind=BodyKind.IT5), day=date(2042, 3, 20))
    with pytest.raises(ValidationError):
        services.minutes_approve(actor=actor, meeting=first, at=second)  # no minutes yet
    services.minutes_write(actor=actor, meeting=first, minutes="Referat.")
    with pytest.raises(ValidationError):
        services.minutes_approve(actor=actor, meeting=first, at=other)
    with pytest.raises(ValidationError):
        services.minutes_approve(actor=actor, meeting=second, at=first)
    services.minutes_approve(actor=actor, meeting=first, at=second)
    first.refresh_from_db()
    assert first.minutes_approved_at == second
    with pytest.raises(ValidationError):
        services.minutes_write(actor=actor, meeting=first, minutes="Ændret efter godkendelse")
    assert first.history.count() >= 3  # versions kept


def test_r28_upcoming_meetings_contract(db, django_assert_max_num_queries):
    body = BodyFactory(kind=BodyKind.IT5)
    MeetingFactory(body=body, day=date(2043, 5, 1))
    MeetingFactory(body=body, day=date(2043, 4, 1))
    with django_assert_max_num_queries(1):
        meetings = list(upcoming_meetings(after=date(2043, 1, 1), body=body))
        names = [m.body.name for m in meetings]
    assert [m.day for m in meetings] == [date(2043, 4, 1), date(2043, 5, 1)] and len(names) == 2
    assert list(upcoming_meetings(after=date(2043, 4, 2), body=BodyKind.IT5))[0].day == date(2043, 5, 1)


def test_r28_approving_the_minutes_item_approves_the_previous_meetings_minutes(db):
    actor, it5 = SekretariatFactory(), BodyFactory(kind=BodyKind.IT5)  # IT5: standing items only, no R11 reads
    first = MeetingFactory(body=it5, day=date(2044, 2, 14))
    services.minutes_write(actor=actor, meeting=first, minutes="Referat af februarmødet.")
    second = MeetingFactory(body=it5, day=date(2044, 3, 14))
    services.agenda_draft(actor=actor, meeting=second)
    item = second.items.get(standing="minutes")
    assert "14.02.2044" in item.indstilling
    services.agenda_item_decide(
        actor=actor, item=item, outcome="approved", text="Referatet blev godkendt.", decided_on=second.day
    )
    first.refresh_from_db()
    assert first.minutes_approved_at == second


def _working_day_on_or_before(day):
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


@pytest.mark.parametrize(
    ("meeting_day", "nominal"),
    [
        (date(2026, 1, 8), date(2026, 1, 1)),  # Nytårsdag
        (date(2026, 4, 9), date(2026, 4, 2)),  # Skærtorsdag
        (date(2026, 12, 31), date(2026, 12, 24)),  # Juleaftensdag (non-working by the R13 setting)
    ],
)
def test_r28_agenda_due_on_a_non_working_day_moves_to_the_working_day_before(meeting_day, nominal):
    due = agenda_due(meeting_day)
    assert due == _working_day_on_or_before(nominal) and is_working_day(due)


def test_r28_holidays_never_are_due_dates():
    assert agenda_due(date(2026, 1, 8)) < date(2026, 1, 1)
    assert agenda_due(date(2026, 4, 9)) == date(2026, 4, 1)  # Skærtorsdag 2 April → Wednesday
    assert follow_up_due(date(2026, 12, 18)) < date(2026, 12, 25)  # Juledag → before Christmas
    assert follow_up_due(date(2026, 3, 30)) == date(2026, 4, 1)  # 6 April is Easter Monday → 1 April


def test_r28_minutes_are_approved_only_at_the_bodys_next_meeting(db):
    actor, it5 = SekretariatFactory(), BodyFactory(kind=BodyKind.IT5)
    february = MeetingFactory(body=it5, day=date(2046, 2, 14))
    march = MeetingFactory(body=it5, day=date(2046, 3, 14))
    april = MeetingFactory(body=it5, day=date(2046, 4, 14))
    MeetingFactory(body=it5, day=date(2046, 3, 1), is_suggestion=True)  # an unconfirmed suggestion does not count
    services.minutes_write(actor=actor, meeting=february, minutes="Referat af februarmødet.")
    with pytest.raises(ValidationError, match="næste møde"):
        services.minutes_approve(actor=actor, meeting=february, at=april)
    february.refresh_from_db()
    assert february.minutes_approved_at is None
    services.minutes_approve(actor=actor, meeting=february, at=march)
    february.refresh_from_db()
    assert february.minutes_approved_at == march


@pytest.mark.parametrize("what", ["agenda", "decision_log"])
def test_r28_sent_out_of_agenda_and_decision_log_only_by_publishing(client, demo, login, what):
    """The agenda's and the decision log's "sent out" come only from publishing them (R28, R30)."""
    meeting = make_meeting(day=date.today() + timedelta(days=30))
    login("sekretariat")
    response = client.post(
        f"/styring/moeder/{meeting.pk}/udsendt/", {"what": what, "on": date.today().isoformat()}, follow=True
    )
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.agenda_sent_on is None and meeting.decision_log_sent_on is None
    with pytest.raises(ValidationError):
        services.meeting_mark_sent(actor=sekretariat(), meeting=meeting, what=what, on=date.today())
    meeting.refresh_from_db()
    assert meeting.agenda_sent_on is None and meeting.decision_log_sent_on is None


def test_r28_minutes_sent_out_is_still_registered_by_hand(client, demo, login):
    meeting = make_meeting(day=date.today() - timedelta(days=3))
    services.minutes_write(actor=sekretariat(), meeting=meeting, minutes="Referat.")
    login("sekretariat")
    client.post(f"/styring/moeder/{meeting.pk}/udsendt/", {"what": "minutes", "on": date.today().isoformat()})
    meeting.refresh_from_db()
    assert meeting.minutes_sent_on == date.today() and meeting.agenda_sent_on is None
    login("direktoer")
    response = client.post(f"/styring/moeder/{meeting.pk}/udsendt/", {"what": "minutes", "on": "2020-01-01"})
    assert response.status_code == 403

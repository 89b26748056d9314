"""R31 RSI-direktørkredsmail: the 1st and the 15th except July, items due the day before, send and archive."""

from datetime import date, datetime, time, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from portfolio.models import Body, BodyKind, DirectorMail, DirectorMailItem, DirectorMailStatus
from portfolio.rhythm import services as rhythm_services
from portfolio.rhythm.rules import (
    director_mail_due,
    director_mail_items_due,
    next_director_mail_date,
    open_director_mail_date,
)
from portfolio.rhythm.tasks import director_mail_tick

ISSUE = date(2026, 11, 15)


@pytest.fixture
def demo(demo):
    """The demo data without the demo's own director mail and item (these tests make their own)."""
    DirectorMailItem.objects.all().delete()  # rolled back after each test
    DirectorMail.history.model.objects.all().delete()
    DirectorMail.objects.all().delete()


def test_r31_the_mail_goes_out_on_the_1st_and_the_15th():
    assert director_mail_due(date(2026, 11, 1)) and director_mail_due(date(2026, 11, 15))
    for day in (2, 14, 16, 30):
        assert not director_mail_due(date(2026, 11, day))


def test_r31_no_mail_in_july():
    assert not director_mail_due(date(2026, 7, 1))
    assert not director_mail_due(date(2026, 7, 15))
    assert director_mail_due(date(2026, 6, 15)) and director_mail_due(date(2026, 8, 1))
    assert next_director_mail_date(date(2026, 6, 16)) == date(2026, 8, 1)


def test_r31_items_are_due_the_working_day_before():
    assert director_mail_items_due(date(2026, 12, 1)) == date(2026, 11, 30)
    assert director_mail_items_due(date(2026, 11, 15)) == date(2026, 11, 13)  # Saturday 14th -> Friday
    assert director_mail_items_due(date(2027, 1, 1)) == date(2026, 12, 30)  # 31 December is a day off


def test_r31_an_item_added_on_an_issue_day_goes_into_the_following_issue():
    assert open_director_mail_date(date(2026, 11, 13)) == date(2026, 11, 15)  # due today: still this one
    assert open_director_mail_date(date(2026, 11, 14)) == date(2026, 12, 1)  # its deadline was Friday
    assert open_director_mail_date(date(2026, 11, 15)) == date(2026, 12, 1)  # its items were due yesterday
    assert open_director_mail_date(date(2026, 6, 15)) == date(2026, 8, 1)  # no mail in July


@pytest.mark.django_db
def test_r31_the_database_refuses_a_mail_in_july_or_on_another_day():
    with pytest.raises(IntegrityError), transaction.atomic():
        DirectorMail.objects.create(issue_date=date(2026, 7, 1), subject="x", body="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        DirectorMail.objects.create(issue_date=date(2026, 11, 2), subject="x", body="x")


def _added_on(item, day):
    DirectorMailItem.objects.filter(pk=item.pk).update(added_at=timezone.make_aware(datetime.combine(day, time(16, 0))))


def test_r31_compile_takes_items_added_by_the_day_before_and_leaves_later_ones(demo, sekretariat):
    early = rhythm_services.director_mail_item_add(actor=sekretariat, title="Nyt om ØA", text="Kortlisten er klar.")
    late = rhythm_services.director_mail_item_add(actor=sekretariat, title="For sent", text="Kom på dagen.")
    _added_on(early, director_mail_items_due(ISSUE))  # Friday 13 November, the working day before
    _added_on(late, ISSUE - timedelta(days=1))  # Saturday: after the deadline
    compiled = rhythm_services.director_mail_compile(issue_date=ISSUE)
    assert "Nyt om ØA" in compiled.body and "Kortlisten er klar." in compiled.body
    assert "For sent" not in compiled.body
    early.refresh_from_db(), late.refresh_from_db()
    assert early.mail == compiled and late.mail is None  # waits for the next mail
    nxt = rhythm_services.director_mail_compile(issue_date=date(2026, 12, 1))
    assert "For sent" in nxt.body


def test_r31_automatic_lines_new_red_pejlemaerker_meetings_and_deadlines(demo):
    from governance.models import Meeting
    from governance.rules import agenda_due
    from projects.models import StatusReport
    from projects.selectors import portfolio_status
    from projects.services.rollup import rollup_refresh

    period = date(2026, 10, 1)  # its deadline has passed by 15 November
    green = next(s for s in portfolio_status(period) if s.colour == "green" and s.previous_colour == "green")
    StatusReport.objects.filter(project__pejlemaerke=green.pejlemaerke, period=period).update(colour="red")
    rollup_refresh(pejlemaerke=green.pejlemaerke, months=[period])  # a raw write: the roll-up follows by hand
    rsi_dk = Body.objects.get(kind=BodyKind.RSI_DK)
    meeting_day = ISSUE + timedelta(days=20)
    Meeting.objects.filter(body=rsi_dk, day=meeting_day).delete()
    Meeting.objects.create(body=rsi_dk, day=meeting_day, format="physical", location="Danske Regioner")
    compiled = rhythm_services.director_mail_compile(issue_date=ISSUE)
    red_section = compiled.body.split("Nye røde pejlemærker")[1].split("Kommende møder")[0]
    assert green.pejlemaerke.name in red_section
    meetings = compiled.body.split("Kommende møder")[1].split("Kommende frister")[0]
    assert "Danske Regioner" in meetings
    deadlines = compiled.body.split("Kommende frister")[1]
    assert "Frist for dagsordensmateriale" in deadlines
    assert f"{agenda_due(meeting_day).day}." in deadlines
    assert "Frist for månedsstatus for 11.2026" in deadlines  # due 1 December, within four weeks


def test_r31_compiling_twice_or_in_july_does_nothing(demo):
    assert rhythm_services.director_mail_compile(issue_date=ISSUE) is not None
    assert rhythm_services.director_mail_compile(issue_date=ISSUE) is None
    assert DirectorMail.objects.count() == 1
    with pytest.raises(ValidationError):
        rhythm_services.director_mail_compile(issue_date=date(2026, 7, 1))


def test_r31_beat_compiles_on_issue_days_only(demo):
    assert director_mail_tick.apply(kwargs={"today": "2026-07-15"}).get() is None
    assert director_mail_tick.apply(kwargs={"today": "2026-11-14"}).get() is None
    assert not DirectorMail.objects.exists()
    pk = director_mail_tick.apply(kwargs={"today": "2026-11-15"}).get()
    assert DirectorMail.objects.get(pk=pk).status == DirectorMailStatus.DRAFT
    assert director_mail_tick.apply(kwargs={"today": "2026-11-15"}).get() is None


def test_r31_preview_edit_send_and_archive(demo, client, login):
    draft = rhythm_services.director_mail_compile(issue_date=ISSUE)
    login("sekretariat")
    page = client.get(f"/direktoerkredsmail/{draft.pk}/").content.decode()
    assert "Forhåndsvisning" in page and "Nyt fra sekretariatet" in page
    response = client.post(f"/direktoerkredsmail/{draft.pk}/", {"subject": "", "body": "Ny tekst"})
    assert response.status_code == 400 and "Skriv et emne." in response.content.decode()
    assert "Ny tekst" in response.content.decode()  # what was typed is kept
    client.post(f"/direktoerkredsmail/{draft.pk}/", {"subject": "RSI-mail 15/11", "body": "Rettet tekst"})
    draft.refresh_from_db()
    assert (draft.subject, draft.body) == ("RSI-mail 15/11", "Rettet tekst")
    assert draft.history.count() == 2  # compiled, edited
    response = client.post(f"/direktoerkredsmail/{draft.pk}/", {"action": "send"})
    assert response.status_code == 302
    draft.refresh_from_db()
    members = rhythm_services.director_mail_recipients()
    assert draft.status == DirectorMailStatus.SENT and draft.sent_at and len(draft.recipients) == len(members)
    assert len(mail.outbox) == len(members) and mail.outbox[0].body.strip() == "Rettet tekst"
    # Archived: it cannot be edited or sent again.
    client.post(f"/direktoerkredsmail/{draft.pk}/", {"subject": "Ændret", "body": "Ændret"})
    client.post(f"/direktoerkredsmail/{draft.pk}/", {"action": "send"})
    draft.refresh_from_db()
    assert draft.subject == "RSI-mail 15/11" and len(mail.outbox) == len(members)


def test_r31_adding_an_item_keeps_the_text_on_error(demo, client, login):
    login("sekretariat")
    response = client.post("/direktoerkredsmail/", {"title": "", "text": "Husk seminaret"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Skriv en overskrift." in body and "Husk seminaret" in body
    assert client.post("/direktoerkredsmail/", {"title": "Seminar", "text": "Husk det"}).status_code == 302
    assert DirectorMailItem.objects.filter(title="Seminar", mail__isnull=True).exists()
    # Whatever today is (an issue date too), the new item is listed as waiting for the next mail.
    page = client.get("/direktoerkredsmail/").content.decode()
    assert page.index("Punkter, der venter") < page.index("Seminar")


ROLES = ["sekretariat", "projektleder", "regional", "formand", "direktoer", "kontakt"]


@pytest.mark.parametrize("username", ROLES)
def test_r31_who_may_see_the_director_mails(demo, client, login, sekretariat, username):
    sent = rhythm_services.director_mail_compile(issue_date=ISSUE)
    rhythm_services.director_mail_send(actor=sekretariat, mail=sent)
    draft = rhythm_services.director_mail_compile(issue_date=date(2026, 12, 1))
    user = login(username)
    in_rsi_dk = Body.objects.get(kind=BodyKind.RSI_DK).memberships.filter(user=user).exists()
    listing = client.get("/direktoerkredsmail/")
    if username == "sekretariat":
        assert listing.status_code == 200
        assert client.get(f"/direktoerkredsmail/{draft.pk}/").status_code == 200
    elif in_rsi_dk:  # the director circle reads the sent archive, not drafts, and cannot add items
        assert listing.status_code == 200 and draft.subject not in listing.content.decode()
        assert client.get(f"/direktoerkredsmail/{sent.pk}/").status_code == 200
        assert client.get(f"/direktoerkredsmail/{draft.pk}/").status_code == 403
        assert client.post("/direktoerkredsmail/", {"title": "x", "text": "y"}).status_code == 403
    else:
        assert listing.status_code == 403
        assert client.get(f"/direktoerkredsmail/{sent.pk}/").status_code == 403

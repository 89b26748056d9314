"""R13 reminders: before the deadline, after it (plus the secretariat's list), once per person/month/kind."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from portfolio.models import Pejlemaerke, ReminderKind, ReminderLog
from portfolio.rhythm.rules import reminder_day, reminder_kind_due
from portfolio.rhythm.services import reminders_send
from portfolio.rhythm.tasks import reminders_tick
from projects.rules import reporting_deadline
from projects.selectors import missing_reports
from rsi_portal.dates import add_months, add_working_days, is_working_day

PERIOD = date(2030, 3, 1)  # far from the demo's submitted months: every report is missing


def test_r13_first_reminder_is_three_working_days_before_the_deadline(settings):
    deadline = reporting_deadline(PERIOD)
    assert reminder_day(PERIOD) == add_working_days(deadline, -3)
    assert is_working_day(reminder_day(PERIOD))
    settings.RSI = {**settings.RSI, "REMINDER_WORKING_DAYS_BEFORE": 5}
    assert reminder_day(PERIOD) == add_working_days(deadline, -5)


def test_r13_reminder_windows_have_exact_boundaries():
    first, deadline = reminder_day(PERIOD), reporting_deadline(PERIOD)
    assert reminder_kind_due(PERIOD, first - timedelta(days=1)) is None
    assert reminder_kind_due(PERIOD, first) == "before"
    assert reminder_kind_due(PERIOD, deadline) == "before"  # the deadline day is still on time
    assert reminder_kind_due(PERIOD, deadline + timedelta(days=1)) == "after"
    next_first = reminder_day(add_months(PERIOD, 1))
    assert reminder_kind_due(PERIOD, next_first - timedelta(days=1)) == "after"
    assert reminder_kind_due(PERIOD, next_first) is None  # an old month is never chased again


def _responsible_usernames(period):
    return {u.username for m in missing_reports(period) for u in m.responsible_users if u.email}


def test_r13_before_the_deadline_each_responsible_person_gets_one_email(demo):
    today = reminder_day(PERIOD)
    sent = reminders_send(today=today)
    expected = _responsible_usernames(PERIOD)
    assert sent == {"before": len(expected)}
    logs = ReminderLog.objects.filter(period=PERIOD, kind=ReminderKind.BEFORE)
    assert {log.user.username for log in logs} == expected
    assert {m.to[0] for m in mail.outbox} == {log.email for log in logs}
    luna = next(m for m in mail.outbox if m.to[0].startswith("projektleder@"))
    assert "Påmindelse" in luna.subject and "LUNA" in luna.body
    # No one else: the secretariat gets its list only after the deadline.
    assert not ReminderLog.objects.filter(kind=ReminderKind.SECRETARIAT).exists()


def test_r13_reminders_are_sent_at_most_once_per_person_month_and_kind(demo):
    today = reminder_day(PERIOD)
    reminders_send(today=today)
    count = len(mail.outbox)
    assert reminders_send(today=today) == {}
    assert reminders_send(today=today + timedelta(days=1)) == {}  # still "before": nothing new
    assert reminders_tick.apply(kwargs={"today": today.isoformat()}).get() == {}
    assert len(mail.outbox) == count
    log = ReminderLog.objects.filter(period=PERIOD).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        ReminderLog.objects.create(user=log.user, period=PERIOD, kind=log.kind, email=log.email)


def test_r13_after_the_deadline_a_second_email_and_a_list_for_the_secretariat(demo, sekretariat):
    reminders_send(today=reminder_day(PERIOD))
    mail.outbox.clear()
    after = reporting_deadline(PERIOD) + timedelta(days=1)
    sent = reminders_send(today=after)
    expected = _responsible_usernames(PERIOD)
    assert sent["after"] == len(expected)
    assert sent["secretariat"] >= 1
    listing = ReminderLog.objects.get(period=PERIOD, kind=ReminderKind.SECRETARIAT, user=sekretariat)
    assert len(listing.items) == len(missing_reports(PERIOD))
    chased = next(m for m in mail.outbox if m.to[0] == "projektleder@demo.regioner.dk")
    assert chased.subject.startswith("Rykker")
    assert reminders_send(today=after + timedelta(days=2)) == {}


def test_r13_no_reminders_for_paused_or_closed_pejlemaerker_or_opted_out_regions(demo):
    reminders_send(today=reminder_day(PERIOD))
    reminders_send(today=reporting_deadline(PERIOD) + timedelta(days=1))
    reminded = [(item["pejlemaerke"], item["region"]) for log in ReminderLog.objects.all() for item in log.items]
    assert reminded
    not_in_portfolio = set(Pejlemaerke.objects.exclude(state="portfolio").values_list("name", flat=True))
    assert "PPJ – præhospital patientjournal" in not_in_portfolio  # paused in the demo
    assert not {name for name, _region in reminded} & not_in_portfolio
    # Region Hovedstaden waits (afventer) on hjemmemonitorering: it is never chased for it.
    assert ("Fælles mål for hjemmemonitorering", "RH") not in reminded
    assert ("Fælles mål for hjemmemonitorering", "RSJ") in reminded


def test_r13_a_submitted_report_is_not_reminded(demo, django_user_model):
    from projects.models import ReportState, StatusReport

    missing = missing_reports(PERIOD)
    luna = [m for m in missing if m.project.pejlemaerke.name.startswith("LUNA")]
    leader = django_user_model.objects.get(username="projektleder")
    for item in luna:
        StatusReport.objects.create(
            project=item.project,
            region=item.region,
            period=PERIOD,
            state=ReportState.SUBMITTED,
            colour="green",
            version=1,
            created_by=leader,
            submitted_at=timezone.now(),
        )
    reminders_send(today=reminder_day(PERIOD))
    assert not ReminderLog.objects.filter(user=leader, period=PERIOD).exists()


ROLES = ["sekretariat", "projektleder", "regional", "formand", "direktoer", "kontakt"]


@pytest.mark.parametrize("username", ROLES)
def test_the_reminder_page_shows_what_was_sent_to_the_secretariat_only(demo, client, login, username):
    reminders_send(today=reminder_day(PERIOD))
    login(username)
    response = client.get("/paamindelser/")
    if username != "sekretariat":
        assert response.status_code == 403
        return
    page = response.content.decode()
    assert response.status_code == 200
    assert "Påmindelse før fristen" in page and "projektleder@demo.regioner.dk" in page
    filtered = client.get("/paamindelser/?kind=after").content.decode()
    assert "Ingen påmindelser passer til filtrene." in filtered
    export = client.get("/paamindelser/?format=csv")
    assert export.status_code == 200 and "projektleder@demo.regioner.dk" in export.content.decode("utf-8-sig")


def test_the_reminder_page_uses_a_bounded_number_of_queries(demo, client, login, django_assert_max_num_queries):
    reminders_send(today=reminder_day(PERIOD))
    login("sekretariat")
    with django_assert_max_num_queries(10):
        assert client.get("/paamindelser/").status_code == 200

"""The governance demo: a past RSI DK meeting with minutes and decisions, the next one with a drafted agenda
including a red pejlemærke item; loading it twice changes nothing."""

import io
from datetime import date

from django.core.management import call_command

from governance.models import AgendaItem, Decision, JointSystem, Matter, Meeting


def _counts():
    from governance.models import AgendaPack, Attachment, OperatingBudget
    from portfolio.models import AuditEntry

    models = (JointSystem, OperatingBudget, Matter, Meeting, AgendaItem, Attachment, Decision, AgendaPack, AuditEntry)
    return [m.objects.count() for m in models]


def test_demo_has_past_meeting_with_minutes_and_next_with_red_item(demo):
    today = date.today()
    past = Meeting.objects.filter(body__kind="RSI_DK", day__lt=today).exclude(items=None).order_by("-day").first()
    assert past.minutes and past.minutes_sent_on and past.decisions.exists()
    # R28: its agenda and decision log went out by publishing, both in time
    assert past.agenda_sent_on < past.day < past.decision_log_sent_on
    assert set(past.pack_versions.values_list("kind", flat=True)) == {"agenda", "decision_log"}
    upcoming = Meeting.objects.filter(body__kind="RSI_DK", day__gte=today).order_by("day").first()
    items = list(upcoming.items.all())
    assert any("status rød" in i.title for i in items)
    assert {i.access for i in items} >= {"public", "closed", "confidential"}
    assert Matter.objects.filter(route_body="SYS").exists() and Matter.objects.filter(route_body="IT5").exists()


def test_demo_is_idempotent(demo):
    before = _counts()
    call_command("loaddemo", "--i-know-this-is-not-production", stdout=io.StringIO())
    assert _counts() == before

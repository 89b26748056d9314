"""Typed audit for governance: every action has a Danish label, and every update records {field: [old, new]}."""

from datetime import date
from decimal import Decimal

from governance import services
from governance.models import AuditAction, Matter
from portfolio.models import AuditEntry, BodyKind
from rsi_portal.registry import audit_action_label
from tests.governance.factories import (
    BodyFactory,
    JointSystemFactory,
    MatterFactory,
    MeetingFactory,
    OperatingBudgetFactory,
    SekretariatFactory,
)


def _last(obj, action):
    return (
        AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk), action=action)
        .order_by("pk")
        .last()
    )


def test_every_governance_action_has_its_danish_label():
    assert audit_action_label("meeting.sent.decision_log") == "Beslutningslog udsendt"
    for action in AuditAction:
        assert audit_action_label(action.value) == str(action.label) != action.value


def test_meeting_update_records_old_and_new_and_nothing_when_unchanged(db):
    actor = SekretariatFactory()
    meeting = MeetingFactory(day=date(2046, 3, 1), location="København")
    services.meeting_save(actor=actor, meeting=meeting, location="Aarhus", day=date(2046, 3, 2))
    entry = _last(meeting, AuditAction.MEETING_SAVE)
    assert entry.data == {"location": ["København", "Aarhus"], "day": ["2046-03-01", "2046-03-02"]}
    assert entry.action_label == "Møde gemt"
    before = AuditEntry.objects.count()
    services.meeting_save(actor=actor, meeting=meeting, location="Aarhus")
    assert AuditEntry.objects.count() == before


def test_meeting_edited_on_its_page_records_the_change(client, db):
    """The bound ModelForm sets the new values on its instance first; the change must still be seen."""
    actor = SekretariatFactory()
    meeting = MeetingFactory(day=date(2046, 4, 1), location="København")
    client.force_login(actor)
    response = client.post(
        f"/styring/moeder/{meeting.pk}/rediger/",
        {"body": meeting.body_id, "day": "2046-04-01", "start_time": "", "format": meeting.format, "location": "Vejle"},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.location == "Vejle"
    assert _last(meeting, AuditAction.MEETING_SAVE).data == {"location": ["København", "Vejle"]}


def test_sent_and_minutes_record_old_and_new(db):
    actor = SekretariatFactory()
    meeting = MeetingFactory(day=date(2046, 5, 1))
    services.minutes_write(actor=actor, meeting=meeting, minutes="Første udkast.")
    services.minutes_write(actor=actor, meeting=meeting, minutes="Rettet referat.")
    assert _last(meeting, AuditAction.MEETING_MINUTES).data == {"minutes": ["Første udkast.", "Rettet referat."]}
    services.meeting_mark_sent(actor=actor, meeting=meeting, what="minutes", on=date(2046, 5, 6))
    assert _last(meeting, AuditAction.MEETING_SENT_MINUTES).data == {"minutes_sent_on": [None, "2046-05-06"]}


def test_joint_system_and_budget_updates_record_old_and_new(db):
    actor = SekretariatFactory()
    system = JointSystemFactory(fsa="Gammel FSA")
    OperatingBudgetFactory(system=system, year=2046, amount=Decimal("100.00"))
    services.joint_system_save(actor=actor, system=system, fsa="Ny FSA")
    assert _last(system, AuditAction.JOINT_SYSTEM_SAVE).data == {"fsa": ["Gammel FSA", "Ny FSA"]}
    services.operating_budget_set(actor=actor, system=system, year=2046, amount=Decimal("250"))
    assert _last(system, AuditAction.JOINT_SYSTEM_BUDGET).data == {"year": 2046, "amount": ["100.00", "250.00"]}


def test_a_decision_on_a_matter_records_its_new_status(db):
    matter = MatterFactory()
    decision = services.decision_record(
        actor=SekretariatFactory(),
        subject=matter,
        body=BodyFactory(kind=BodyKind.IT5),
        outcome="approved",
        text="Godkendt.",
        decided_on=date(2046, 6, 1),
    )
    assert Matter.objects.get(pk=matter.pk).status == "approved"
    entry = _last(decision, AuditAction.DECISION_RECORD)
    assert entry.data["status"] == ["open", "approved"] and entry.data["outcome"] == "approved"

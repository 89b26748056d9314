"""The portfolio's typed audit trail: every action a Danish label, every update its {field: [old, new]}."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from portfolio.audit import entries_for, log_action
from portfolio.models import AuditAction, AuditEntry, BodyKind, DirectorMail, DirectorMailItem, MemberRole
from portfolio.rhythm import services as rhythm_services
from portfolio.rules import Lifecycle, ParticipationStatus
from portfolio.services import body_member_set, participation_set, pejlemaerke_transition, pejlemaerke_update
from rsi_portal.registry import audit_action_label

from .factories import BodyFactory, PejlemaerkeFactory, RegionFactory, SekretariatFactory, UserFactory

pytestmark = pytest.mark.django_db


@translation.override("da")
def test_every_portfolio_action_has_a_danish_label():
    for action in AuditAction:
        assert "." in action.value
        assert audit_action_label(action.value) == str(action.label) != action.value
    assert audit_action_label("pejlemaerke.update") == "Pejlemærke ændret"


def test_a_plain_string_is_not_an_action():
    pejlemaerke = PejlemaerkeFactory()
    with pytest.raises(TypeError):
        log_action(actor=None, action="pejlemaerke.update", obj=pejlemaerke)


@translation.override("da")
def test_pejlemaerke_update_records_old_and_new_and_nothing_when_unchanged():
    sekretariat = SekretariatFactory()
    pejlemaerke = PejlemaerkeFactory(actor=sekretariat, name="Før", short_name="")
    pejlemaerke_update(actor=sekretariat, pejlemaerke=pejlemaerke, name="Efter", short_name="E", is_programme=False)
    entry = entries_for(pejlemaerke).get(action=AuditAction.PEJLEMAERKE_UPDATE)
    assert entry.data == {"name": ["Før", "Efter"], "short_name": ["", "E"]}
    assert entry.action_label == "Pejlemærke ændret"
    pejlemaerke_update(actor=sekretariat, pejlemaerke=pejlemaerke, name="Efter")
    assert entries_for(pejlemaerke).filter(action=AuditAction.PEJLEMAERKE_UPDATE).count() == 1


def test_participation_and_transition_record_old_and_new():
    sekretariat = SekretariatFactory()
    pejlemaerke = PejlemaerkeFactory(actor=sekretariat)
    participation_set(
        actor=sekretariat,
        pejlemaerke=pejlemaerke,
        region=RegionFactory(code="RN"),
        status=ParticipationStatus.AFVENTER,
        explanation="Ny platform i 2027.",
    )
    entry = entries_for(pejlemaerke).get(action=AuditAction.PARTICIPATION_SET)
    assert entry.data == {
        "region": "RN",
        "status": [ParticipationStatus.DELTAGER, ParticipationStatus.AFVENTER],
        "explanation": ["", "Ny platform i 2027."],
    }
    pejlemaerke_transition(actor=sekretariat, pejlemaerke=pejlemaerke, to_state=Lifecycle.PIPELINE, reason="Klar")
    entry = entries_for(pejlemaerke).get(action=AuditAction.PEJLEMAERKE_TRANSITION)
    assert entry.data == {"state": [Lifecycle.IDEA, Lifecycle.PIPELINE], "reason": "Klar"}


def test_body_member_set_records_the_new_member_and_a_role_change():
    sekretariat = SekretariatFactory()
    body = BodyFactory(kind=BodyKind.PMO5)
    person = UserFactory()
    body_member_set(actor=sekretariat, body=body, user=person, title="Porteføljeleder")
    body_member_set(actor=sekretariat, body=body, user=person, role=MemberRole.CHAIR, title="Porteføljeleder")
    entries = AuditEntry.objects.filter(action=AuditAction.BODY_MEMBER_SET, object_id=str(body.pk))
    created, changed = entries.filter(data__user=person.username).order_by("pk")
    assert created.data["role"] == [None, MemberRole.MEMBER] and created.data["title"] == [None, "Porteføljeleder"]
    assert changed.data == {"user": person.username, "role": [MemberRole.MEMBER, MemberRole.CHAIR]}


def test_director_mail_edit_records_what_changed(demo, sekretariat):
    DirectorMailItem.objects.all().delete()  # rolled back after the test
    DirectorMail.objects.all().delete()
    mail = rhythm_services.director_mail_compile(issue_date=date(2026, 11, 15))
    old_subject = mail.subject
    rhythm_services.director_mail_update(actor=sekretariat, mail=mail, subject="Ny overskrift", body=mail.body)
    entry = entries_for(mail).get(action=AuditAction.DIRECTOR_MAIL_UPDATE)
    assert entry.data == {"subject": [old_subject, "Ny overskrift"]}


def test_the_pejlemaerke_page_shows_the_danish_labels(demo, client, login):
    sekretariat = login("sekretariat")
    pejlemaerke = PejlemaerkeFactory(actor=sekretariat)
    pejlemaerke_update(actor=sekretariat, pejlemaerke=pejlemaerke, goal="Bedre data")
    page = client.get(reverse("portfolio:pejlemaerke_detail", args=[pejlemaerke.pk])).content.decode()
    assert "Pejlemærke oprettet" in page and "Pejlemærke ændret" in page
    assert "pejlemaerke.update" not in page and "pejlemaerke.create" not in page

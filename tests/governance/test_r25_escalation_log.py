"""R25/R37: the escalation log. Every path raised from its source's page, the item drafted on the receiving
body's next meeting (or the entry waits), the decision that closes it, the list page and its export."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance import services
from governance.escalations import escalation_path
from governance.models import AgendaItem, Escalation, EscalationKind, JointSystem, Meeting, MeetingFormat, Outcome
from governance.rules import Kind, Source
from portfolio.models import AuditEntry, Body, BodyKind, BodyMembership, MemberRole, Pejlemaerke
from tests.governance.helpers import sekretariat


def _member(kind, *, exclude_bodies=()):
    """A person who sits in a body of `kind` and in none of `exclude_bodies`."""
    memberships = BodyMembership.objects.filter(body__kind=kind).exclude(user__memberships__body__in=exclude_bodies)
    return memberships.select_related("user").order_by("pk").first().user


@pytest.fixture
def luna(demo):
    return Pejlemaerke.objects.select_related("steering_group").get(short_name="LUNA")


@pytest.fixture
def system(demo):
    return JointSystem.objects.order_by("name").first()


@pytest.mark.parametrize(
    ("from_kind", "kind", "path"),
    [
        (BodyKind.STYREGRUPPE, EscalationKind.IT_TECHNICAL, Source.STYREGRUPPE_IT),
        (BodyKind.STYREGRUPPE, EscalationKind.STRATEGIC, Source.STYREGRUPPE_STRATEGIC),
        (BodyKind.STYREGRUPPE, EscalationKind.ARCHITECTURE, None),
        (BodyKind.SYS, EscalationKind.IT_TECHNICAL, Source.SYS),
        (BodyKind.RITA, EscalationKind.ARCHITECTURE, Source.RITA),
        (BodyKind.RITA, EscalationKind.STRATEGIC, None),
        (BodyKind.IT5, EscalationKind.STRATEGIC, Source.IT5),
        (BodyKind.PMO5, EscalationKind.IT_TECHNICAL, None),
    ],
)
def test_r25_paths(from_kind, kind, path):
    assert escalation_path(from_kind, kind) == path


def test_r25_steering_group_it_escalation_goes_on_it5s_next_meeting(luna):
    chair = get_user_model().objects.get(username="formand")
    today = date.today()
    next_it5 = Meeting.objects.filter(body__kind=BodyKind.IT5, day__gt=today).order_by("day").first()
    before = AuditEntry.objects.filter(action="escalation.raise").count()
    escalation = services.escalation_raise(
        actor=chair,
        from_body=luna.steering_group,
        kind=EscalationKind.IT_TECHNICAL,
        reason="  Uenighed om login-løsningen.  ",
        pejlemaerke=luna,
    )
    assert (escalation.source, escalation.to_body.kind, escalation.raised_on) == (Source.STYREGRUPPE_IT, "IT5", today)
    assert escalation.reason == "Uenighed om login-løsningen."
    assert escalation.route_reason == "It-tekniske spørgsmål fra en styregruppe eskaleres til IT5."  # R26
    item = escalation.item
    assert item.meeting == next_it5 and luna.name in item.title and item.resume == escalation.reason
    assert item.indstilling == "at IT5 træffer beslutning i den eskalerede sag."
    # numbered before the closing standing items
    last = AgendaItem.objects.filter(meeting=next_it5).order_by("-number").first()
    assert last.standing in ("", "eventuelt") and (last.standing == "" or last.number > item.number)
    assert escalation.is_open and not escalation.is_waiting
    assert AuditEntry.objects.filter(action="escalation.raise").count() == before + 1


def test_r25_strategic_goes_to_rsi_dks_meeting_after_today_not_today(luna):
    meeting = Meeting.objects.filter(body__kind=BodyKind.RSI_DK, day__gt=date.today()).order_by("day").first()
    following = Meeting.objects.filter(body=meeting.body, day__gt=meeting.day).order_by("day").first()
    escalation = services.escalation_raise(
        actor=sekretariat(),
        from_body=luna.steering_group,
        kind=EscalationKind.STRATEGIC,
        reason="Strategisk valg.",
        pejlemaerke=luna,
        today=meeting.day,
    )
    assert escalation.to_body.kind == BodyKind.RSI_DK
    assert escalation.item.meeting == following  # "after today": the meeting held today is not the next one


def test_r25_with_no_next_meeting_the_entry_waits_then_goes_on_the_planned_meeting(system, client):
    actor = sekretariat()
    rita = Body.objects.get(kind=BodyKind.RITA)
    far = date(2099, 1, 5)
    escalation = services.escalation_raise(
        actor=actor, from_body=rita, kind=EscalationKind.ARCHITECTURE, reason="Princip.", joint_system=system, today=far
    )
    assert escalation.item is None and escalation.is_waiting
    client.force_login(actor)
    page = client.get("/styring/eskalationer/?state=open").content.decode()
    assert "Venter – IT5 har intet møde planlagt" in page
    meeting = services.meeting_save(
        actor=actor, body=escalation.to_body, day=date(2099, 1, 14), format=MeetingFormat.VIRTUAL, location="Teams"
    )
    escalation.refresh_from_db()
    assert escalation.item.meeting == meeting and not escalation.is_waiting
    assert AuditEntry.objects.filter(action="escalation.place", object_id=str(escalation.pk)).exists()


def test_r25_the_decision_on_the_item_closes_the_entry_and_udsat_leaves_it_open(system):
    actor = sekretariat()
    escalation = services.escalation_raise(
        actor=actor,
        from_body=Body.objects.get(kind=BodyKind.SYS),
        kind=EscalationKind.IT_TECHNICAL,
        reason="Driftsstop.",
        joint_system=system,
    )
    day = escalation.item.meeting.day
    services.agenda_item_decide(
        actor=actor, item=escalation.item, outcome=Outcome.POSTPONED, text="Udsat.", decided_on=day
    )
    escalation.refresh_from_db()
    assert escalation.is_open and escalation.outcome == ""
    decision = services.agenda_item_decide(
        actor=actor, item=escalation.item, outcome=Outcome.APPROVED, text="IT5 godkender planen.", decided_on=day
    )
    escalation.refresh_from_db()
    assert (escalation.decision, escalation.decided_on, escalation.outcome) == (decision, day, Outcome.APPROVED)
    assert AuditEntry.objects.filter(action="escalation.decide", object_id=str(escalation.pk)).count() == 1


def test_r25_matter_escalate_writes_one_log_entry_and_rsi_dks_decision_closes_it(demo):
    actor = sekretariat()
    matter = services.matter_create(
        actor=actor,
        title="Fælles licensaftale til log",
        kind=Kind.ECONOMY,
        amount=Decimal("400000"),
        year=2040,
        pejlemaerke=Pejlemaerke.objects.get(short_name="LUNA"),
    )
    services.matter_escalate(actor=actor, matter=matter, reason="Betydning for alle.")
    entry = Escalation.objects.get(matter=matter)
    assert (entry.source, entry.from_body.kind, entry.to_body.kind) == (Source.IT5, "IT5", "RSI_DK")
    assert entry.item.matter == matter and entry.item.meeting.body.kind == BodyKind.RSI_DK
    services.agenda_item_decide(
        actor=actor, item=entry.item, outcome=Outcome.REJECTED, text="Afvist.", decided_on=entry.item.meeting.day
    )
    entry.refresh_from_db()
    matter.refresh_from_db()
    assert entry.outcome == Outcome.REJECTED and matter.status == "rejected"
    assert Escalation.objects.filter(matter=matter).count() == 1


def test_r25_service_refuses_a_raiser_outside_the_source_body_and_a_wrong_kind(luna, system):
    outsider = _member(BodyKind.PMO5, exclude_bodies=[luna.steering_group])
    with pytest.raises(PermissionDenied):
        services.escalation_raise(
            actor=outsider, from_body=luna.steering_group, kind="strategic", reason="x", pejlemaerke=luna
        )
    rita = Body.objects.get(kind=BodyKind.RITA)
    with pytest.raises(ValidationError) as error:
        services.escalation_raise(actor=sekretariat(), from_body=rita, kind="strategic", reason="", joint_system=system)
    assert set(error.value.message_dict) == {"kind", "reason"}


@pytest.mark.parametrize(
    ("who", "status"),
    [("sekretariat", 302), ("chair", 302), ("member", 302), ("it5", 403), ("anonymous", 302)],
)
def test_r25_role_matrix_raise_from_the_pejlemaerke_page(client, luna, who, status):
    sg = luna.steering_group
    users = {
        "sekretariat": sekretariat(),
        "chair": sg.memberships.filter(role=MemberRole.CHAIR).first().user,
        "member": sg.memberships.filter(role=MemberRole.MEMBER).first().user,
        "it5": _member(BodyKind.IT5, exclude_bodies=[sg]),
    }
    if who != "anonymous":
        client.force_login(users[who])
    before = Escalation.objects.count()
    response = client.post(
        f"/styring/eskalationer/pejlemaerke/{luna.pk}/",
        {"from_body": sg.pk, "kind": "it_technical", "reason": "Teknisk konflikt."},
    )
    assert response.status_code == status
    created = Escalation.objects.count() - before
    assert created == (1 if who in ("sekretariat", "chair", "member") else 0)
    if who == "anonymous":
        assert "/login" in response["Location"] or "login" in response["Location"]


@pytest.mark.parametrize(("who", "status"), [("sys", 302), ("rita", 302), ("it5", 403)])
def test_r25_role_matrix_raise_from_the_joint_system_page(client, system, who, status):
    sys_body, rita = Body.objects.get(kind=BodyKind.SYS), Body.objects.get(kind=BodyKind.RITA)
    users = {
        "sys": _member(BodyKind.SYS, exclude_bodies=[rita]),
        "rita": _member(BodyKind.RITA, exclude_bodies=[sys_body]),
        "it5": _member(BodyKind.IT5, exclude_bodies=[sys_body, rita]),
    }
    client.force_login(users[who])
    body = sys_body if who != "rita" else rita
    kind = "architecture" if who == "rita" else "it_technical"
    page = client.get(f"/styring/systemer/{system.pk}/").content.decode()
    assert ("Eskalér til IT5" in page) == (status == 302)
    response = client.post(
        f"/styring/eskalationer/system/{system.pk}/", {"from_body": body.pk, "kind": kind, "reason": "Vigtigt."}
    )
    assert response.status_code == status


def test_r25_reason_required_danish_error_input_kept(client, luna):
    client.force_login(sekretariat())
    page = client.get(f"/pejlemaerker/{luna.pk}/")
    assert "Eskalér fra styregruppen" in page.content.decode()
    response = client.post(
        f"/styring/eskalationer/pejlemaerke/{luna.pk}/",
        {"from_body": luna.steering_group.pk, "kind": "strategic", "reason": "   "},
    )
    text = response.content.decode()
    assert response.status_code == 400 and "Skriv hvorfor sagen eskaleres." in text
    assert 'value="strategic" selected' in text
    response = client.post(
        f"/styring/eskalationer/pejlemaerke/{luna.pk}/",
        {"from_body": luna.steering_group.pk, "kind": "architecture", "reason": "Noget"},
    )
    assert response.status_code == 400 and "Vælg en af typerne på listen." in response.content.decode()
    assert "Noget</textarea>" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "status"), [("sekretariat", 200), ("it5", 200), ("rsidk", 200), ("sys", 403), ("anonymous", 302)]
)
def test_r25_log_page_is_for_the_secretariat_and_it5_and_rsi_dk(client, demo, who, status):
    it5, rsi_dk = Body.objects.get(kind=BodyKind.IT5), Body.objects.get(kind=BodyKind.RSI_DK)
    users = {
        "sekretariat": sekretariat(),
        "it5": _member(BodyKind.IT5),
        "rsidk": _member(BodyKind.RSI_DK),
        "sys": _member(BodyKind.SYS, exclude_bodies=[it5, rsi_dk]),
    }
    if who != "anonymous":
        client.force_login(users[who])
    assert client.get("/styring/eskalationer/").status_code == status
    assert client.get("/styring/eskalationer/?format=csv").status_code == status
    if who != "anonymous":  # the menu links the log exactly for those who may read it
        menu = client.get("/dashboard/" if who != "sys" else "/").content.decode()
        assert ('href="/styring/eskalationer/"' in menu) == (status == 200)


def test_r25_log_filters_sort_counts_and_export(client, demo, system, django_assert_max_num_queries):
    actor = sekretariat()
    services.escalation_raise(
        actor=actor,
        from_body=Body.objects.get(kind=BodyKind.RITA),
        kind=EscalationKind.ARCHITECTURE,
        reason="Filter-test RITA.",
        joint_system=system,
        today=date(2031, 2, 1),
    )
    client.force_login(actor)
    client.get("/styring/eskalationer/")
    with CaptureQueriesContext(connection) as few:
        client.get("/styring/eskalationer/")
    for n in range(3):  # more rows, more paths and years: the same number of queries
        services.escalation_raise(
            actor=actor,
            from_body=Body.objects.get(kind=BodyKind.SYS),
            kind=EscalationKind.STRATEGIC,
            reason=f"Tælling {n}.",
            joint_system=system,
            today=date(2032 + n, 3, 1),
        )
    with django_assert_max_num_queries(len(few)):
        page = client.get("/styring/eskalationer/").content.decode()
    print(f"escalation log page: {len(few)} queries")
    # the demo's open and decided escalations are there
    assert "Venter" in page or "Til behandling" in page
    assert "Godkendt" in page and "Antal pr. vej og år" in page
    page = client.get("/styring/eskalationer/?source=rita&year=2031").content.decode()
    assert "1 eskalation" in page and "RITA → IT5" in page and "Styregruppe" not in page.split("<tbody>")[1]
    assert "<td>2031</td>" in page
    assert "1 eskalation" in client.get("/styring/eskalationer/?state=decided&source=rita").content.decode()
    decided = client.get("/styring/eskalationer/?state=decided").content.decode()
    assert "Filter-test RITA." not in decided
    assert client.get("/styring/eskalationer/?year=abc&sort=-nonsense&page=999").status_code == 200
    response = client.get("/styring/eskalationer/?source=rita&year=2031&format=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    if len(rows[0]) == 1:
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Rejst", "Vej"] and len(rows) == 2 and rows[1][1] == "RITA → IT5"
    xlsx = client.get("/styring/eskalationer/?format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    oldest_first = client.get("/styring/eskalationer/?sort=raised_on").content.decode()
    newest_first = client.get("/styring/eskalationer/?sort=-raised_on").content.decode()
    assert oldest_first != newest_first


def test_r25_demo_has_one_open_and_one_decided(demo):
    assert Escalation.objects.filter(decision__isnull=True, source=Source.STYREGRUPPE_IT).exists()
    decided = Escalation.objects.get(decision__isnull=False, source=Source.RITA)
    assert decided.decided_on < date.today() and decided.outcome == Outcome.APPROVED


def test_r25_r29_a_lukket_item_keeps_its_reason_and_outcome_closed_in_the_log(client, demo):
    actor = sekretariat()
    rsi_dk = Body.objects.get(kind=BodyKind.RSI_DK)
    matter = services.matter_create(
        actor=actor,
        title="Lukket eskalation",
        kind=Kind.ECONOMY,
        amount=Decimal("1000"),
        year=2040,
        pejlemaerke=Pejlemaerke.objects.get(short_name="LUNA"),
    )
    services.matter_escalate(actor=actor, matter=matter, reason="Hemmelig forhandlingsposition.")
    entry = Escalation.objects.get(matter=matter)
    services.agenda_item_save(actor=actor, meeting=entry.item.meeting, item=entry.item, access="closed")
    services.agenda_item_decide(
        actor=actor, item=entry.item, outcome=Outcome.APPROVED, text="Mandat givet.", decided_on=entry.item.meeting.day
    )
    outsider = _member(BodyKind.IT5, exclude_bodies=[rsi_dk])
    insider = _member(BodyKind.RSI_DK)
    for user, shown in ((outsider, False), (insider, True), (actor, True)):
        client.force_login(user)
        page = client.get("/styring/eskalationer/?source=it5&state=decided").content.decode()
        assert ("Hemmelig forhandlingsposition." in page) is shown
        assert ("Lukket punkt" in page) is not shown
        export = client.get("/styring/eskalationer/?source=it5&state=decided&format=csv").content.decode("utf-8-sig")
        assert ("Lukket punkt" in export) is not shown and ("Godkendt" in export) is shown

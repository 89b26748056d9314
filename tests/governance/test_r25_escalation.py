"""R25: escalation from a steering group (IT-technical → IT5, strategic → RSI DK), from SYS and RITA → IT5,
from IT5 → RSI DK."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from governance import services
from governance.rules import Kind, Source, escalation_route
from portfolio.models import AuditEntry, BodyKind, Pejlemaerke
from tests.governance.factories import BodyFactory, JointSystemFactory, MatterFactory, SekretariatFactory
from tests.governance.helpers import sekretariat


@pytest.mark.parametrize(
    ("source", "body"),
    [
        (Source.STYREGRUPPE_IT, "IT5"),
        (Source.STYREGRUPPE_STRATEGIC, "RSI_DK"),
        (Source.SYS, "IT5"),
        (Source.RITA, "IT5"),
    ],
)
def test_r25_escalation_targets(source, body):
    route = escalation_route(source)
    assert route.body == body and route.reason


def test_r25_unknown_source_is_refused():
    with pytest.raises(ValueError):
        escalation_route("kantinen")


def _matter(source, amount):
    return services.matter_create(
        actor=sekretariat(),
        title=f"Eskaleret {source} {amount}",
        kind=Kind.ECONOMY,
        amount=Decimal(amount),
        year=2027,
        pejlemaerke=Pejlemaerke.objects.get(short_name="LUNA"),
        escalated_from=source,
    )


def test_r25_strategic_escalation_lifts_a_small_matter_to_rsi_dk(demo):
    matter = _matter(Source.STYREGRUPPE_STRATEGIC, "1000")
    assert matter.route_body == "RSI_DK"
    assert "Strategiske spørgsmål fra en styregruppe eskaleres til RSI DK." in matter.route_reason


def test_r25_it_escalation_never_lowers_an_r24_route(demo):
    assert _matter(Source.STYREGRUPPE_IT, "1000").route_body == "IT5"
    big = _matter(Source.STYREGRUPPE_IT, "1000000.01")
    assert big.route_body == "RSI_DK" and "over 1.000.000 kr." in big.route_reason


def test_r25_it5_escalates_to_rsi_dk_with_its_reason():
    route = escalation_route("it5")
    assert route.body == "RSI_DK"
    assert "IT5" in route.reason and "RSI DK" in route.reason


def test_r25_a_small_matter_escalated_from_it5_goes_to_rsi_dk_and_says_why(db):
    matter = services.matter_create(
        actor=SekretariatFactory(),
        title="Principiel sag fra IT5",
        kind=Kind.ECONOMY,
        amount=Decimal("1000"),
        year=2040,
        joint_system=JointSystemFactory(),
        escalated_from="it5",
    )
    assert matter.route_body == "RSI_DK"
    assert matter.route_reason.startswith(escalation_route("it5").reason)
    assert "Uden eskaleringen ville IT5 godkende" in matter.route_reason


def test_r25_it5_escalates_an_open_matter_to_rsi_dk(db):
    actor = SekretariatFactory()
    BodyFactory(kind=BodyKind.RSI_DK)
    matter = services.matter_create(
        actor=actor,
        title="Fælles licensaftale",
        kind=Kind.ECONOMY,
        amount=Decimal("400000"),
        year=2040,
        joint_system=JointSystemFactory(),
    )
    assert matter.route_body == "IT5"
    services.matter_escalate(actor=actor, matter=matter, reason="Sagen har betydning for alle pejlemærker.")
    matter.refresh_from_db()
    assert (matter.route_body, matter.escalated_from, matter.status) == ("RSI_DK", "it5", "open")
    assert escalation_route("it5").reason in matter.route_reason
    assert "Sagen har betydning for alle pejlemærker." in matter.route_reason
    entry = AuditEntry.objects.filter(action="matter.escalate", object_id=str(matter.pk)).get()
    assert entry.data["route_body"] == ["IT5", "RSI_DK"]
    assert (
        services.matter_decision_record(
            actor=actor, matter=matter, outcome="approved", text="Godkendt", decided_on=date(2040, 3, 1)
        ).body.kind
        == BodyKind.RSI_DK
    )
    with pytest.raises(ValidationError):  # only an open IT5 matter can be escalated from IT5
        services.matter_escalate(actor=actor, matter=matter, reason="Igen")
    with pytest.raises(ValidationError):
        services.matter_escalate(actor=actor, matter=MatterFactory(route_body="RSI_DK"), reason="Allerede hos RSI DK")


def test_r25_the_secretariat_escalates_from_the_matter_page(db, client):
    actor = SekretariatFactory()
    BodyFactory(kind=BodyKind.IT5)
    matter = MatterFactory()
    client.force_login(actor)
    page = client.get(matter.get_absolute_url()).content.decode()
    assert "Eskalér til RSI DK" in page
    response = client.post(f"/styring/sager/{matter.pk}/eskaler/", {"reason": ""})
    assert response.status_code == 400 and "Skriv hvorfor" in response.content.decode()
    response = client.post(f"/styring/sager/{matter.pk}/eskaler/", {"reason": "Strategisk betydning."})
    assert response.status_code == 302
    matter.refresh_from_db()
    assert matter.route_body == "RSI_DK" and "Strategisk betydning." in matter.route_reason

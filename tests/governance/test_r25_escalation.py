"""R25: escalation from a steering group (IT-technical → IT5, strategic → RSI DK), from SYS and RITA → IT5."""

from decimal import Decimal

import pytest

from governance import services
from governance.rules import Kind, Source, escalation_route
from portfolio.models import Pejlemaerke
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

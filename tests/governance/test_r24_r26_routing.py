"""R24 routing by amount and kind, R26 the reason in plain Danish, R33 SYS within what is left of the budget."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from governance import services
from governance.models import JointSystem, Matter
from governance.rules import Kind, route_approval, within_operating_budget
from portfolio.models import BodyKind, Pejlemaerke
from tests.governance.factories import BodyFactory, JointSystemFactory, OperatingBudgetFactory, SekretariatFactory

LIMIT = Decimal("1000000.00")
ØRE = Decimal("0.01")


@pytest.mark.parametrize(
    ("amount", "body"),
    [
        (Decimal("0.00"), "IT5"),
        (LIMIT - ØRE, "IT5"),
        (LIMIT, "IT5"),
        (LIMIT + ØRE, "RSI_DK"),
        (Decimal("5e7"), "RSI_DK"),
    ],
)
def test_r24_economy_up_to_and_including_one_million_goes_to_it5(amount, body):
    assert route_approval(amount, kind=Kind.ECONOMY).body == body


@pytest.mark.parametrize(
    ("amount", "within", "body"),
    [
        (LIMIT, True, "SYS"),
        (LIMIT + ØRE, True, "RSI_DK"),
        (LIMIT, False, "IT5"),
        (Decimal("200000"), False, "IT5"),
        (Decimal("200000"), True, "SYS"),
    ],
)
def test_r24_system_development_within_operating_budget_goes_to_sys(amount, within, body):
    assert route_approval(amount, kind=Kind.SYSTEM_DEVELOPMENT, within_operating_budget=within).body == body


@pytest.mark.parametrize("kind", [Kind.START_OR_CLOSE, Kind.FINANCING, Kind.STAFFING])
@pytest.mark.parametrize("amount", [Decimal("0"), LIMIT, LIMIT + ØRE])
def test_r24_start_close_financing_staffing_always_rsi_dk(kind, amount):
    assert route_approval(amount, kind=kind, within_operating_budget=True).body == "RSI_DK"


def test_r24_rejects_negative_amounts_and_unknown_kinds():
    with pytest.raises(ValueError):
        route_approval(Decimal("-0.01"), kind=Kind.ECONOMY)
    with pytest.raises(ValueError):
        route_approval(Decimal("1"), kind="lunch")


def test_r26_reasons_are_plain_danish_and_name_the_amount_and_body():
    it5 = route_approval(LIMIT, kind=Kind.ECONOMY)
    assert "1.000.000,00 kr." in it5.reason and "højst 1.000.000 kr." in it5.reason and "IT5" in it5.reason
    rsi = route_approval(LIMIT + ØRE, kind=Kind.ECONOMY)
    assert "1.000.000,01 kr." in rsi.reason and "over 1.000.000 kr." in rsi.reason and "RSI DK" in rsi.reason
    sys = route_approval(Decimal("1234.5"), kind=Kind.SYSTEM_DEVELOPMENT, within_operating_budget=True)
    assert "1.234,50 kr." in sys.reason and "driftsbudget" in sys.reason and "SYS" in sys.reason
    assert "altid" in route_approval(Decimal("1"), kind=Kind.FINANCING).reason


@pytest.mark.parametrize(
    ("amount", "body", "shown"),
    [
        (Decimal("1000000.0000001"), "IT5", "1.000.000,00 kr., altså højst"),
        (Decimal("1000000.004"), "IT5", "1.000.000,00 kr., altså højst"),
        (Decimal("1000000.005"), "RSI_DK", "1.000.000,01 kr., altså over"),
        (Decimal("999999.995"), "IT5", "1.000.000,00 kr., altså højst"),
    ],
)
def test_r24_amount_is_quantised_to_the_oere_before_it_is_routed(amount, body, shown):
    """The route and its reason see the same amount: the one rounded half up to the øre."""
    route = route_approval(amount, kind=Kind.ECONOMY)
    assert route.body == body
    assert shown in route.reason


def test_r24_within_operating_budget_is_what_is_left_to_the_oere():
    assert within_operating_budget(Decimal("100"), left=Decimal("100"))
    assert not within_operating_budget(Decimal("100.01"), left=Decimal("100"))
    assert not within_operating_budget(Decimal("1"), left=None)
    assert within_operating_budget(Decimal("0"), left=Decimal("0"))


@pytest.fixture
def actor(db):
    return SekretariatFactory()


@pytest.fixture
def system(db):
    system = JointSystemFactory(name="Testsystem", fsa="FSA Testesen")  # in Region Nordjylland
    OperatingBudgetFactory(system=system, year=2027, amount=Decimal("500000.00"))
    return system


def _dev(system, amount, title="Videreudvikling"):
    return services.matter_create(
        actor=SekretariatFactory(),
        title=title,
        kind=Kind.SYSTEM_DEVELOPMENT,
        amount=Decimal(amount),
        year=2027,
        joint_system=system,
    )


def test_r24_sys_uses_what_is_left_of_the_systems_operating_budget(system):
    first = _dev(system, "300000.00", "Første")
    assert first.route_body == "SYS" and first.within_operating_budget
    assert "200.000,00 kr." not in first.route_reason  # left before this matter: 500.000
    exact = _dev(system, "200000.00", "Præcis resten")
    assert exact.route_body == "SYS"
    over = _dev(system, "0.01", "Én øre for meget")
    assert over.route_body == "IT5"
    assert "0,00 kr. tilbage af driftsbudgettet" in over.route_reason


def test_r24_system_without_budget_for_the_year_goes_by_amount(system, actor):
    matter = services.matter_create(
        actor=actor,
        title="Uden budget",
        kind=Kind.SYSTEM_DEVELOPMENT,
        amount=Decimal("10"),
        year=2030,
        joint_system=system,
    )
    assert matter.route_body == "IT5"
    assert "ikke noget driftsbudget registreret for 2030" in matter.route_reason


def test_r24_rejected_sys_matters_free_the_budget_again(system, actor):
    first = _dev(system, "500000.00", "Alt")
    services.decision_record(
        actor=actor,
        subject=first,
        body=BodyFactory(kind=BodyKind.SYS),
        outcome="rejected",
        text="Afvist",
        decided_on=first.created_at.date(),
    )
    first.refresh_from_db()
    assert first.status == "rejected"
    assert _dev(system, "500000.00", "Igen").route_body == "SYS"


def test_r24_matter_needs_a_subject_and_the_db_refuses_sys_outside_budget(system, actor):
    with pytest.raises(ValidationError):
        services.matter_create(actor=actor, title="Intet emne", kind=Kind.ECONOMY, amount=1, year=2027)
    matter = _dev(system, "1.00")
    with pytest.raises(IntegrityError), transaction.atomic():
        Matter.objects.filter(pk=matter.pk).update(kind=Kind.ECONOMY)


def test_r26_form_shows_route_and_reason_before_saving_without_js(client, demo, login):
    login("sekretariat")
    luna = Pejlemaerke.objects.get(short_name="LUNA")
    data = {
        "title": "Ekstra konsulenter",
        "kind": "economy",
        "amount": "1000000.01",
        "year": "2027",
        "pejlemaerke": luna.pk,
        "preview": "1",
    }
    before = Matter.objects.count()
    response = client.post("/styring/sager/ny/", data)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Sagen besluttes af RSI DK." in text and "1.000.000,01 kr." in text
    assert 'value="Ekstra konsulenter"' in text  # nothing typed is lost
    assert Matter.objects.count() == before
    response = client.post("/styring/sager/ny/", {**data, "preview": "", "save": "1"})
    matter = Matter.objects.get(title="Ekstra konsulenter")
    assert response.status_code == 302 and matter.route_body == "RSI_DK"


def test_r26_htmx_preview_returns_only_the_route(client, demo, login):
    login("sekretariat")
    luna = Pejlemaerke.objects.get(short_name="LUNA")
    response = client.post(
        "/styring/sager/ny/",
        {"title": "x", "kind": "economy", "amount": "1000000", "year": "2027", "pejlemaerke": luna.pk},
        HTTP_HX_REQUEST="true",
    )
    text = response.content.decode()
    assert "Sagen besluttes af IT5." in text and "<html" not in text
    assert not Matter.objects.filter(title="x").exists()


def test_r26_form_errors_are_danish_and_keep_input(client, demo, login):
    login("sekretariat")
    response = client.post(
        "/styring/sager/ny/",
        {"title": "Udvikling", "kind": "system_development", "amount": "5", "year": "2027", "save": "1"},
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Vælg hvad sagen handler om" in text and 'value="Udvikling"' in text


def test_r24_system_is_registered_with_budget(system):
    assert JointSystem.objects.get(name="Testsystem").budgets.get(year=2027).amount == Decimal("500000.00")


def test_r33_register_shows_budget_and_what_is_left_in_constant_queries(
    client, demo, login, system, django_assert_max_num_queries
):
    _dev(system, "120000.00", "Brugt")
    login("direktoer")
    client.get("/styring/systemer/?year=2027")
    with django_assert_max_num_queries(14):
        response = client.get("/styring/systemer/?year=2027")
    text = response.content.decode()
    assert "Testsystem" in text and "FSA Testesen" in text and "Region Nordjylland" in text
    assert "500.000,00 kr." in text and "380.000,00 kr." in text

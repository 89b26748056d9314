"""R27: projects over 10 mio. kr. (or risen above it since) need It-rådet's risk assessment before the gate."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from projects import services
from projects.models import Project, RiskAssessment
from projects.rules import requires_risk_assessment
from projects.selectors import gate_status
from rsi_portal.dates import add_working_days
from tests.projects.gates_support import (
    TODAY,
    approve_required_documents,
    approved_business_case,
    make_project,
    risk_letter,
)

ITEM = "Risikovurdering fra It-rådet (budget over 10 mio. kr.)"


@pytest.mark.parametrize(
    ("budget", "required"),
    [
        (Decimal("9999999.99"), False),
        (Decimal("10000000.00"), False),
        (Decimal("10000000.01"), True),
        (Decimal("48500000.00"), True),
        (None, False),
    ],
)
def test_r27_boundary_is_strictly_over_10_mio(budget, required):
    assert requires_risk_assessment(budget) is required


@pytest.fixture
def ready(sekretariat):
    """A project in Analyse (the phase the assessment belongs to) with the gate's documents approved."""
    project = make_project(sekretariat)
    Project.objects.filter(pk=project.pk).update(phase="analyse", step="foranalyse")
    project.refresh_from_db()
    approve_required_documents(project, sekretariat)
    return project


def test_r27_exactly_10_mio_passes_without_assessment(ready, sekretariat):
    approved_business_case(ready, sekretariat, Decimal("10000000.00"))
    assert ITEM not in [i.label for i in gate_status(ready).items]
    services.gate_pass(actor=sekretariat, project=ready, decided_on=TODAY, text="Godkendt")


def test_r27_one_oere_over_10_mio_is_refused_without_assessment(ready, sekretariat):
    approved_business_case(ready, sekretariat, Decimal("10000000.01"))
    with pytest.raises(ValidationError) as error:
        services.gate_pass(actor=sekretariat, project=ready, decided_on=TODAY, text="Godkendt")
    assert error.value.messages[1:] == [ITEM]
    risk_letter(ready, sekretariat, Decimal("10000000.01"))
    services.gate_pass(actor=sekretariat, project=ready, decided_on=TODAY, text="Godkendt")


def test_r27_request_without_letter_does_not_count(ready, sekretariat):
    approved_business_case(ready, sekretariat, Decimal("20000000.00"))
    services.risk_assessment_request(actor=sekretariat, project=ready, requested_on=TODAY, budget=Decimal("2e7"))
    assert [i.label for i in gate_status(ready).missing] == [ITEM]


def test_r27_budget_risen_above_10_mio_since_an_earlier_assessment(ready, sekretariat):
    risk_letter(ready, sekretariat, Decimal("9000000.00"))  # assessed while under the threshold
    approved_business_case(ready, sekretariat, Decimal("12000000.00"))  # costs have risen above it since
    assert [i.label for i in gate_status(ready).missing] == [ITEM]
    risk_letter(ready, sekretariat, Decimal("12000000.00"))
    assert gate_status(ready).missing == []


def test_r27_window_is_10_working_days(sekretariat):
    project = make_project(sekretariat)
    assessment = services.risk_assessment_request(
        actor=sekretariat, project=project, requested_on=date(2026, 3, 30), budget=Decimal("15000000")
    )
    # Easter 2026: Maundy Thursday 2 April, Good Friday 3 April and Easter Monday 6 April are holidays.
    assert assessment.window_ends_on == add_working_days(date(2026, 3, 30), 10) == date(2026, 4, 16)


def test_r27_letter_recommendations_responsum_and_follow_up(sekretariat, django_user_model, client, login):
    project = make_project(sekretariat)
    assessment = services.risk_assessment_request(
        actor=sekretariat, project=project, requested_on=TODAY, budget=Decimal("30000000")
    )
    with pytest.raises(ValidationError, match="Responsum kan først"):
        services.risk_responsum_submit(actor=sekretariat, assessment=assessment, text="x", submitted_on=TODAY)
    services.risk_letter_record(
        actor=sekretariat,
        assessment=assessment,
        received_on=date(2026, 5, 15),
        risk_profile="B",
        letter_text="Høj risiko.",
        recommendations=["Styrk styringen.", "", "Lav en uafhængig review."],
        new_technology=True,
        external_dependencies=True,
    )
    assessment.refresh_from_db()
    assert assessment.risk_profile == "B"
    assert assessment.complexity_factors == ["ny eller kompleks teknologi"]
    assert assessment.risk_factors == ["eksterne afhængigheder"]
    assert list(assessment.recommendations.values_list("number", "text")) == [
        (1, "Styrk styringen."),
        (2, "Lav en uafhængig review."),
    ]
    with pytest.raises(ValidationError, match="allerede registreret"):
        services.risk_letter_record(
            actor=sekretariat,
            assessment=assessment,
            received_on=TODAY,
            risk_profile="A",
            letter_text="",
            recommendations=[],
        )
    services.risk_responsum_submit(actor=sekretariat, assessment=assessment, text="Vi følger dem.", submitted_on=TODAY)
    assessment.refresh_from_db()
    assert assessment.shared_with_rsi_dk_on == TODAY  # letter and responsum go to RSI DK for information
    recommendation = assessment.recommendations.get(number=1)
    services.recommendation_follow_up(actor=sekretariat, recommendation=recommendation, status="done", follow_up="OK")
    recommendation.refresh_from_db()
    assert recommendation.status == "done"
    assert recommendation.history.count() == 2
    kontakt = django_user_model.objects.get(username="kontakt")
    with pytest.raises(PermissionDenied):
        services.recommendation_follow_up(actor=kontakt, recommendation=recommendation, status="open")


def test_r27_database_requires_a_profile_with_the_letter(sekretariat):
    from django.db import IntegrityError, transaction

    project = make_project(sekretariat)
    with pytest.raises(IntegrityError), transaction.atomic():
        RiskAssessment.objects.create(
            project=project,
            budget_at_request=Decimal("11000000"),
            requested_on=TODAY,
            window_ends_on=TODAY,
            letter_received_on=TODAY,
            risk_profile="",
            created_by=sekretariat,
        )


def test_demo_risk_letter_and_responsum_readable_by_rsi_dk(demo, client, login):
    fut = Project.objects.get(pejlemaerke__short_name="FUT")
    assessment = fut.risk_assessments.get()
    assert assessment.risk_profile == "A" and assessment.responsum_text
    login("direktoer")  # a member of RSI DK
    listing = client.get("/projekter/risikovurderinger/?profile=A").content.decode()
    assert fut.name in listing
    page = client.get(f"/projekter/risikovurderinger/{assessment.pk}/").content.decode()
    assert "A – meget høj risiko" in page
    assert "Programmet tager It-rådets anbefalinger til efterretning" in page
    assert "Styrk den fælles leverandørstyring" in page
    assert 'name="action" value="follow_up"' not in page  # a director reads, never edits
    export = client.get("/projekter/risikovurderinger/?format=csv").content.decode("utf-8-sig")
    assert "Risikoprofil" in export.splitlines()[0] and fut.name in export


def test_r27_project_leader_writes_responsum_in_the_portal(demo, client, login, sekretariat):
    luna = Project.objects.get(pejlemaerke__short_name="LUNA")
    assessment = services.risk_assessment_request(
        actor=sekretariat, project=luna, requested_on=TODAY, budget=Decimal("25000000")
    )
    login("projektleder")
    assert client.post(f"/projekter/risikovurderinger/{assessment.pk}/", {"action": "letter"}).status_code == 403
    services.risk_letter_record(
        actor=sekretariat,
        assessment=assessment,
        received_on=TODAY,
        risk_profile="C",
        letter_text="Normal risiko.",
        recommendations=["Følg op kvartalsvis."],
    )
    response = client.post(
        f"/projekter/risikovurderinger/{assessment.pk}/",
        {"action": "responsum", "text": "", "submitted_on": "2026-05-20"},
    )
    assert response.status_code == 400 and "Skriv projektets responsum." in response.content.decode()
    response = client.post(
        f"/projekter/risikovurderinger/{assessment.pk}/",
        {"action": "responsum", "text": "Vi følger op kvartalsvis.", "submitted_on": "2026-05-20"},
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.responsum_text == "Vi følger op kvartalsvis."

"""R2: the lifecycle moves only along allowed transitions, through one service, with history."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from portfolio.models import AuditEntry, Pejlemaerke, PejlemaerkeTransition
from portfolio.rules import Lifecycle
from portfolio.services import pejlemaerke_transition


@pytest.fixture
def idea(demo):
    return Pejlemaerke.objects.get(short_name="Hudkræft")


def test_r2_transition_records_history_and_audit(idea, sekretariat):
    pejlemaerke_transition(actor=sekretariat, pejlemaerke=idea, to_state=Lifecycle.PIPELINE, reason="Kvalificeret")
    idea.refresh_from_db()
    assert idea.state == Lifecycle.PIPELINE
    transition = idea.transitions.get()
    assert (transition.from_state, transition.to_state, transition.decided_by) == ("idea", "pipeline", sekretariat)
    assert AuditEntry.objects.filter(action="pejlemaerke.transition", object_id=str(idea.pk)).exists()


def test_r2_idea_cannot_jump_into_portfolio(idea, sekretariat):
    with pytest.raises(ValidationError) as error:
        pejlemaerke_transition(actor=sekretariat, pejlemaerke=idea, to_state=Lifecycle.PORTFOLIO, reason="x")
    assert "kan ikke gå fra »Idé« til »I porteføljen«" in str(error.value)
    idea.refresh_from_db()
    assert idea.state == Lifecycle.IDEA
    assert not idea.transitions.exists()


def test_r2_closed_pejlemaerke_stays_closed(demo, sekretariat):
    closed = Pejlemaerke.objects.get(short_name="Patologi")
    for target in Lifecycle.values:
        with pytest.raises(ValidationError):
            pejlemaerke_transition(actor=sekretariat, pejlemaerke=closed, to_state=target, reason="Genåbn")


def test_r2_transition_needs_reason(idea, sekretariat):
    with pytest.raises(ValidationError, match="begrundelse"):
        pejlemaerke_transition(actor=sekretariat, pejlemaerke=idea, to_state=Lifecycle.PIPELINE, reason="  ")


def test_r2_only_the_secretariat_moves_the_lifecycle(idea, django_user_model):
    projektleder = django_user_model.objects.get(username="projektleder")
    with pytest.raises(PermissionDenied):
        pejlemaerke_transition(actor=projektleder, pejlemaerke=idea, to_state=Lifecycle.PIPELINE, reason="x")


def test_r2_transition_page_keeps_reason_on_error(idea, client, login):
    login("sekretariat")
    response = client.post(f"/pejlemaerker/{idea.pk}/livscyklus/", {"to_state": "portfolio", "reason": "Min tekst"})
    assert response.status_code == 400
    assert "Min tekst" in response.content.decode()
    assert PejlemaerkeTransition.objects.filter(pejlemaerke=idea).count() == 0


def test_demo_history_leads_to_each_state(demo):
    paused = Pejlemaerke.objects.get(short_name="PPJ")
    assert [t.to_state for t in paused.transitions.order_by("pk")] == ["pipeline", "portfolio", "paused"]

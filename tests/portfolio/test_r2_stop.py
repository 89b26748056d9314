"""R2: RSI DK can stop a pejlemærke at any stage, with a reason and its recorded decision; a stopped
pejlemærke ends closed without an afslutningsrapport, and stopped and completed closures are told apart."""

import csv
import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance.models import Decision
from portfolio.models import AuditEntry, BodyKind, Pejlemaerke
from portfolio.rules import Closure, Lifecycle
from portfolio.services import pejlemaerke_stop, pejlemaerke_transition

from .factories import BodyFactory, PejlemaerkeFactory, SekretariatFactory, UserFactory

DECIDED = date(2026, 3, 12)
REFERENCE = "RSI DK-møde 12.03.2026, punkt 4"


@pytest.fixture
def actor(db):
    BodyFactory(kind=BodyKind.RSI_DK)
    return SekretariatFactory()


def _stop(actor, pejlemaerke, **overrides):
    values = {"reason": "Gevinsterne kan ikke realiseres.", "decided_on": DECIDED, "decision_reference": REFERENCE}
    return pejlemaerke_stop(actor=actor, pejlemaerke=pejlemaerke, **{**values, **overrides})


@pytest.mark.parametrize("state", [Lifecycle.IDEA, Lifecycle.PIPELINE, Lifecycle.PORTFOLIO, Lifecycle.PAUSED])
def test_r2_rsi_dk_stops_a_pejlemaerke_at_any_stage_without_an_afslutningsrapport(actor, state):
    pejlemaerke = PejlemaerkeFactory(actor=actor, state=state)
    transition = _stop(actor, pejlemaerke)
    pejlemaerke.refresh_from_db()
    assert (pejlemaerke.state, pejlemaerke.closure) == (Lifecycle.CLOSED, Closure.STOPPED)
    assert (pejlemaerke.closed_on, pejlemaerke.stop_decision_reference) == (DECIDED, REFERENCE)
    assert (transition.from_state, transition.to_state, transition.reason) == (
        state,
        Lifecycle.CLOSED,
        "Gevinsterne kan ikke realiseres.",
    )
    decision = Decision.objects.get(pk=pejlemaerke.stop_decision_id)  # RSI DK's decision, recorded
    assert decision.body.kind == BodyKind.RSI_DK and decision.decided_on == DECIDED
    assert decision.subject == pejlemaerke
    entry = AuditEntry.objects.get(action="pejlemaerke.stop", object_id=str(pejlemaerke.pk))
    assert entry.data["state"] == [state, "closed"] and entry.data["decision_reference"] == REFERENCE


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"reason": "  "}, "reason"),
        ({"decision_reference": ""}, "decision_reference"),
        ({"decided_on": None}, "decided_on"),
    ],
)
def test_r2_stopping_needs_a_reason_and_rsi_dk_decision(actor, overrides, field):
    pejlemaerke = PejlemaerkeFactory(actor=actor, state=Lifecycle.PORTFOLIO)
    with pytest.raises(ValidationError) as error:
        _stop(actor, pejlemaerke, **overrides)
    assert field in error.value.message_dict
    pejlemaerke.refresh_from_db()
    assert pejlemaerke.state == Lifecycle.PORTFOLIO and not pejlemaerke.closure


def test_r2_a_closed_pejlemaerke_cannot_be_stopped_again_and_only_the_secretariat_records_it(actor):
    pejlemaerke = PejlemaerkeFactory(actor=actor, state=Lifecycle.PIPELINE)
    with pytest.raises(PermissionDenied):
        _stop(UserFactory(), pejlemaerke)
    _stop(actor, pejlemaerke)
    with pytest.raises(ValidationError, match="lukket"):
        _stop(actor, Pejlemaerke.objects.get(pk=pejlemaerke.pk))


def test_r2_a_completed_closure_still_needs_the_afslutningsrapport(actor):
    pejlemaerke = PejlemaerkeFactory(actor=actor, state=Lifecycle.PORTFOLIO)
    with pytest.raises(ValidationError, match="Afslutningsrapporten er ikke godkendt"):
        pejlemaerke_transition(actor=actor, pejlemaerke=pejlemaerke, to_state=Lifecycle.CLOSED, reason="Færdig")
    with pytest.raises(ValidationError):  # from the idea stage only a stop closes it
        pejlemaerke_transition(
            actor=actor, pejlemaerke=PejlemaerkeFactory(actor=actor), to_state=Lifecycle.CLOSED, reason="Luk"
        )


def _closed_pair(actor):
    stopped = PejlemaerkeFactory(actor=actor, name="Stoppet analyse", state=Lifecycle.PORTFOLIO)
    _stop(actor, stopped)
    completed = PejlemaerkeFactory(
        actor=actor, name="Gennemført anskaffelse", state=Lifecycle.CLOSED, closure=Closure.COMPLETED
    )
    return Pejlemaerke.objects.get(pk=stopped.pk), completed


def test_r2_stopped_and_completed_are_told_apart_on_the_list_its_export_and_the_detail(actor, client):
    stopped, completed = _closed_pair(actor)
    client.force_login(actor)

    def table(query):
        page = client.get(f"/pejlemaerker/?{query}").content.decode()
        return page[page.index("<tbody>") :]

    assert "Lukket – stoppet" in table("q=Stoppet") and "Lukket – gennemført" not in table("q=Stoppet")
    assert "Lukket – gennemført" in table("q=Gennemført")
    assert stopped.name in table("state=stopped") and completed.name not in table("state=stopped")
    assert completed.name in table("state=completed") and stopped.name not in table("state=completed")
    export = client.get("/pejlemaerker/?state=closed&format=csv").content.decode("utf-8-sig")
    header, *lines = csv.reader(io.StringIO(export), delimiter=";")
    rows = {row[0]: row for row in lines}
    state_column = header.index("Livscyklus")
    assert rows[stopped.name][state_column] == "Lukket – stoppet"
    assert rows[completed.name][state_column] == "Lukket – gennemført"
    detail = client.get(f"/pejlemaerker/{stopped.pk}/").content.decode()
    assert "Lukket – stoppet" in detail and REFERENCE in detail and "12. marts 2026" in detail
    assert "Gevinsterne kan ikke realiseres." in detail


def test_r2_the_start_page_counts_stopped_and_completed_apart(actor, client):
    _closed_pair(actor)
    client.force_login(actor)
    page = client.get("/").content.decode()
    assert "Lukket – stoppet" in page and "Lukket – gennemført" in page
    assert "?state=stopped" in page and "?state=completed" in page

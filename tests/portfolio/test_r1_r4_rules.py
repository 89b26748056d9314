"""R1–R4 as pure rules (portfolio/rules.py)."""

import pytest
from django.utils import translation

from portfolio.rules import (
    REGION_CODES,
    Closure,
    Lifecycle,
    ParticipationStatus,
    PejlemaerkeType,
    allowed_transitions,
    can_stop,
    can_transition,
    leadership_counts,
    lifecycle_label,
    participation_is_valid,
)


def test_r1_three_pejlemaerke_types():
    assert set(PejlemaerkeType.values) == {"analyse", "monitorering", "anskaffelse"}
    with translation.override("da"):
        assert PejlemaerkeType.MONITORERING.label == "Monitorering mod fælles mål"


@pytest.mark.parametrize(
    ("from_state", "to_state"),
    [
        ("idea", "pipeline"),
        ("pipeline", "portfolio"),
        ("portfolio", "paused"),
        ("paused", "portfolio"),
        ("portfolio", "closed"),
        ("paused", "closed"),
        ("pipeline", "idea"),
    ],
)
def test_r2_allowed_transitions(from_state, to_state):
    assert can_transition(from_state, to_state)


@pytest.mark.parametrize(
    ("from_state", "to_state"),
    [
        ("idea", "portfolio"),  # only via pipeline and an approved projektgrundlag
        ("idea", "paused"),
        ("pipeline", "paused"),
        ("closed", "portfolio"),
        ("closed", "idea"),
        ("portfolio", "idea"),
        ("portfolio", "pipeline"),
        ("portfolio", "portfolio"),
        ("idea", "nonsense"),
        ("idea", "closed"),  # completing needs an afslutningsrapport; from here only a stop closes it
        ("pipeline", "closed"),
    ],
)
def test_r2_refused_transitions(from_state, to_state):
    assert not can_transition(from_state, to_state)


@pytest.mark.parametrize(("state", "stoppable"), [(s, s != "closed") for s in Lifecycle.values])
def test_r2_rsi_dk_can_stop_at_any_stage_but_closed(state, stoppable):
    assert can_stop(state) is stoppable


def test_r2_a_closed_label_says_how_it_ended():
    assert lifecycle_label("closed", Closure.STOPPED) == "Lukket – stoppet"
    assert lifecycle_label("closed", Closure.COMPLETED) == "Lukket – gennemført"
    assert lifecycle_label("paused") == "Sat på pause"


def test_r2_closed_is_final():
    assert allowed_transitions(Lifecycle.CLOSED) == frozenset()


@pytest.mark.parametrize(
    ("status", "explanation", "valid"),
    [
        (ParticipationStatus.DELTAGER, "", True),
        (ParticipationStatus.AFSTAAR, "", False),
        (ParticipationStatus.AFVENTER, "   \n ", False),
        (ParticipationStatus.AFSTAAR, "Har egen løsning i drift.", True),
        (ParticipationStatus.AFVENTER, "Afventer ny platform.", True),
    ],
)
def test_r3_opt_out_needs_explanation(status, explanation, valid):
    assert participation_is_valid(status, explanation) is valid


def test_r4_leadership_counts_lists_every_region_with_zeroes():
    counts = leadership_counts(["RM", "RM", "RN", "XX"])
    assert counts == {"RH": 0, "RSJ": 0, "RSD": 0, "RM": 2, "RN": 1}
    assert tuple(counts) == REGION_CODES

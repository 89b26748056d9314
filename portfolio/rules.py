"""Portfolio rules R1–R4 as pure code on plain values. Never touches the database."""

from django.db import models
from django.utils.translation import gettext_lazy as _

REGION_CODES = ("RH", "RSJ", "RSD", "RM", "RN")


class PejlemaerkeType(models.TextChoices):
    """R1: the three kinds of pejlemærke."""

    ANALYSE = "analyse", _("Analyse")
    MONITORERING = "monitorering", _("Monitorering mod fælles mål")
    ANSKAFFELSE = "anskaffelse", _("Anskaffelse")


class Lifecycle(models.TextChoices):
    """R2: where a pejlemærke is in its life."""

    IDEA = "idea", _("Idé")
    PIPELINE = "pipeline", _("Pipeline")
    PORTFOLIO = "portfolio", _("I porteføljen")
    PAUSED = "paused", _("Sat på pause")
    CLOSED = "closed", _("Lukket")


class Closure(models.TextChoices):
    """R2: how a closed pejlemærke ended: completed (afslutningsrapport approved) or stopped by RSI DK."""

    COMPLETED = "completed", _("Gennemført")
    STOPPED = "stopped", _("Stoppet")


# R2: the only moves a pejlemærke can make. Closing this way is a completed closure (it needs the
# afslutningsrapport, so only from the portfolio or a pause); stopping is the other way out. Closed is final.
LIFECYCLE_TRANSITIONS: dict[str, frozenset[str]] = {
    Lifecycle.IDEA: frozenset({Lifecycle.PIPELINE}),
    Lifecycle.PIPELINE: frozenset({Lifecycle.IDEA, Lifecycle.PORTFOLIO}),
    Lifecycle.PORTFOLIO: frozenset({Lifecycle.PAUSED, Lifecycle.CLOSED}),
    Lifecycle.PAUSED: frozenset({Lifecycle.PORTFOLIO, Lifecycle.CLOSED}),
    Lifecycle.CLOSED: frozenset(),
}

# R2: RSI DK can stop a pejlemærke at any stage before it is closed.
STOPPABLE_STATES = frozenset({Lifecycle.IDEA, Lifecycle.PIPELINE, Lifecycle.PORTFOLIO, Lifecycle.PAUSED})


def allowed_transitions(state: str) -> frozenset[str]:
    """R2: the states a pejlemærke in `state` may move to."""
    return LIFECYCLE_TRANSITIONS.get(state, frozenset())


def can_transition(from_state: str, to_state: str) -> bool:
    """R2: whether the lifecycle allows the move from_state -> to_state."""
    return to_state in allowed_transitions(from_state)


def can_stop(state: str) -> bool:
    """R2: whether RSI DK can stop a pejlemærke in `state` (any stage but closed)."""
    return state in STOPPABLE_STATES


def lifecycle_label(state: str, closure: str = "") -> str:
    """R2: the lifecycle as shown everywhere, a closed pejlemærke with how it ended ("Lukket – stoppet")."""
    label = str(Lifecycle(state).label) if state in Lifecycle.values else state
    if state == Lifecycle.CLOSED and closure in Closure.values:
        return f"{label} – {str(Closure(closure).label).lower()}"
    return label


def lifecycle_filter_choices() -> list[tuple[str, str]]:
    """R2: the list filter's lifecycle choices: every state, then a closed one by how it ended."""
    return [*Lifecycle.choices, *[(c, lifecycle_label(Lifecycle.CLOSED, c)) for c in Closure.values]]


class ParticipationStatus(models.TextChoices):
    """R3: følg eller forklar."""

    DELTAGER = "deltager", _("Deltager")
    AFSTAAR = "afstaar", _("Afstår")
    AFVENTER = "afventer", _("Afventer")


OPT_OUT_STATUSES = frozenset({ParticipationStatus.AFSTAAR, ParticipationStatus.AFVENTER})


def participation_is_valid(status: str, explanation: str) -> bool:
    """R3: a region may abstain or wait only with an explanation."""
    return status not in OPT_OUT_STATUSES or bool((explanation or "").strip())


def leadership_counts(leading_region_codes, all_region_codes=REGION_CODES) -> dict[str, int]:
    """R4: how many pejlemærker each region leads, every region listed (zero included)."""
    counts = dict.fromkeys(all_region_codes, 0)
    for code in leading_region_codes:
        if code in counts:
            counts[code] += 1
    return counts

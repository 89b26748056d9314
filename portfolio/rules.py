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


# R2: the only moves a pejlemærke can make. Closed is final.
LIFECYCLE_TRANSITIONS: dict[str, frozenset[str]] = {
    Lifecycle.IDEA: frozenset({Lifecycle.PIPELINE, Lifecycle.CLOSED}),
    Lifecycle.PIPELINE: frozenset({Lifecycle.IDEA, Lifecycle.PORTFOLIO, Lifecycle.CLOSED}),
    Lifecycle.PORTFOLIO: frozenset({Lifecycle.PAUSED, Lifecycle.CLOSED}),
    Lifecycle.PAUSED: frozenset({Lifecycle.PORTFOLIO, Lifecycle.CLOSED}),
    Lifecycle.CLOSED: frozenset(),
}


def allowed_transitions(state: str) -> frozenset[str]:
    """R2: the states a pejlemærke in `state` may move to."""
    return LIFECYCLE_TRANSITIONS.get(state, frozenset())


def can_transition(from_state: str, to_state: str) -> bool:
    """R2: whether the lifecycle allows the move from_state -> to_state."""
    return to_state in allowed_transitions(from_state)


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

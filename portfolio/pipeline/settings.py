"""The pipeline's settings (settings.RSI), with their defaults."""

from django.conf import settings

# R32/R34: kommissorier for a strategy seminar are due this many weeks before it.
DEFAULT_WEEKS_BEFORE_SEMINAR = 3


def weeks_before_seminar() -> int:
    return int(getattr(settings, "RSI", {}).get("KOMMISSORIUM_WEEKS_BEFORE_SEMINAR", DEFAULT_WEEKS_BEFORE_SEMINAR))


# R34: the yearly prioritisation proposes closing a pejlemærke whose next gate has waited this many months.
DEFAULT_STALLED_GATE_MONTHS = 6


def stalled_gate_months() -> int:
    return int(getattr(settings, "RSI", {}).get("STALLED_GATE_MONTHS", DEFAULT_STALLED_GATE_MONTHS))

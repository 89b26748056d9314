"""The pipeline's settings (settings.RSI), with their defaults."""

from django.conf import settings

# R32/R34: kommissorier for a strategy seminar are due this many weeks before it.
DEFAULT_WEEKS_BEFORE_SEMINAR = 3


def weeks_before_seminar() -> int:
    return int(getattr(settings, "RSI", {}).get("KOMMISSORIUM_WEEKS_BEFORE_SEMINAR", DEFAULT_WEEKS_BEFORE_SEMINAR))

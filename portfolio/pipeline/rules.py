"""R34 as pure code on plain values. Never touches the database."""

from datetime import timedelta

from django.utils.translation import gettext as _

# R34: what a kommissorium needs before it can be submitted (a draft needs only its title).
REQUIRED_FOR_SUBMIT = ("title", "problem", "benefits", "regions", "rough_cost", "timeframe", "source")


def kommissorium_missing(values: dict) -> dict[str, str]:
    """R34: the Danish error per field a submitted kommissorium still lacks."""
    messages = {
        "title": _("Giv idéen en titel."),
        "problem": _("Beskriv problemet og formålet."),
        "benefits": _("Beskriv de forventede gevinster og effekter."),
        "regions": _("Vælg mindst én region, idéen vedrører."),
        "rough_cost": _("Angiv den anslåede økonomi i kroner."),
        "timeframe": _("Angiv den anslåede tidsramme."),
        "source": _("Vælg idéens kilde."),
    }
    missing = {}
    for name in REQUIRED_FOR_SUBMIT:
        value = values.get(name)
        if value is None or (isinstance(value, str) and not value.strip()) or (hasattr(value, "__len__") and not value):
            missing[name] = messages[name]
    return missing


def seminar_deadline(seminar_day, weeks_before: int):
    """R32/R34: kommissorier for a strategy seminar are due this many weeks before it."""
    return seminar_day - timedelta(weeks=weeks_before)


def days_in_stage(since, now) -> int:
    """R34: whole days an idea has been in its current stage."""
    return max((now - since).days, 0)


def whole_months(since, on) -> int:
    """Whole months from `since` to `on` (0 when `on` is earlier)."""
    months = (on.year - since.year) * 12 + on.month - since.month - (on.day < since.day)
    return max(months, 0)


def gate_stalled(since, on, months: int) -> bool:
    """R34 yearly prioritisation: the next gate has not been passed for `months` months or more."""
    return whole_months(since, on) >= months

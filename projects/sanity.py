"""R38: the reported colour held against the numbers (the Statens It-råd model), and the stale-status mark.

Pure code on plain values, re-exported from `projects.rules` (import it from there). The colours are
the values of `projects.rules.Colour`; this module does not import it, since rules imports this one.
"""

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

GREEN, YELLOW, RED = "green", "yellow", "red"

# R38: the thresholds of the Statens It-råd model, as RSI's DOMAIN text states them.
COST_RED_PERCENT = Decimal("10")  # more than 10 % over the approved budget -> red
COST_YELLOW_PERCENT = Decimal("5")  # 5-10 % over -> yellow
SLIP_RED_MONTHS = 3  # an end date more than 3 months after the approved one -> red
SLIP_YELLOW_MONTHS = 1  # 1-3 months -> yellow
STALE_MONTHS = 6  # GAO: the same colour and texts for 6 months or more is a stale status

_SEVERITY = {None: -1, GREEN: 0, YELLOW: 1, RED: 2}


def cost_overrun_percent(baseline_cost: Decimal | None, forecast_cost: Decimal | None) -> Decimal | None:
    """R38: how far the forecast lies above (+) or below (-) the approved total, in percent (exact)."""
    if baseline_cost is None or forecast_cost is None or Decimal(baseline_cost) <= 0:
        return None
    return (Decimal(forecast_cost) - Decimal(baseline_cost)) * 100 / Decimal(baseline_cost)


def _cost_colour(baseline_cost, forecast_cost) -> str | None:
    percent = cost_overrun_percent(baseline_cost, forecast_cost)
    if percent is None:
        return None
    if percent > COST_RED_PERCENT:
        return RED
    return YELLOW if percent >= COST_YELLOW_PERCENT else GREEN


def plus_months(day: date, months: int) -> date:
    """The same day `months` later, on the month's last day where it is shorter (31 Jan + 1 -> 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _time_colour(planned_end: date | None, expected_end: date | None) -> str | None:
    if planned_end is None or expected_end is None:
        return None
    if expected_end > plus_months(planned_end, SLIP_RED_MONTHS):
        return RED
    return YELLOW if expected_end >= plus_months(planned_end, SLIP_YELLOW_MONTHS) else GREEN


def colour_from_numbers(
    baseline_cost: Decimal | None, forecast_cost: Decimal | None, planned_end: date | None, expected_end: date | None
) -> str | None:
    """R38: the colour the numbers point to: > 10 % over budget or > 3 months late is red, 5-10 % or
    1-3 months yellow, otherwise green; the worse of cost and time. None when neither can be read (no
    forecast, or no approved baseline)."""
    colours = [c for c in (_cost_colour(baseline_cost, forecast_cost), _time_colour(planned_end, expected_end)) if c]
    return max(colours, key=_SEVERITY.__getitem__) if colours else None


def sanity_flag(reported: str | None, from_numbers: str | None) -> str | None:
    """R38: the colour to flag ("red" or "yellow") when the numbers are worse than the reported colour.

    Never for a report without a colour or one marked done, and never when the numbers are missing.
    The flag is shown beside the reported colour; it never changes it.
    """
    if reported not in (GREEN, YELLOW) or from_numbers not in (YELLOW, RED):
        return None
    return from_numbers if _SEVERITY[from_numbers] > _SEVERITY[reported] else None


def months_unchanged(previous_months: int | None, *, same_as_previous: bool) -> int:
    """R38: how many consecutive monthly reports, this one included, have said the same (1 after a change)."""
    return (previous_months or 1) + 1 if same_as_previous else 1


def is_stale(months: int | None) -> bool:
    """R38: the same colour and unchanged texts for STALE_MONTHS months or more."""
    return (months or 0) >= STALE_MONTHS


@dataclass(frozen=True)
class Sanity:
    """What a flag shows: the colour the numbers point to and the figures behind it."""

    colour: str
    baseline_cost: Decimal | None
    forecast_cost: Decimal | None
    percent: Decimal | None
    planned_end: date | None
    expected_end: date | None


def sanity_of(
    reported: str | None,
    *,
    baseline_cost: Decimal | None,
    forecast_cost: Decimal | None,
    planned_end: date | None,
    expected_end: date | None,
) -> Sanity | None:
    """R38: the flag for one report with its figures, or None."""
    flag = sanity_flag(reported, colour_from_numbers(baseline_cost, forecast_cost, planned_end, expected_end))
    if flag is None:
        return None
    return Sanity(
        flag,
        baseline_cost,
        forecast_cost,
        cost_overrun_percent(baseline_cost, forecast_cost),
        planned_end,
        expected_end,
    )


def worst(flags: Iterable[Sanity | None]) -> Sanity | None:
    """R38: of several regions' flags, the one pointing to the worst colour (the first of equals)."""
    best = None
    for flag in flags:
        if flag is not None and (best is None or _SEVERITY[flag.colour] > _SEVERITY[best.colour]):
            best = flag
    return best


def percent_text(percent: Decimal) -> str:
    """'+14,8 %' (one decimal, half up, Danish comma)."""
    rounded = percent.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{'+' if rounded > 0 else ''}{rounded:f} %".replace(".", ",").replace("-", "−")


def millions_text(amount: Decimal) -> str:
    """'12,4 mio. kr.' (one decimal, half up)."""
    rounded = (Decimal(amount) / Decimal(1_000_000)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{rounded:f} mio. kr.".replace(".", ",", 1)

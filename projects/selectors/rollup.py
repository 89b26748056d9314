"""Reads of the kept monthly roll-up (R10, R11) as plain values. Every portfolio-wide status read goes
through these; none recomputes R10. A month's rows hold all the dashboard needs (with the trend), so a
portfolio costs one row per pejlemærke, whatever the number of months behind it."""

from datetime import date, datetime
from typing import NamedTuple

from django.db.models import Max, Q

from rsi_portal.dates import add_months

from ..models import TREND_MONTHS, MonthlyRollup


class KeptMonth(NamedTuple):
    """One pejlemærke's stored roll-up for a month (colours None when there is none)."""

    colour: str | None
    region_colours: dict[int, str | None]  # every participating region, in region order
    missing_regions: list[int]  # region ids, in region order
    why: list  # [[region id, [dimension field, ...], first risk line], ...]
    previous_colour: str | None
    yellow_streak: int
    trend: list[str | None]  # the colours up to this month, oldest first (at most TREND_MONTHS)
    corrected: bool
    last_submitted_at: datetime | None  # the newest submission up to this month


MONTH_FIELDS = (
    "pejlemaerke_id",
    "colour",
    "region_colours",
    "missing_regions",
    "why",
    "previous_colour",
    "yellow_streak",
    "trend",
    "corrected",
    "last_submitted_at",
)


def month_rollups(month: date, condition: Q | None = None) -> dict[int, KeptMonth]:
    """The stored rows of `month` by pejlemærke; `condition` is on the row (e.g. pejlemaerke__type). One query."""
    rows = MonthlyRollup.objects.filter(condition or Q(), month=month).values_list(*MONTH_FIELDS).order_by()
    return {
        pk: KeptMonth(
            colour or None,
            {region_id: region_colour or None for region_id, region_colour in region_colours},
            missing,
            why,
            previous or None,
            streak,
            [c or None for c in trend],
            corrected,
            last,
        )
        for pk, colour, region_colours, missing, why, previous, streak, trend, corrected, last in rows
    }


class Before(NamedTuple):
    """What a month without a row takes from the months before it."""

    previous_colour: str | None
    trend: list[str | None]  # ending with the month itself (no status)
    last_submitted_at: datetime | None


def before_month(month: date, pejlemaerke_ids: list[int]) -> dict[int, Before]:
    """For pejlemærker without a row in `month`: last month's colour, the trend up to `month` and the
    newest submission before it, from their latest row within the trend (else the newest submission
    of any earlier row). At most two queries, none when every pejlemærke has its row."""
    if not pejlemaerke_ids:
        return {}
    first = add_months(month, -(TREND_MONTHS - 1))
    latest: dict[int, tuple] = {}
    for pk, row_month, colour, trend, last in (
        MonthlyRollup.objects.filter(pejlemaerke_id__in=pejlemaerke_ids, month__gte=first, month__lt=month)
        .values_list("pejlemaerke_id", "month", "colour", "trend", "last_submitted_at")
        .order_by("month")
    ):
        latest[pk] = (row_month, colour, trend, last)
    result = {}
    for pk, (row_month, colour, trend, last) in latest.items():
        gap = (month.year - row_month.year) * 12 + month.month - row_month.month
        shifted = [*(c or None for c in trend), *([None] * gap)][-TREND_MONTHS:]
        result[pk] = Before(colour or None if gap == 1 else None, shifted, last)
    silent = [pk for pk in pejlemaerke_ids if pk not in latest]
    if silent:
        for pk, last in (
            MonthlyRollup.objects.filter(pejlemaerke_id__in=silent, month__lt=first)
            .values("pejlemaerke_id")
            .annotate(last=Max("last_submitted_at"))
            .values_list("pejlemaerke_id", "last")
            .order_by()
        ):
            result[pk] = Before(None, [], last)
    return result

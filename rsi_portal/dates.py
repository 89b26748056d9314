"""Months and Danish working days (R13), shared by the rules of every app (pure, no database).

A month is the date of its first day (DESIGN.md).
"""

from datetime import date, timedelta
from functools import cache

import holidays
from django.conf import settings


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, n: int) -> date:
    index = month.year * 12 + (month.month - 1) + n
    return date(index // 12, index % 12 + 1, 1)


def month_end(month: date) -> date:
    """The last day of the month `month` falls in."""
    return add_months(month_start(month), 1) - timedelta(days=1)


def months_between(first: date, last: date) -> list[date]:
    """Every month from first to last, both included."""
    start, end = month_start(first), month_start(last)
    count = (end.year - start.year) * 12 + end.month - start.month
    return [add_months(start, i) for i in range(count + 1)]


def _names(holiday_name: str) -> set[str]:
    """The holidays package joins the names of holidays falling on one date with "; "."""
    return set(holiday_name.split("; "))


@cache
def _days_off(year: int, regional: frozenset[str]) -> frozenset[date]:
    public = holidays.country_holidays("DK", years=year, language="da")
    optional = holidays.country_holidays("DK", years=year, categories=("optional",), language="da")
    return frozenset(public) | frozenset(day for day, name in optional.items() if _names(name) & regional)


def regional_day_off_names() -> frozenset[str]:
    """The days the holidays package lists as optional in Denmark (Danish names), which the regions'
    agreements may give off: Grundlovsdag, Juleaftensdag, Nytårsaften, Arbejdernes kampdag."""
    optional = holidays.country_holidays("DK", years=range(2024, 2028), categories=("optional",), language="da")
    return frozenset(n for name in optional.values() for n in _names(name))


def is_working_day(day: date) -> bool:
    """R13: Monday to Friday, except Danish public holidays and the regions' days off
    (settings.RSI["DAYS_OFF"]: by default Grundlovsdag, 24 December and 31 December)."""
    return day.weekday() < 5 and day not in _days_off(day.year, frozenset(settings.RSI["DAYS_OFF"]))


def nth_working_day(month: date, n: int = 1) -> date:
    """The n-th working day (1-based) of the month."""
    if n < 1:
        raise ValueError("n must be 1 or more")
    day, seen = month_start(month), 0
    while True:
        if is_working_day(day):
            seen += 1
            if seen == n:
                return day
        day += timedelta(days=1)


def add_working_days(day: date, n: int) -> date:
    """The working day n working days after (n > 0) or before (n < 0) `day`."""
    step = timedelta(days=1 if n >= 0 else -1)
    remaining = abs(n)
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day

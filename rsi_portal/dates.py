"""Months and Danish working days, shared by the rules of every app (pure, no database).

A month is the date of its first day (DESIGN.md).
"""

from datetime import date, timedelta
from functools import cache

import holidays


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, n: int) -> date:
    index = month.year * 12 + (month.month - 1) + n
    return date(index // 12, index % 12 + 1, 1)


def months_between(first: date, last: date) -> list[date]:
    """Every month from first to last, both included."""
    start, end = month_start(first), month_start(last)
    count = (end.year - start.year) * 12 + end.month - start.month
    return [add_months(start, i) for i in range(count + 1)]


@cache
def _danish_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("DK", years=year))


def is_working_day(day: date) -> bool:
    """Monday to Friday, except Danish public holidays."""
    return day.weekday() < 5 and day not in _danish_holidays(day.year)


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

"""URL converters for ids, months and years, bounded so that nothing behind them can overflow.

`<id:pk>` gives an `int` the database's ids can hold (a 20-digit id would overflow SQLite, and
Django's own `<int:…>` lets it through); `<month:period>` the month's first day (a `date`);
`<year:year>` an `int` in MIN_YEAR–MAX_YEAR. A value out of range does not match, so the URL answers
404. Registered once, from RsiPortalConfig.ready(), before any URLconf is imported.
"""

from datetime import date

from django.urls import register_converter

# Far beyond any real portfolio month, far inside what `date` and a year ± 12 months can hold.
MIN_YEAR = 1900
MAX_YEAR = 2200
MAX_ID = 2**63 - 1  # BigAutoField


def year_in_range(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        pk = int(value)
        if pk > MAX_ID:
            raise ValueError(f"id {pk} is beyond the database's integers")
        return pk

    def to_url(self, value) -> str:
        return str(self.to_python(str(value)))


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not year_in_range(year):
            raise ValueError(f"year {year} is outside {MIN_YEAR}–{MAX_YEAR}")
        return year

    def to_url(self, value) -> str:
        return f"{self.to_python(str(value)):04d}"


class MonthConverter:
    """A month as YYYY-MM; the view receives the date of its first day."""

    regex = "[0-9]{4}-[0-9]{2}"

    def to_python(self, value: str) -> date:
        year, month = (int(part) for part in value.split("-"))
        if not year_in_range(year):
            raise ValueError(f"year {year} is outside {MIN_YEAR}–{MAX_YEAR}")
        return date(year, month, 1)  # ValueError for month 00 or 13–99

    def to_url(self, value) -> str:
        month = self.to_python(value if isinstance(value, str) else f"{value:%Y-%m}")
        return f"{month:%Y-%m}"


def register() -> None:
    register_converter(IdConverter, "id")
    register_converter(MonthConverter, "month")
    register_converter(YearConverter, "year")

"""Danish number and date formatting shared by pages, PDFs, mails and messages.

Numbers are Danish whatever the active locale. Dates have one form everywhere: the long form on pages
("10. december 2026"), the short form in tables ("10.12.2026"), months as "december 2026", Danish month
names in lower case; in English mode the same shapes with English month names.
"""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone, translation
from django.utils.dateformat import format as _format


def format_kr(value, decimals: int = 2) -> str:
    """1234567.5 -> '1.234.567,50' (Danish separators, rounded half up); '–' for no value."""
    if value is None or value == "":
        return "–"
    amount = Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    whole, _, fraction = f"{abs(amount):f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = ".".join(groups) or "0"
    return f"{sign}{text},{fraction}" if decimals else f"{sign}{text}"


def kroner(value) -> str:
    """1234567.5 -> '1.234.567,50 kr.'"""
    text = format_kr(value)
    return text if text == "–" else f"{text} kr."


# Django's "M", "N" and "b" give "Dec", "Sept" or "sept"; the Danish abbreviations are these.
_DANISH_MONTH_ABBREVIATIONS = (
    "jan.",
    "feb.",
    "mar.",
    "apr.",
    "maj",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "okt.",
    "nov.",
    "dec.",
)


def _danish() -> bool:
    return (translation.get_language() or "da").startswith("da")


def _local(value):
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _danish_lower(text: str) -> str:
    """Danish writes month and day names in lower case, also where Django's locale capitalises them."""
    return text.lower() if _danish() else text


def date_long(value: date) -> str:
    """10. december 2026 (English: 10 December 2026)."""
    value = _local(value)
    return _danish_lower(_format(value, "j. F Y")) if _danish() else _format(value, "j F Y")


def date_short(value: date) -> str:
    """10.12.2026, for tables."""
    return _format(_local(value), "d.m.Y")


def datetime_long(value: datetime) -> str:
    """10. december 2026 kl. 14.05 (English: 10 December 2026, 14:05)."""
    value = _local(value)
    if _danish():
        return f"{date_long(value)} kl. {_format(value, 'H.i')}"
    return f"{date_long(value)}, {_format(value, 'H:i')}"


def datetime_short(value: datetime) -> str:
    """10.12.2026 14.05, for tables (English: 10.12.2026 14:05)."""
    value = _local(value)
    return f"{date_short(value)} {_format(value, 'H.i' if _danish() else 'H:i')}"


def day_month(value: date) -> str:
    """10. december (English: 10 December)."""
    value = _local(value)
    return _danish_lower(_format(value, "j. F")) if _danish() else _format(value, "j F")


def month_long(value: date) -> str:
    """december 2026 (English: December 2026)."""
    return _danish_lower(_format(_local(value), "F Y"))


def month_abbreviation(value: date) -> str:
    """dec. (English: Dec), for the month labels of a trend strip or chart."""
    return _DANISH_MONTH_ABBREVIATIONS[value.month - 1] if _danish() else _format(value, "M")


def month_short(value: date) -> str:
    """dec. 2026 (English: Dec 2026), where a month label must be short."""
    return f"{month_abbreviation(value)} {value.year}"


def month_name(value: date) -> str:
    """december (English: December)."""
    return _danish_lower(_format(_local(value), "F"))

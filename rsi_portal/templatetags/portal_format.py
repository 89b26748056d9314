"""One date format everywhere: the long Danish form on pages ("10. december 2026"), the short form in tables
("10.12.2026"), months as "december 2026"; Danish month names in lower case. Amounts: "–" for none."""

from datetime import date, datetime

from django import template
from django.utils import timezone, translation
from django.utils.dateformat import format as date_format

from rsi_portal.formatting import kroner

register = template.Library()


def _lower_month(text: str) -> str:
    """Danish writes month names in lower case; Django's "F" gives them capitalised in some contexts."""
    return text.lower() if (translation.get_language() or "da").startswith("da") else text


def _local(value):
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def date_long(value) -> str:
    """10. december 2026 (English: 10 December 2026)."""
    if not isinstance(value, date):
        return "" if value in (None, "") else str(value)
    value = _local(value)
    if not (translation.get_language() or "da").startswith("da"):
        return date_format(value, "j F Y")
    return _lower_month(date_format(value, "j. F Y"))


@register.filter
def date_short(value) -> str:
    """10.12.2026."""
    if not isinstance(value, date):
        return "" if value in (None, "") else str(value)
    return date_format(_local(value), "d.m.Y")


@register.filter
def month_long(value) -> str:
    """december 2026."""
    if not isinstance(value, date):
        return "" if value in (None, "") else str(value)
    return _lower_month(date_format(value, "F Y"))


@register.filter
def kroner_or_dash(value) -> str:
    """An amount in kroner, or "–" when there is none (a matter without an amount)."""
    if value in (None, "") or value == 0:
        return "–"
    return kroner(value)


@register.filter
def strip_prefix(text, prefix) -> str:
    """ "Rød: Region Nordjylland" beside a "Rød" pill reads "Region Nordjylland", never "Rød – Rød"."""
    text, prefix = str(text or ""), str(prefix or "")
    for separator in (": ", " – "):
        if prefix and text.startswith(prefix + separator):
            return text[len(prefix) + len(separator) :]
    return text

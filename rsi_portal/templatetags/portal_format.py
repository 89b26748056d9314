"""One date format everywhere (rsi_portal.formatting): the long Danish form on pages ("10. december 2026"),
the short form in tables ("10.12.2026"), months as "december 2026"; Danish month names in lower case.
Amounts: "–" for none. The filters are template builtins (settings.TEMPLATES), so no template loads them."""

from datetime import date

from django import template

from rsi_portal import formatting
from rsi_portal.formatting import kroner

register = template.Library()


def _date_filter(name: str, formatter):
    """A filter that formats a date (or datetime) and passes anything else through: "" for nothing."""

    def _filter(value) -> str:
        if not isinstance(value, date):
            return "" if value in (None, "") else str(value)
        return formatter(value)

    _filter.__doc__ = formatter.__doc__
    register.filter(name, _filter)
    return _filter


date_long = _date_filter("date_long", formatting.date_long)
date_short = _date_filter("date_short", formatting.date_short)
datetime_long = _date_filter("datetime_long", formatting.datetime_long)
datetime_short = _date_filter("datetime_short", formatting.datetime_short)
day_month = _date_filter("day_month", formatting.day_month)
month_long = _date_filter("month_long", formatting.month_long)
month_short = _date_filter("month_short", formatting.month_short)
month_abbreviation = _date_filter("month_abbreviation", formatting.month_abbreviation)
month_name = _date_filter("month_name", formatting.month_name)


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

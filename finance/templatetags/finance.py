"""Danish money and årsværk formatting for finance pages, letters and messages."""

from decimal import Decimal

from django import template

from finance.rules import staff_aarsvaerk
from rsi_portal.formatting import format_kr

register = template.Library()


@register.filter
def kr(value):
    return format_kr(value)


@register.filter
def kr0(value):
    return format_kr(value, 0)


@register.filter
def pct(value):
    """A percentage share without trailing zeros: 31.6200 -> '31,62', 20.0000 -> '20'."""
    if value is None or value == "":
        return "–"
    text = f"{Decimal(value).normalize():f}"
    return text.replace(".", ",")


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def aarsvaerk(hours):
    """Hours shown as årsværk (R14)."""
    return "" if hours is None else format_kr(staff_aarsvaerk(hours=hours))

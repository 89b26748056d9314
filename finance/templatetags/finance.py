"""Danish money and årsværk formatting for finance pages, letters and messages."""

from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()


def format_kr(value, decimals: int = 2) -> str:
    """1234567.5 -> '1.234.567,50' (Danish separators, independent of the active locale)."""
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
    from finance.rules import staff_aarsvaerk

    return "" if hours is None else format_kr(staff_aarsvaerk(hours=hours))

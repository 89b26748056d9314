"""Danish number formatting shared by pages, PDFs and messages (independent of the active locale)."""

from decimal import ROUND_HALF_UP, Decimal


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

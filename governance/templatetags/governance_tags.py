from django import template

from rsi_portal.formatting import kroner as format_kroner

from ..access import status_label

register = template.Library()

CSS_STRING_ESCAPED = frozenset("\\'\"<>&")


@register.filter
def kroner(value) -> str:
    """1234567.5 -> '1.234.567,50 kr.'"""
    return format_kroner(value)


@register.filter
def matter_status(shown_status: str) -> str:
    """A matter's `shown_status` (access.with_shown_status) as its Danish label."""
    return status_label(shown_status)


@register.filter
def css_string(value) -> str:
    """Text for inside a quoted CSS string (a PDF bookmark-label): quotes, backslashes, control and markup
    characters become CSS hex escapes ("\\27 "); the trailing space ends the escape and is not shown."""
    return "".join(
        f"\\{ord(c):x} " if c in CSS_STRING_ESCAPED or ord(c) < 0x20 or ord(c) == 0x7F else c for c in str(value)
    )

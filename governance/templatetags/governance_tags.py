from django import template

from rsi_portal.formatting import kroner as format_kroner

register = template.Library()


@register.filter
def kroner(value) -> str:
    """1234567.5 -> '1.234.567,50 kr.'"""
    return format_kroner(value)

from django import template

from governance.rules import _kr

register = template.Library()


@register.filter
def kroner(value) -> str:
    """1234567.5 -> '1.234.567,50 kr.'"""
    return "–" if value is None or value == "" else _kr(value)

"""The status colours' Danish names and letters for every template, page and PDF alike (R9)."""

from django import template

from projects.rules import colour_label as _colour_label
from projects.rules import colour_letter as _colour_letter

register = template.Library()


@register.filter
def colour_label(colour, missing=True):
    return _colour_label(colour or None, missing=bool(missing))


@register.filter
def colour_letter(colour):
    return _colour_letter(colour or None)

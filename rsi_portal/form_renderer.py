"""A form renderer that writes Django's plainest form templates (inputs, textareas, labels) in Python.

The same markup as Django's own templates in django/forms/templates, character for character; any other
template (selects, radio lists, whole forms) goes through the template engine as before. Each of those
small templates costs a template render (a context, an include for the attributes) per field, which
on a page with a dozen fields is a large part of the page's time. Use it with `default_renderer` on a form.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

# The widget templates that are exactly django/forms/widgets/input.html.
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "input",
        "text",
        "number",
        "email",
        "url",
        "tel",
        "search",
        "password",
        "hidden",
        "date",
        "time",
        "datetime",
        "checkbox",
        "color",
    )
)


def attributes(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: ` name="value"`, a bare ` name` for True, nothing for False (escaped
    as format_html escapes, without its cost per attribute)."""
    escape = conditional_escape
    return mark_safe(
        "".join(
            f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
            for name, value in attrs.items()
            if value is not False
        )
    )


def _input(context) -> str:
    widget = context["widget"]
    value = "" if widget["value"] is None else format_html(' value="{}"', widget["value"])
    return format_html(
        '<input type="{}" name="{}"{}{}>', widget["type"], widget["name"], value, attributes(widget["attrs"])
    )


def _textarea(context) -> str:
    widget = context["widget"]
    return format_html(
        '<textarea name="{}"{}>\n{}</textarea>', widget["name"], attributes(widget["attrs"]), widget["value"] or ""
    )


def _label(context) -> str:
    if not context["use_tag"]:
        return format_html("{}", context["label"])
    tag = context["tag"]
    return format_html("<{}{}>{}</{}>", tag, attributes(context["attrs"] or {}), context["label"], tag)


INLINE = {
    **dict.fromkeys(INPUT_TEMPLATES, _input),
    "django/forms/widgets/textarea.html": _textarea,
    "django/forms/label.html": _label,
}


class InlineRenderer(DjangoTemplates):
    """Django's default form renderer, with the templates in INLINE written out in Python."""

    def render(self, template_name, context, request=None):
        inline = INLINE.get(template_name)
        if inline is None:
            return super().render(template_name, context, request=request)
        return mark_safe(inline(context))


# One instance for every form (a form given the class would build a template engine per form).
inline_renderer = InlineRenderer()

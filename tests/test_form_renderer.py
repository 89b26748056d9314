"""The inline form renderer writes exactly the markup Django's own templates write."""

from datetime import date
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from projects.forms import StatusCorrectionForm, StatusReportForm
from rsi_portal.form_renderer import InlineRenderer, inline_renderer

TRICKY = "Tid & \"økonomi\" <b>fed</b>\n\nlinje 3 – 'citat'"


class EveryInput(forms.Form):
    """One field per widget the renderer writes itself, with attributes of every kind."""

    text = forms.CharField(label="Navn?", widget=forms.TextInput(attrs={"data-x": '"<>&', "autofocus": True}))
    number = forms.IntegerField(label="Antal", required=False)
    email = forms.EmailField(label="E-mail", required=False)
    url = forms.URLField(label="Adresse", required=False, assume_scheme="https")
    password = forms.CharField(widget=forms.PasswordInput(render_value=True), required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), required=False)
    when = forms.DateTimeField(required=False)
    checked = forms.BooleanField(required=False, widget=forms.CheckboxInput(attrs={"disabled": False}))
    text_area = forms.CharField(widget=forms.Textarea(attrs={"rows": 2, "aria-invalid": "true"}), required=False)
    choice = forms.ChoiceField(choices=[("a", "A & B"), ("c", "<C>")], required=False)  # through the engine


def rendered(form_class, data=None, initial=None, **kwargs) -> tuple[str, str]:
    """The form's fields and labels with Django's renderer and with the inline one."""
    pages = []
    for renderer in (DjangoTemplates(), InlineRenderer()):
        form = form_class(data, initial=initial, renderer=renderer, **kwargs)
        if data is not None:
            form.is_valid()
        pages.append("\n".join(f"{field.label_tag()}|{field}|{field.legend_tag()}" for field in form))
    return pages[0], pages[1]


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"text": TRICKY, "number": "12", "checked": "on", "text_area": TRICKY, "day": "2026-02-30", "choice": "c"},
        {"text": "", "number": "x", "email": "ikke en adresse", "when": "2026-01-01 10:00", "hidden": '"'},
    ],
)
def test_every_inline_widget_and_label_matches_django(data):
    django_html, inline_html = rendered(EveryInput, data)
    assert inline_html == django_html
    assert inline_html.count("<input") == 9 and "<textarea" in inline_html and "<select" in inline_html


def test_typed_text_is_escaped_in_inputs_and_textareas():
    _, inline_html = rendered(EveryInput, {"text": TRICKY, "text_area": TRICKY})
    assert "<b>" not in inline_html
    assert inline_html.count("&lt;b&gt;fed&lt;/b&gt;") == 2


def test_the_status_forms_match_django_empty_prefilled_and_with_errors():
    initial = {
        "colour": "red",
        "overall": TRICKY,
        "forecast_cost": Decimal("1234567.50"),
        "expected_end": date(2027, 3, 1),
    }
    posted = {"action": "submit", "colour": "yellow", "overall": TRICKY, "risici": "", "forecast_cost": "-1,5"}
    for form_class, kwargs in (
        (StatusReportForm, {}),
        (StatusReportForm, {"submitting": True}),
        (StatusCorrectionForm, {}),
    ):
        for data, start in ((None, None), (None, initial), (posted, None)):
            django_html, inline_html = rendered(form_class, data, start, **kwargs)
            assert inline_html == django_html


def test_the_status_form_uses_the_one_shared_inline_renderer():
    assert StatusReportForm().renderer is inline_renderer
    assert StatusCorrectionForm().renderer is inline_renderer

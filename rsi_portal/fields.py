"""Form fields that refuse, with a Danish message, what the code behind them cannot handle.

Dates, months and years are bounded to MIN_YEAR–MAX_YEAR (rsi_portal.converters), so that adding
working days or months to them cannot overflow `date`; ids are bounded to what the database can hold.
"""

from datetime import date

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .converters import MAX_ID, MAX_YEAR, MIN_YEAR, year_in_range

DATE_RANGE_MESSAGE = format_lazy(_("Vælg en dato mellem {} og {}."), MIN_YEAR, MAX_YEAR)
MONTH_RANGE_MESSAGE = format_lazy(_("Vælg en måned mellem {} og {}."), MIN_YEAR, MAX_YEAR)


class BoundedDateField(forms.DateField):
    """A date between MIN_YEAR and MAX_YEAR."""

    range_message = DATE_RANGE_MESSAGE

    def validate(self, value):
        super().validate(value)
        if isinstance(value, date) and not year_in_range(value.year):
            raise ValidationError(self.range_message, code="out_of_range")


class MonthField(BoundedDateField):
    """A month typed as YYYY-MM (an <input type="month">); the value is the month's first day."""

    range_message = MONTH_RANGE_MESSAGE
    widget = forms.DateInput(format="%Y-%m", attrs={"type": "month"})

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m"])
        kwargs.setdefault("error_messages", {"invalid": _("Skriv måneden som ÅÅÅÅ-MM.")})
        super().__init__(**kwargs)


class YearField(forms.IntegerField):
    """A year; MIN_YEAR–MAX_YEAR unless narrower bounds are given."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", MIN_YEAR)
        kwargs.setdefault("max_value", MAX_YEAR)
        message = format_lazy(_("Vælg et år mellem {} og {}."), kwargs["min_value"], kwargs["max_value"])
        kwargs.setdefault("error_messages", {"invalid": message, "min_value": message, "max_value": message})
        super().__init__(**kwargs)


class CountedTextField(forms.CharField):
    """A text with a length limit that the browser never enforces by cutting a paste short.

    No maxlength attribute: static/js/charcount.js shows a live count from data-maxlength and warns
    before the limit, and a longer text is refused here with a Danish message while the form keeps it.
    Line breaks count as one character, in the browser as here.
    """

    def __init__(self, *, max_length: int, **kwargs):
        super().__init__(max_length=max_length, **kwargs)
        message = _("Teksten er på %(show_value)d tegn; der er plads til højst %(limit_value)d. Forkort den.")
        self.validators = [
            validators.MaxLengthValidator(max_length, message=message)
            if isinstance(v, validators.MaxLengthValidator)
            else v
            for v in self.validators
        ]

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if isinstance(value, str) else value

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        attrs.update(
            {
                "data-maxlength": str(self.max_length),
                "data-count-ok": _("{count} af {max} tegn"),
                "data-count-warn": _("{count} af {max} tegn – du nærmer dig grænsen"),
                "data-count-over": _("{count} af {max} tegn – {over} for mange. Forkort teksten, før du gemmer."),
            }
        )
        return attrs


class YearQueryForm(forms.Form):
    """`?year=` on a page that shows one year."""

    def __init__(self, data, *, min_value: int = MIN_YEAR, max_value: int = MAX_YEAR):
        super().__init__(data)
        self.fields["year"] = YearField(required=False, min_value=min_value, max_value=max_value)


def query_year(request, *, default: int, **bounds) -> int:
    """The year the query asks for, or `default` when it asks for none or for one out of bounds."""
    form = YearQueryForm(request.GET, **bounds)
    return (form.cleaned_data["year"] if form.is_valid() else None) or default


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses an id beyond the database's integers before it reaches a query (SQLite overflows on IN)."""

    def _check_values(self, value):
        for pk in value:
            try:
                too_big = abs(int(pk)) > MAX_ID
            except (TypeError, ValueError):
                continue  # not a number: Django's own check gives the message
            if too_big:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)

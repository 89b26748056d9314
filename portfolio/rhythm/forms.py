"""Forms of the portfolio rhythm pages (director mail, report regeneration, reminder filter)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rsi_portal.fields import MonthField

from ..models import ReminderKind


class RegenerateForm(forms.Form):
    reason = forms.CharField(
        label=_("Hvorfor dannes måneden igen?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        error_messages={"required": _("Skriv hvorfor måneden dannes igen.")},
    )


class DirectorMailItemForm(forms.Form):
    title = forms.CharField(
        label=_("Overskrift"), max_length=200, error_messages={"required": _("Skriv en overskrift.")}
    )
    text = forms.CharField(
        label=_("Tekst"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Skriv teksten til punktet.")},
    )


class DirectorMailEditForm(forms.Form):
    subject = forms.CharField(label=_("Emne"), max_length=200, error_messages={"required": _("Skriv et emne.")})
    body = forms.CharField(
        label=_("Tekst"),
        widget=forms.Textarea(attrs={"rows": 24}),
        error_messages={"required": _("Mailen skal have en tekst.")},
    )


class ReminderFilterForm(forms.Form):
    period = MonthField(label=_("Måned"), required=False)
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("Alle")), *ReminderKind.choices])

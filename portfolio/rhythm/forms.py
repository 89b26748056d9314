"""Forms of the portfolio rhythm pages (director mail, report regeneration, reminder filter)."""

from django import forms
from django.contrib.auth import get_user_model
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
    by_goal = forms.BooleanField(
        label=_("Gruppér efter strategimål"),
        required=False,
        help_text=_(
            "Pejlemærkerne står under hvert strategisk mål, de understøtter; de øvrige under »Uden strategimål«."
        ),
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


class ReminderSendForm(forms.Form):
    """The one-click reminder on the secretariat's home page: to whom, for which month (hidden fields)."""

    user = forms.ModelChoiceField(
        queryset=get_user_model().objects.filter(is_active=True),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Personen findes ikke længere.")},
    )
    period = MonthField(label=_("Måned"), widget=forms.HiddenInput)


class ReminderFilterForm(forms.Form):
    period = MonthField(label=_("Måned"), required=False)
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("Alle")), *ReminderKind.choices])

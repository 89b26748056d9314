"""The dashboard's filter form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.rules import Colour, Phase
from rsi_portal.fields import MonthField

from ..rules import REGION_CODES, PejlemaerkeType


class DashboardFilterForm(forms.Form):
    """Filters of the portfolio dashboard: month, type, phase, region and colour."""

    month = MonthField(label=_("Måned"), required=False)
    type = forms.ChoiceField(label=_("Type"), choices=[("", _("Alle typer")), *PejlemaerkeType.choices], required=False)
    phase = forms.ChoiceField(label=_("Fase"), choices=[("", _("Alle faser")), *Phase.choices], required=False)
    region = forms.ChoiceField(
        label=_("Deltagende region"),
        choices=[("", _("Alle regioner")), *[(c, c) for c in REGION_CODES]],
        required=False,
    )
    colour = forms.ChoiceField(
        label=_("Samlet status"),
        choices=[("", _("Alle")), *Colour.choices, ("missing", _("Mangler indberetning"))],
        required=False,
    )

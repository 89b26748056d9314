"""The dashboard's filter form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.rules import Colour, Phase
from rsi_portal.fields import MonthField

from ..models import StrategyGoal
from ..rules import REGION_CODES, PejlemaerkeType


class DashboardFilterForm(forms.Form):
    """Filters of the portfolio dashboard: month, type, phase, region, colour and what the numbers say."""

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
    goal = forms.ModelChoiceField(  # R40: read the portfolio per strategy goal
        label=_("Strategisk mål"), queryset=StrategyGoal.objects.all(), empty_label=_("Alle mål"), required=False
    )
    numbers = forms.ChoiceField(  # R38: the colours held against the numbers
        label=_("Tallene"),
        choices=[
            ("", _("Alle")),
            ("flagged", _("Tallene peger på rød eller gul")),
            ("stale", _("Uændret i 6 måneder eller mere")),
            ("no_forecast", _("Ingen prognose")),
        ],
        required=False,
    )

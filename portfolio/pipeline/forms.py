"""Parsing and validation of the pipeline's input (R34, R40), with Danish messages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portfolio.models import (
    IdeaSource,
    Kommissorium,
    Maturity,
    Pejlemaerke,
    Priority,
    Recommendation,
    Region,
    SeminarOutcome,
    StrategyGoal,
)
from portfolio.rules import PejlemaerkeType

from .rules import kommissorium_missing

MONEY = {"max_digits": 14, "decimal_places": 2, "min_value": 0}


def _blank(choices, label):
    return [("", label), *choices]


class KommissoriumForm(forms.Form):
    """R34: the one-page kommissorium. Saving as draft needs only the title; submitting needs everything."""

    title = forms.CharField(label=_("Titel"), max_length=200, required=False)
    problem = forms.CharField(label=_("Problem og formål"), widget=forms.Textarea(attrs={"rows": 5}), required=False)
    benefits = forms.CharField(
        label=_("Forventede gevinster og effekter"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    regions = forms.ModelMultipleChoiceField(
        label=_("Regioner, idéen vedrører"),
        queryset=Region.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    rough_cost = forms.DecimalField(label=_("Anslået økonomi (kr.)"), required=False, localize=True, **MONEY)
    timeframe = forms.CharField(label=_("Anslået tidsramme"), max_length=120, required=False)
    source = forms.ChoiceField(label=_("Kilde"), choices=_blank(IdeaSource.choices, "—"), required=False)
    type = forms.ChoiceField(label=_("Forventet type"), choices=PejlemaerkeType.choices)
    leading_region = forms.ModelChoiceField(
        label=_("Foreslået projektledende region"), queryset=Region.objects.all(), required=False
    )
    oa_year = forms.IntegerField(
        label=_("Igangsat via ØA i år"),
        min_value=2000,
        max_value=2100,
        required=False,
        help_text=_("Kun hvis idéen er igangsat gennem økonomiaftaleforhandlingerne."),
    )
    reason = forms.CharField(label=_("Hvorfor denne version?"), max_length=300, required=False)

    def __init__(self, *args, submitting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.submitting = submitting

    def clean(self):
        data = super().clean()
        if self.submitting:
            for name, message in kommissorium_missing(data).items():
                if name not in self.errors:
                    self.add_error(name, message)
        elif not (data.get("title") or "").strip() and "title" not in self.errors:
            self.add_error("title", _("Giv idéen en titel."))
        return data

    @classmethod
    def initial_for(cls, k: Kommissorium) -> dict:
        return {
            "title": k.title,
            "problem": k.problem,
            "benefits": k.benefits,
            "regions": list(k.regions.all()),
            "rough_cost": k.rough_cost,
            "timeframe": k.timeframe,
            "source": k.source,
            "type": k.type,
            "leading_region": k.leading_region,
            "oa_year": k.oa_year,
        }


class QualificationForm(forms.Form):
    region = forms.ChoiceField(label=_("Vurderingen gælder"))
    coherence = forms.CharField(
        label=_("Sammenhæng med regionens egen portefølje"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Beskriv sammenhængen med regionens egen portefølje.")},
    )
    synergy = forms.CharField(label=_("Synergi og overlap"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    related = forms.ModelMultipleChoiceField(
        label=_("Beslægtede pejlemærker"), queryset=Pejlemaerke.objects.order_by("name"), required=False
    )
    maturity = forms.ChoiceField(
        label=_("Modenhed"),
        choices=_blank(Maturity.choices, "—"),
        error_messages={"required": _("Vælg idéens modenhed.")},
    )
    recommendation = forms.ChoiceField(
        label=_("Anbefaling"),
        choices=_blank(Recommendation.choices, "—"),
        error_messages={"required": _("Vælg en anbefaling.")},
    )
    reason = forms.CharField(
        label=_("Begrundelse"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv en begrundelse for anbefalingen.")},
    )

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("I fællesskab (PMO5)")), *[(str(r.pk), r.name) for r in regions]]
        self.fields["region"].required = False


class RankForm(forms.Form):
    position = forms.IntegerField(
        label=_("Placering (1 = øverst)"),
        min_value=1,
        max_value=9999,
        error_messages={"required": _("Angiv placeringen.")},
    )
    priority = forms.ChoiceField(
        label=_("Prioritet"),
        choices=_blank(Priority.choices, "—"),
        error_messages={"required": _("Vælg en prioritet.")},
    )
    target_seminar = forms.ChoiceField(label=_("Strategiseminar"), required=False)
    reason = forms.CharField(
        label=_("Begrundelse"), max_length=1000, error_messages={"required": _("Skriv en begrundelse for placeringen.")}
    )

    def __init__(self, *args, seminars=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_seminar"].choices = [
            ("", _("Næste strategiseminar")),
            *[(str(m.pk), m.day.strftime("%d.%m.%Y")) for m in seminars],
        ]


class SeminarDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Beslutning"),
        choices=_blank(SeminarOutcome.choices, "—"),
        error_messages={"required": _("Vælg optag i pipelinen, parkér eller afvis.")},
    )
    priority = forms.ChoiceField(
        label=_("Prioritet i pipelinen"), choices=_blank(Priority.choices, "—"), required=False
    )
    reason = forms.CharField(
        label=_("Seminarets begrundelse"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Skriv seminarets begrundelse.")},
    )

    def clean(self):
        data = super().clean()
        if data.get("outcome") == SeminarOutcome.PIPELINE and not data.get("priority"):
            self.add_error("priority", _("Vælg en prioritet for idéen i pipelinen."))
        return data


class NoticeForm(forms.Form):
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.none())
    title = forms.CharField(label=_("Titel"), max_length=200)
    description = forms.CharField(label=_("Beskrivelse"), widget=forms.Textarea(attrs={"rows": 4}))
    expected_start = forms.DateField(
        label=_("Forventet start"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Skriv datoen som åååå-mm-dd.")},
    )
    contact = forms.CharField(label=_("Kontakt"), max_length=200)

    def __init__(self, *args, regions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions if regions is not None else Region.objects.all()


class GoalForm(forms.ModelForm):
    pejlemaerker = forms.ModelMultipleChoiceField(
        label=_("Pejlemærker, der understøtter målet"),
        queryset=Pejlemaerke.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = StrategyGoal
        fields = ["title", "description", "period_start", "period_end"]

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Perioden kan ikke slutte før den begynder."))
        return data


class OAForm(forms.Form):
    year = forms.IntegerField(label=_("ØA-år"), min_value=2000, max_value=2100)


class KommissoriumLinkForm(forms.Form):
    """The secretariat links a submitted idea to an existing pejlemærke that has no kommissorium yet."""

    pejlemaerke = forms.ModelChoiceField(
        label=_("Pejlemærke"),
        queryset=Pejlemaerke.objects.filter(kommissorium__isnull=True).order_by("name"),
        empty_label="—",
        error_messages={
            "required": _("Vælg det pejlemærke, idéen blev til."),
            "invalid_choice": _("Vælg et pejlemærke fra listen."),
        },
    )
    reason = forms.CharField(
        label=_("Begrundelse"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        help_text=_("Fx besluttet før portalen eller igangsat via ØA."),
        error_messages={"required": _("Skriv en begrundelse.")},
    )

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import Participation, Pejlemaerke, Region
from .rules import (
    Closure,
    Lifecycle,
    PejlemaerkeType,
    allowed_transitions,
    lifecycle_filter_choices,
    lifecycle_label,
    participation_is_valid,
)
from .services import opt_out_error_message


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class PejlemaerkeForm(forms.ModelForm):
    project_leader = PersonChoiceField(
        queryset=get_user_model().objects.filter(is_active=True).order_by("first_name", "last_name"),
        required=False,
        label=_("Fællesregional projektleder"),
    )

    class Meta:
        model = Pejlemaerke
        fields = [
            "name",
            "short_name",
            "type",
            "is_programme",
            "leading_region",
            "project_leader",
            "description",
            "goal",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "goal": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        if data.get("is_programme") and data.get("type") != PejlemaerkeType.ANSKAFFELSE:
            self.add_error("is_programme", _("Kun anskaffelsespejlemærker kan organiseres som et program."))
        return data


class TransitionForm(forms.Form):
    to_state = forms.ChoiceField(label=_("Nyt trin i livscyklus"))
    reason = forms.CharField(
        label=_("Begrundelse"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv en begrundelse for skiftet.")},
    )

    def __init__(self, *args, current_state: str, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = allowed_transitions(current_state)
        self.fields["to_state"].choices = [
            (s, lifecycle_label(s, Closure.COMPLETED)) for s in Lifecycle.values if s in allowed
        ]


class StopForm(forms.Form):
    """R2: RSI DK's decision to stop a pejlemærke before completion."""

    decided_on = forms.DateField(
        label=_("RSI DK besluttede den"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Angiv datoen for RSI DK's beslutning.")},
    )
    decision_reference = forms.CharField(
        label=_("RSI DK's beslutning"),
        max_length=200,
        help_text=_("Fx møde og punkt i beslutningsprotokollen."),
        error_messages={"required": _("Angiv RSI DK's beslutning, fx møde og punkt.")},
    )
    reason = forms.CharField(
        label=_("Begrundelse"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv RSI DK's begrundelse for at stoppe pejlemærket.")},
    )


class ParticipationForm(forms.ModelForm):
    class Meta:
        model = Participation
        fields = ["status", "explanation"]
        widgets = {"explanation": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        data = super().clean()
        status, explanation = data.get("status"), data.get("explanation", "")
        if status and not participation_is_valid(status, explanation):
            self.add_error("explanation", opt_out_error_message())
        return data

    def _post_clean(self):
        # The service validates and saves; skip the model's own constraint check here so
        # the field error above is the one the user sees.
        pass


ParticipationFormSet = forms.modelformset_factory(Participation, form=ParticipationForm, extra=0)


class PejlemaerkeFilterForm(forms.Form):
    q = forms.CharField(label=_("Søg"), required=False)
    type = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("Alle typer"))] + PejlemaerkeType.choices)
    state = forms.ChoiceField(
        label=_("Livscyklus"), required=False, choices=lambda: [("", _("Alle")), *lifecycle_filter_choices()]
    )
    leading_region = forms.ChoiceField(label=_("Projektledende region"), required=False)
    participation = forms.ChoiceField(
        label=_("Deltagelse"),
        required=False,
        choices=[
            ("", _("Alle")),
            ("fuld", _("Alle regioner deltager")),
            ("fravalg", _("Mindst én region afstår/afventer")),
        ],
    )
    participation_region = forms.ChoiceField(label=_("Region der afstår/afventer"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        region_choices = [("", _("Alle regioner"))] + [(r.code, r.name) for r in Region.objects.all()]
        self.fields["leading_region"].choices = region_choices
        self.fields["participation_region"].choices = region_choices

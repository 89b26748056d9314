"""Forms for the escalation log (R25): raise one from a source's page, filter the log."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portfolio.models import Body

from .escalations import ESCALATION_PATHS, EscalationKind
from .rules import Source


class EscalationRaiseForm(forms.Form):
    """The source body (when the page offers more than one), the kind its paths allow, and the reason."""

    from_body = forms.ModelChoiceField(
        label=_("Eskaleres fra"),
        queryset=Body.objects.none(),
        error_messages={"required": _("Vælg hvilket forum der eskalerer.")},
    )
    kind = forms.ChoiceField(label=_("Type"), error_messages={"required": _("Vælg typen af sag.")})
    reason = forms.CharField(
        label=_("Begrundelse"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        error_messages={
            "required": _("Skriv hvorfor sagen eskaleres."),
            "max_length": _("Begrundelsen må højst være %(limit_value)d tegn."),
        },
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_body"].queryset = Body.objects.filter(pk__in=[body.pk for body in bodies])
        self.fields["from_body"].error_messages["invalid_choice"] = _("Vælg et af de fora, der kan eskalere herfra.")
        kinds = {kind for body in bodies for kind in ESCALATION_PATHS.get(body.kind, {})}
        self.fields["kind"].choices = [(k.value, k.label) for k in EscalationKind if k in kinds]
        self.fields["kind"].error_messages["invalid_choice"] = _("Vælg en af typerne på listen.")
        if len(bodies) == 1:
            self.fields["from_body"].initial = bodies[0].pk
            self.fields["from_body"].widget = forms.HiddenInput()


class EscalationFilterForm(forms.Form):
    source = forms.ChoiceField(label=_("Vej"), required=False, choices=[("", _("Alle"))] + list(Source.choices))
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("Alle"))] + list(EscalationKind.choices))
    year = forms.IntegerField(label=_("År"), required=False, min_value=2000, max_value=2100)
    state = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle")), ("open", _("Åbne")), ("decided", _("Afgjorte"))],
    )

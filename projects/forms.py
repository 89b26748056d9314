import hashlib

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from rsi_portal.fields import BoundedDateField, BoundedModelMultipleChoiceField, CountedTextField
from rsi_portal.form_renderer import inline_renderer

from .models import (
    APPROVER_CHOICES,
    DOCUMENT_UPLOADS,
    GATE_PHASES,
    DocumentType,
    Project,
    RecommendationStatus,
    RiskRecommendation,
)
from .rules import COLOUR_DEFINITIONS, Colour, DocumentAccess, RiskProfile, Step, colour_needs_risk_text, steps_of


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}


# --- Monthly status (R9–R13)

TEXTAREA = {"rows": 3}
STATUS_TEXT_MAX_LENGTH = 2000


def _status_text(label, **kwargs):
    return CountedTextField(
        label=label,
        max_length=STATUS_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs=TEXTAREA),
        required=False,
        **kwargs,
    )


class StatusReportForm(forms.Form):
    """R9: the monthly report. "Gem kladde" needs nothing; "Indsend" needs a colour, an overall text
    and, for red or yellow, the main risks."""

    default_renderer = inline_renderer  # a dozen fields: their inputs and labels without the template engine

    colour = forms.ChoiceField(
        label=_("Status"),
        choices=[(c.value, format_lazy("{} – {}", c.label, COLOUR_DEFINITIONS[c])) for c in Colour],
        widget=forms.RadioSelect,
        required=False,
    )
    overall = _status_text(
        _("Overordnet status"), help_text=_("Hvad er ændret siden sidste rapport? Kort og ændringsorienteret.")
    )
    tid = _status_text(_("Tid"))
    oekonomi = _status_text(_("Økonomi"))
    leverancer = _status_text(_("Leverancer"))
    risici = _status_text(_("Væsentligste risici"), help_text=_("Skal udfyldes ved gul eller rød status."))
    affects_tid = forms.BooleanField(label=_("Udfordrer tid/deadline"), required=False)
    affects_oekonomi = forms.BooleanField(label=_("Udfordrer økonomi/budget"), required=False)
    affects_leverancer = forms.BooleanField(label=_("Udfordrer leverancer"), required=False)
    # R38: optional; held against the approved business case, never changing the colour chosen above.
    forecast_cost = forms.DecimalField(
        label=_("Forventet samlet udgift (kr.)"),
        help_text=_("Valgfri. Din prognose for projektets samlede udgift, fx 12400000."),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
        localize=True,
        error_messages={
            "invalid": _("Skriv den forventede samlede udgift som et beløb i kroner, fx 12400000."),
            "min_value": _("Den forventede udgift kan ikke være negativ."),
            "max_digits": _("Beløbet er for stort."),
            "max_whole_digits": _("Beløbet er for stort."),
            "max_decimal_places": _("Skriv højst to decimaler (øre)."),
        },
    )
    expected_end = BoundedDateField(
        label=_("Forventet projektslut"),
        help_text=_("Valgfri. Hvornår forventer du, at projektet slutter?"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        required=False,
        error_messages={"invalid": _("Skriv datoen som ÅÅÅÅ-MM-DD.")},
    )

    DIMENSIONS = ("affects_tid", "affects_oekonomi", "affects_leverancer")

    def __init__(self, *args, submitting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.submitting = submitting

    def fields_key(self) -> str:
        """What an unbound form's fields are drawn from (its class and initial values), as the key their HTML
        is kept under (status_form.html); a bound form's data and errors are its own and never kept."""
        if self.is_bound:
            raise ValueError("a bound form's fields are drawn anew")
        initial = sorted((self.initial or {}).items())
        return hashlib.sha256(repr((type(self).__name__, initial)).encode()).hexdigest()

    def text_fields(self):
        """The fields under the colour, in order: the texts and the forecast (status_fields.html)."""
        return [self[name] for name in self.fields if name not in ("colour", "reason", *self.DIMENSIONS)]

    def dimension_fields(self):
        """What a yellow or red status challenges: the three check boxes."""
        return [self[name] for name in self.DIMENSIONS]

    def clean(self):
        data = super().clean()
        if self.submitting:
            if not data.get("colour"):
                self.add_error("colour", _("Vælg en status: grøn, gul, rød eller gennemført."))
            if not (data.get("overall") or "").strip():
                self.add_error("overall", _("Skriv kort, hvad der er sket siden sidste rapport."))
            if colour_needs_risk_text(data.get("colour")) and not (data.get("risici") or "").strip():
                self.add_error(
                    "risici", _("En rød eller gul status skal have en beskrivelse af de væsentligste risici.")
                )
        return data

    def status_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.fields if name != "reason"}


class StatusCorrectionForm(StatusReportForm):
    """R12: a correction of a submitted report is a new version with a mandatory reason."""

    reason = CountedTextField(
        label=_("Begrundelse for rettelsen"),
        help_text=_("Påkrævet. Begrundelsen gemmes i historikken sammen med hvem og hvornår."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        kwargs["submitting"] = True
        super().__init__(*args, **kwargs)
        self.order_fields(["reason"])

    def clean(self):
        data = super().clean()
        if not (data.get("reason") or "").strip():
            self.add_error("reason", _("Skriv hvorfor rapporten rettes. En rettelse kræver en begrundelse."))
        return data


# --- Phases and gates (R5–R8, R27)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StepForm(forms.Form):
    """R5: the next step inside the project's current phase."""

    step = forms.ChoiceField(label=_("Nyt trin"))
    changed_on = BoundedDateField(label=_("Dato"), widget=DATE_INPUT)
    reason = forms.CharField(
        label=_("Begrundelse"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Skriv en begrundelse for skiftet.")},
    )

    def __init__(self, *args, phase: str, current_step: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [(s, Step(s).label) for s in steps_of(phase) if s != current_step]


class GatePassForm(forms.Form):
    decided_on = BoundedDateField(label=_("Besluttet den"), widget=DATE_INPUT)
    text = forms.CharField(
        label=_("Beslutning"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv beslutningsteksten.")},
    )


class DocumentUploadForm(forms.Form):
    document_type = forms.ModelChoiceField(
        label=_("Dokumenttype"),
        queryset=DocumentType.objects.all(),
        error_messages={"required": _("Vælg dokumenttypen.")},
    )
    file = forms.FileField(
        label=_("Fil"),
        error_messages={"required": _("Vælg en fil at uploade."), "empty": _("Filen er tom.")},
    )
    note = forms.CharField(label=_("Bemærkning"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    access = forms.TypedChoiceField(
        label=_("Adgang"),
        choices=DocumentAccess.choices,
        initial=DocumentAccess.PUBLIC,
        required=False,
        empty_value=DocumentAccess.PUBLIC,
        help_text=_(
            "Offentlig: alle i porteføljen. Intern: kun projektets folk, de fora der godkender dokumentet, og "
            "sekretariatet; andre ser kun, at versionen findes. Fortrolig: som Intern, men andre ser den slet ikke."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = DOCUMENT_UPLOADS.help_text
        self.fields["file"].widget.attrs["accept"] = DOCUMENT_UPLOADS.accept

    def clean_file(self):
        upload = self.cleaned_data["file"]
        DOCUMENT_UPLOADS.check(upload)  # the service checks again; here the message lands next to the field
        return upload


class DocumentApprovalForm(forms.Form):
    body_kind = forms.ChoiceField(label=_("Godkendt af"), choices=APPROVER_CHOICES)
    approved_on = BoundedDateField(label=_("Godkendt den"), widget=DATE_INPUT)
    note = forms.CharField(label=_("Bemærkning"), required=False)


class GateRequirementsForm(forms.Form):
    """R6: for each gate, the document types it needs and which of them must be approved in the phase
    (two checkbox groups per gate; a required document not ticked in the second counts once)."""

    def __init__(self, *args, current: dict[str, list[int]], current_this_phase: dict[str, list[int]], **kwargs):
        super().__init__(*args, **kwargs)
        types = DocumentType.objects.all()
        for phase, label in GATE_PHASES:
            self.fields[f"gate_{phase}"] = BoundedModelMultipleChoiceField(
                label=_("Gate ud af %(phase)s") % {"phase": label},
                queryset=types,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                initial=current.get(phase, []),
            )
            self.fields[f"scope_{phase}"] = BoundedModelMultipleChoiceField(
                label=_("Gate ud af %(phase)s: godkendes i fasen (ellers én gang)") % {"phase": label},
                queryset=types,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                initial=current_this_phase.get(phase, []),
            )


class DocumentTypeForm(forms.ModelForm):
    class Meta:
        model = DocumentType
        fields = ["name", "code", "approver", "steering_group_first", "description", "sort_order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class RiskFilterForm(forms.Form):
    """R27: the risk assessments list's filter."""

    profile = forms.ChoiceField(
        label=_("Risikoprofil"), choices=[("", _("Alle")), *RiskProfile.choices], required=False
    )


class RiskRequestForm(forms.Form):
    requested_on = BoundedDateField(label=_("Anmodet den"), widget=DATE_INPUT)
    budget = forms.DecimalField(label=_("Budget (kr.)"), max_digits=14, decimal_places=2, min_value=0)


class RiskLetterForm(forms.Form):
    received_on = BoundedDateField(label=_("Anbefalingsbrev modtaget"), widget=DATE_INPUT)
    risk_profile = forms.ChoiceField(
        label=_("Risikoprofil"),
        choices=RiskProfile.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg risikoprofil A, B eller C.")},
    )
    new_technology = forms.BooleanField(label=_("Ny eller kompleks teknologi"), required=False)
    many_stakeholders = forms.BooleanField(label=_("Mange interessenter"), required=False)
    large_organisation = forms.BooleanField(label=_("Stor organisation"), required=False)
    business_risk = forms.BooleanField(label=_("Forretningsmæssige risici"), required=False)
    security_risk = forms.BooleanField(label=_("Sikkerhedsrisici"), required=False)
    external_dependencies = forms.BooleanField(label=_("Eksterne afhængigheder"), required=False)
    letter_text = forms.CharField(label=_("Anbefalingsbrevet"), widget=forms.Textarea(attrs={"rows": 5}))
    recommendations = forms.CharField(
        label=_("Anbefalinger"),
        help_text=_("Én anbefaling pr. linje."),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Skriv It-rådets anbefalinger, én pr. linje.")},
    )


class ResponsumForm(forms.Form):
    text = forms.CharField(
        label=_("Projektets responsum"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Skriv projektets responsum.")},
    )
    submitted_on = BoundedDateField(label=_("Afgivet den"), widget=DATE_INPUT)


class FollowUpForm(forms.Form):
    """R27: the follow-up of one of the assessment's recommendations."""

    recommendation = forms.ModelChoiceField(
        queryset=RiskRecommendation.objects.none(),
        error_messages={"invalid_choice": _("Anbefalingen findes ikke i denne risikovurdering.")},
    )
    status = forms.ChoiceField(label=_("Opfølgning"), choices=RecommendationStatus.choices)
    follow_up = forms.CharField(label=_("Bemærkning"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recommendation"].queryset = assessment.recommendations.all()

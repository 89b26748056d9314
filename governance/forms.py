"""Forms: parse and give clear Danish messages; services re-check everything."""

from datetime import date
from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from portfolio.models import Body, BodyKind, Pejlemaerke, Region
from rsi_portal.fields import BoundedDateField

from .models import ATTACHMENT_UPLOADS, AgendaItem, JointSystem, Meeting, MeetingFormat, Outcome, RouteBody
from .rules import Kind, Source, default_end_time, quarter_label
from .selectors import likely_presenter_ids, matter_subject_projects
from .services import SENT_BY_PUBLISHING, SENT_FIELDS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["body", "day", "start_time", "end_time", "format", "location", "is_suggestion", "appendix_by_goal"]
        widgets = {"day": DATE_WIDGET, "start_time": TIME_WIDGET, "end_time": TIME_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.exclude(kind=BodyKind.STYREGRUPPE)
        self.fields["format"].choices = MeetingFormat.choices
        self.fields["end_time"].help_text = _("Tomt felt: to timer efter starttidspunktet.")
        start = self.initial.get("start_time")
        if start is not None and self.initial.get("end_time") is None:
            self.initial["end_time"] = default_end_time(start)  # shown, so it can be corrected

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start is not None and end is None and "end_time" not in self.errors:
            data["end_time"] = default_end_time(start)
        return data


class MeetingFilterForm(forms.Form):
    body = forms.ModelChoiceField(
        label=_("Forum"), queryset=Body.objects.exclude(kind=BodyKind.STYREGRUPPE), required=False
    )
    year = forms.IntegerField(label=_("År"), required=False, min_value=2000, max_value=2100)
    past = forms.BooleanField(label=_("Vis også afholdte møder"), required=False)
    mine = forms.BooleanField(label=_("Kun fora, jeg er medlem af"), required=False)


class PlanForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Forum"), queryset=Body.objects.exclude(kind=BodyKind.STYREGRUPPE))
    year = forms.IntegerField(label=_("År"), min_value=2020, max_value=2100)


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = [
            "title",
            "access",
            "case_handler",
            "case_number",
            "presenter",
            "resume",
            "indstilling",
            "sagsfremstilling",
            "oekonomi",
            "sekretariatets_bemaerkninger",
            "kommunikation",
            "matter",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in ("resume", "sagsfremstilling", "oekonomi")}

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        presenter = self.fields["presenter"]
        presenter.queryset = get_user_model().objects.filter(is_active=True).order_by("first_name", "last_name")
        presenter.choices = _presenter_choices(presenter.queryset, likely_presenter_ids(meeting))
        # About 170 people: static/js/select-search.js adds a search box that filters the list.
        presenter.widget.attrs.update(
            {
                "data-searchable": "true",
                "data-search-label": _("Søg i listen"),
                "data-search-result": _("Viser {shown} af {total} personer."),
            }
        )
        self.fields["indstilling"].widget = forms.Textarea(attrs={"rows": 4})
        self.fields["indstilling"].help_text = _(
            "Teksten »Det indstilles,« sættes automatisk ind. Skriv ét »at …« pr. linje."
        )


def _presenter_choices(users, likely_ids: set[int]) -> list:
    """The body's members and the regions' IT directors first ("Forummets medlemmer"), then everyone else."""
    first, rest = [], []
    for user in users:
        (first if user.pk in likely_ids else rest).append((user.pk, user.get_full_name() or user.username))
    groups = [(_("Forummets medlemmer"), first), (_("Øvrige"), rest)]
    return [("", "---------"), *((label, choices) for label, choices in groups if choices)]


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Bilagets titel"), max_length=200, required=False)
    upload = forms.FileField(label=_("Fil (PDF, Word, Excel, PowerPoint, PNG, JPEG, tekst – højst 20 MB)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["upload"].widget.attrs["accept"] = ATTACHMENT_UPLOADS.accept

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        ATTACHMENT_UPLOADS.check(upload)  # the service checks again; here the message lands next to the field
        return upload


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Afgørelse"), choices=Outcome.choices)
    text = forms.CharField(label=_("Beslutning"), widget=forms.Textarea(attrs={"rows": 4}))
    conditions = forms.CharField(label=_("Betingelser"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    decided_on = BoundedDateField(label=_("Besluttet den"), widget=DATE_WIDGET, initial=date.today)


class SentForm(forms.Form):
    """R28: the day the minutes went out. The agenda and the decision log go out by publishing them."""

    what = forms.CharField(widget=forms.HiddenInput, initial="minutes")
    on = BoundedDateField(label=_("Referatet udsendt den"), widget=DATE_WIDGET, initial=date.today)

    def clean_what(self):
        what = self.cleaned_data["what"]
        if what not in SENT_FIELDS:
            raise forms.ValidationError(SENT_BY_PUBLISHING.get(what, _("Kun referatets udsendelse registreres her.")))
        return what


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Referat"), widget=forms.Textarea(attrs={"rows": 12}))


class MinutesApprovalForm(forms.Form):
    """The meeting at which the minutes were approved (the service checks it is the right one, R28)."""

    approve_at = forms.ModelChoiceField(
        queryset=Meeting.objects.all(),
        error_messages={
            "required": _("Vælg mødet, hvor referatet blev godkendt."),
            "invalid_choice": _("Vælg mødet, hvor referatet blev godkendt."),
        },
    )


class ItemMoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Op")), ("down", _("Ned"))], initial="down", required=False)


class MatterFilterForm(forms.Form):
    route = forms.ChoiceField(label=_("Besluttes af"), choices=[("", _("Alle")), *RouteBody.choices], required=False)


class MatterForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    # The system-responsible region has its own form on the system's page (R33).
    kind = forms.ChoiceField(label=_("Type"), choices=[c for c in Kind.choices if c[0] != Kind.SYSTEM_RESPONSIBLE])
    amount = forms.DecimalField(
        label=_("Beløb (kr.)"), max_digits=14, decimal_places=2, min_value=Decimal("0"), initial=Decimal("0")
    )
    year = forms.IntegerField(label=_("Budgetår"), min_value=2000, max_value=2100, initial=lambda: date.today().year)
    pejlemaerke = forms.ModelChoiceField(label=_("Pejlemærke"), queryset=Pejlemaerke.objects.all(), required=False)
    project = forms.ModelChoiceField(label=_("Projekt"), queryset=matter_subject_projects(), required=False)
    joint_system = forms.ModelChoiceField(
        label=_("Fælles driftssystem"), queryset=JointSystem.objects.all(), required=False
    )
    escalated_from = forms.ChoiceField(
        label=_("Eskaleret fra"), choices=[("", _("Ikke eskaleret"))] + list(Source.choices), required=False
    )
    description = forms.CharField(label=_("Beskrivelse"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def clean(self):
        data = super().clean()
        if not (data.get("pejlemaerke") or data.get("project") or data.get("joint_system")):
            raise forms.ValidationError(
                _("Vælg hvad sagen handler om: et pejlemærke, et projekt eller et fælles driftssystem.")
            )
        if data.get("kind") == Kind.SYSTEM_DEVELOPMENT and not data.get("joint_system"):
            self.add_error("joint_system", _("Vælg det fælles driftssystem, der videreudvikles."))
        return data


class EscalationForm(forms.Form):
    reason = forms.CharField(
        label=_("IT5's begrundelse for at eskalere sagen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv hvorfor IT5 eskalerer sagen.")},
    )


class JointSystemForm(forms.ModelForm):
    year = forms.IntegerField(label=_("Budgetår"), min_value=2000, max_value=2100, initial=lambda: date.today().year)
    operating_budget = forms.DecimalField(
        label=_("Driftsbudget for året (kr.)"), max_digits=14, decimal_places=2, min_value=Decimal("0"), required=False
    )

    class Meta:
        model = JointSystem
        fields = ["name", "fsa"]  # the responsible region is RSI DK's decision (R33), not a field edit


class UserGroupForm(forms.Form):
    name = forms.CharField(
        label=_("Brugergruppe"), max_length=160, error_messages={"required": _("Skriv brugergruppens navn.")}
    )
    description = forms.CharField(
        label=_("Hvem gruppen repræsenterer"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ResponsibilityForm(forms.Form):
    """R33: SYS's recommendation of the system-responsible region, sent to RSI DK."""

    region = forms.ModelChoiceField(
        label=_("Region, som SYS indstiller"),
        queryset=Region.objects.all(),
        error_messages={"required": _("Vælg den region, SYS indstiller.")},
    )
    reason = forms.CharField(
        label=_("SYS' begrundelse"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv SYS' begrundelse for indstillingen.")},
    )


class QuarterlyReportForm(forms.Form):
    """R37: RITA's or SYS's quarterly report to IT5 (the secretariat files it)."""

    body = forms.ModelChoiceField(
        label=_("Forum"),
        queryset=Body.objects.filter(kind__in=[BodyKind.RITA, BodyKind.SYS]).order_by("kind"),
        empty_label=None,
        error_messages={"invalid_choice": _("Vælg RITA eller SYS.")},
    )
    quarter = forms.ChoiceField(label=_("Kvartal"))
    text = forms.CharField(
        label=_("Rapport"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        help_text=_("Rapportens tekst eller et kort resumé af den vedhæftede rapport."),
        error_messages={"required": _("Skriv rapportens tekst.")},
    )
    upload = forms.FileField(label=_("Rapport som fil (valgfri)"), required=False)

    def __init__(self, *args, quarters=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"].choices = [(f"{q:%Y-%m-%d}", quarter_label(q)) for q in quarters]

    def clean_quarter(self):
        return date.fromisoformat(self.cleaned_data["quarter"])

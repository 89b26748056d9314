"""Forms for benefit lines, the negative-case justification (R35) and the realisation plan and reports (R36)."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portfolio.models import Region

from . import rules
from .rules import BenefitKind
from .services.benefits import MAX_PROFILE_YEARS, unit_message

VALUE = {"max_digits": 16, "decimal_places": 2, "localize": True}


def _users():
    return get_user_model().objects.filter(is_active=True).order_by("first_name", "last_name", "username")


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class BenefitForm(forms.Form):
    """R35: one benefit; units and numbers checked here and again in the service."""

    description = forms.CharField(label=gettext_lazy("Beskrivelse"), max_length=200)
    kind = forms.ChoiceField(label=gettext_lazy("Art"), choices=BenefitKind.choices)
    region = forms.ModelChoiceField(
        label=gettext_lazy("Region"),
        queryset=Region.objects.order_by("sort_order"),
        required=False,
        empty_label=gettext_lazy("Fællesregional"),
    )
    baseline = forms.DecimalField(label=gettext_lazy("Udgangspunkt"), **VALUE)
    target = forms.DecimalField(label=gettext_lazy("Mål"), **VALUE)
    unit = forms.CharField(
        label=gettext_lazy("Enhed"),
        max_length=40,
        required=False,
        help_text=gettext_lazy("Økonomisk: kr. Kapacitet: timer eller årsværk. Øvrige: fx procent eller antal."),
    )
    start_year = forms.IntegerField(label=gettext_lazy("Første år med gevinst"), min_value=2000, max_value=2100)
    profile = forms.CharField(
        label=gettext_lazy("Årlig profil (% af den fulde gevinst)"),
        max_length=400,
        help_text=gettext_lazy("Et tal pr. år fra første år, adskilt af semikolon, fx 50; 100; 100."),
    )
    owner_user = UserChoiceField(label=gettext_lazy("Ejer (person)"), queryset=_users(), required=False)
    owner_region = forms.ModelChoiceField(
        label=gettext_lazy("Ejer (region)"), queryset=Region.objects.order_by("sort_order"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_user"].queryset = _users()

    def clean_profile(self):
        parts = [p.strip() for p in self.cleaned_data["profile"].replace("%", "").split(";") if p.strip()]
        try:
            values = [Decimal(p.replace(",", ".")) for p in parts]
        except InvalidOperation:
            raise forms.ValidationError(_("Profilen skal være tal adskilt af semikolon, fx 50; 100; 100.")) from None
        if not 1 <= len(values) <= MAX_PROFILE_YEARS:
            raise forms.ValidationError(_("Profilen skal have mellem 1 og 35 år."))
        if any(not v.is_finite() or v < 0 or v > 100 for v in values):
            raise forms.ValidationError(_("Hvert år i profilen er en andel af den fulde gevinst på 0-100 %."))
        return values

    def clean(self):
        data = super().clean()
        kind, unit = data.get("kind"), (data.get("unit") or "").strip()
        if kind == BenefitKind.ECONOMIC and not unit:
            unit = data["unit"] = rules.ECONOMIC_UNIT
        if kind and not rules.benefit_unit_ok(kind, unit):
            self.add_error("unit", unit_message(kind))
        if (data.get("owner_user") is None) == (data.get("owner_region") is None) and not (
            self.has_error("owner_user") or self.has_error("owner_region")
        ):
            self.add_error("owner_region", _("Angiv én ejer: en person eller en region."))
        return data


class JustificationForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Hvorfor anbefales business casen trods negativ økonomi?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        min_length=20,
        help_text=gettext_lazy("Beskriv fx kvalitets- eller patientgevinsterne. Mindst 20 tegn."),
    )


class PlanItemForm(forms.Form):
    """R36: one benefit a region reports on after close."""

    benefit = forms.ModelChoiceField(label=gettext_lazy("Gevinst"), queryset=None)
    region = forms.ModelChoiceField(label=gettext_lazy("Region"), queryset=Region.objects.order_by("sort_order"))
    first_year = forms.IntegerField(label=gettext_lazy("Første år"), min_value=2000, max_value=2100)
    last_year = forms.IntegerField(label=gettext_lazy("Sidste år"), min_value=2000, max_value=2100)
    target = forms.DecimalField(label=gettext_lazy("Mål for regionen"), required=False, **VALUE)
    reporter = UserChoiceField(label=gettext_lazy("Indberetter"), queryset=None)
    method = forms.CharField(label=gettext_lazy("Målemetode"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, benefits, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["benefit"].queryset = benefits
        self.fields["reporter"].queryset = _users()

    def clean(self):
        data = super().clean()
        if data.get("first_year") and data.get("last_year") and data["last_year"] < data["first_year"]:
            self.add_error("last_year", _("Sidste år skal ligge efter første år."))
        return data


class ReportForm(forms.Form):
    """R36: a realised value for one planned benefit and year, with a short text."""

    item = forms.TypedChoiceField(label=gettext_lazy("Gevinst og region"), coerce=int)
    year = forms.IntegerField(label=gettext_lazy("År"), min_value=2000, max_value=2100)
    realised = forms.DecimalField(label=gettext_lazy("Realiseret værdi"), **VALUE)
    text = forms.CharField(label=gettext_lazy("Kort tekst"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    correction_reason = forms.CharField(
        label=gettext_lazy("Årsag til rettelse (kun ved en ny version)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = {item.pk: item for item in items}
        self.fields["item"].choices = [
            (item.pk, f"{item.benefit.description} · {item.region.name} ({item.benefit.unit})") for item in items
        ]

    def clean(self):
        data = super().clean()
        item = self.items.get(data.get("item"))
        if item is not None and data.get("year") and data["year"] not in item.years:
            self.add_error(
                "year", _("Realiseringsplanen dækker ikke %(y)s for denne gevinst og region.") % {"y": data["year"]}
            )
        data["item"] = item
        return data

"""Forms for business cases, lines, buffer drawings and keys. Each re-checks the rule it serves (R14–R20)."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portfolio.models import Region
from portfolio.rules import REGION_CODES
from rsi_portal.formatting import format_kr

from . import rules
from .models import BusinessCaseVersion, ChangeRequest
from .rules import LineKind, Scope
from .services import buffer_cap_message, shares_message
from .templatetags.finance import pct

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BusinessCaseForm(forms.ModelForm):
    class Meta:
        model = BusinessCaseVersion
        fields = ["start_date", "end_date", "scope"]
        widgets = {"start_date": DATE, "end_date": DATE, "scope": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("Projektslut skal ligge efter projektstart."))
        return data


class VersionForm(BusinessCaseForm):
    """Time, scope and buffer of a draft; R17: the buffer is refused above 10 % of the expense total."""

    class Meta(BusinessCaseForm.Meta):
        fields = ["start_date", "end_date", "scope", "buffer", "change_reason"]
        widgets = {**BusinessCaseForm.Meta.widgets, "change_reason": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cap = rules.max_buffer(self.instance.expense_total)
        self.fields["buffer"].help_text = _("Højst 10 %% af de samlede udgifter: %(cap)s kr.") % {"cap": format_kr(cap)}

    def clean_buffer(self):
        buffer = self.cleaned_data["buffer"]
        if buffer is not None and not rules.buffer_allowed(buffer, self.instance.expense_total):
            raise forms.ValidationError(buffer_cap_message(rules.max_buffer(self.instance.expense_total)))
        return buffer


class LineForm(forms.Form):
    """R14–R16: one expense line; staff in årsværk or hours, external as hours × rate."""

    year = forms.IntegerField(label=gettext_lazy("Budgetår"), min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=gettext_lazy("Art"), choices=LineKind.choices)
    scope = forms.ChoiceField(label=gettext_lazy("Fællesregional eller regional"), choices=Scope.choices)
    region = forms.ModelChoiceField(
        label=gettext_lazy("Region (kun regionale udgifter)"), queryset=Region.objects.all(), required=False
    )
    description = forms.CharField(label=gettext_lazy("Beskrivelse"), max_length=200)
    aarsvaerk = forms.DecimalField(
        label=gettext_lazy("Årsværk"),
        max_digits=8,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text=gettext_lazy("Interne ressourcer: 1 årsværk = 1.350 timer à 500 kr. = 675.000 kr."),
    )
    hours = forms.DecimalField(
        label=gettext_lazy("Timer"),
        max_digits=10,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text=gettext_lazy("Interne ressourcer i timer (i stedet for årsværk) eller ekstern bistands timer."),
    )
    hourly_rate = forms.DecimalField(
        label=gettext_lazy("Timepris (kr.)"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text=gettext_lazy("Kun ekstern bistand: ressourcens egen timepris."),
    )
    amount = forms.DecimalField(
        label=gettext_lazy("Beløb (kr.)"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text=gettext_lazy("Anskaffelse, udvikling, øvrige udgifter og drift."),
    )

    def clean(self):
        data = super().clean()
        kind, scope = data.get("kind"), data.get("scope")
        if scope == Scope.REGIONAL and not data.get("region"):
            self.add_error("region", _("En regional udgift skal have en region."))
        if kind == LineKind.STAFF and (data.get("aarsvaerk") is None) == (data.get("hours") is None):
            self.add_error("aarsvaerk", _("Angiv interne ressourcer enten i årsværk eller i timer (ikke begge)."))
        if kind == LineKind.EXTERNAL:
            if data.get("hours") is None:
                self.add_error("hours", _("Angiv de forventede timer for den eksterne bistand."))
            if data.get("hourly_rate") is None:
                self.add_error("hourly_rate", _("Angiv ressourcens egen timepris."))
        if kind in (LineKind.OTHER, LineKind.OPERATING) and data.get("amount") is None:
            self.add_error("amount", _("Angiv beløbet."))
        return data


class NewVersionForm(forms.Form):
    change_reason = forms.CharField(
        label=gettext_lazy("Hvorfor en ny version?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Business casen opdateres, når tid, økonomi eller omfang ændres, og ved hver gate."),
    )


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Bemærkning (påkrævet ved afvisning)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class ChangeRequestDecisionForm(DecisionForm):
    decision = forms.ChoiceField(
        choices=[("approve", gettext_lazy("Godkend")), ("reject", gettext_lazy("Afvis"))],
        error_messages={
            "required": gettext_lazy("Vælg godkend eller afvis."),
            "invalid_choice": gettext_lazy("Vælg godkend eller afvis."),
        },
    )


class VersionPairForm(forms.Form):
    """R23: the two versions to compare (`?a=&b=`); an empty or unknown one falls back in the view."""

    a = forms.TypedChoiceField(coerce=int, required=False)
    b = forms.TypedChoiceField(coerce=int, required=False)

    def __init__(self, data, *, versions):
        super().__init__(data)
        for name in ("a", "b"):
            self.fields[name].choices = [("", ""), *((v.pk, v.number) for v in versions)]


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Søg"), required=False, max_length=200)


class ChangeRequestForm(forms.ModelForm):
    class Meta:
        model = ChangeRequest
        fields = ["title", "description", "amount", "year"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise forms.ValidationError(_("Beløbet skal være større end 0 kr."))
        return amount


class ActualForm(forms.Form):
    actual_hours = forms.DecimalField(
        label=gettext_lazy("Faktisk forbrug (timer)"), max_digits=10, decimal_places=2, min_value=0
    )


class SharesForm(forms.Form):
    """R20: five shares that must sum to exactly 100 %."""

    def __init__(self, *args, initial_shares: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        names = {r.code: r.name for r in Region.objects.all()}
        for code in REGION_CODES:
            self.fields[f"share_{code.lower()}"] = forms.DecimalField(
                label=_("%(region)s (%%)") % {"region": names.get(code, code)},
                max_digits=7,
                decimal_places=4,
                min_value=0,
                max_value=100,
                initial=(initial_shares or {}).get(code),
            )
        self.order_fields([f"share_{code.lower()}" for code in REGION_CODES])

    def clean(self):
        data = super().clean()
        shares = self.shares()
        if len(shares) == len(REGION_CODES) and not rules.shares_are_valid(shares):
            total = sum(shares.values(), Decimal("0"))
            raise forms.ValidationError(
                f"{shares_message()} " + _("Summen er nu %(total)s %%.") % {"total": pct(total)}
            )
        return data

    def shares(self) -> dict[str, Decimal]:
        data = getattr(self, "cleaned_data", {})
        return {
            code: data[f"share_{code.lower()}"]
            for code in REGION_CODES
            if data.get(f"share_{code.lower()}") is not None
        }


class KeyForm(SharesForm):
    source = forms.CharField(label=gettext_lazy("Kilde"), max_length=200, required=False)


class SplitForm(SharesForm):
    reason = forms.CharField(
        label=gettext_lazy("Aftalegrundlag"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Hvor og hvornår fordelingen er aftalt, fx styregruppemøde og dato."),
    )

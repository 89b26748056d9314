"""What the API shows: plain serializers over what the selectors return. Money is a decimal string in
kroner with two decimals; dates are ISO 8601."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

MONEY = {"max_digits": 14, "decimal_places": 2, "coerce_to_string": True}


class StrictSerializer(serializers.Serializer):
    """Refuses fields it does not know, and text longer than its limit (never cuts it)."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {
                        name: [_("Ukendt felt. Kendte felter: %(known)s.") % {"known": ", ".join(self.fields)}]
                        for name in unknown
                    }
                )
        return super().to_internal_value(data)


class RegionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class ParticipationSerializer(serializers.Serializer):
    region = serializers.CharField(source="region.code")
    status = serializers.CharField()
    explanation = serializers.CharField()


class TransitionSerializer(serializers.Serializer):
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    reason = serializers.CharField()
    decided_at = serializers.DateTimeField()


class PejlemaerkeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    short_name = serializers.CharField()
    type = serializers.CharField()
    state = serializers.CharField()
    closure = serializers.CharField()
    closed_on = serializers.DateField(allow_null=True)
    is_programme = serializers.BooleanField()
    leading_region = serializers.CharField(source="leading_region.code", allow_null=True, default=None)
    participations = ParticipationSerializer(many=True, source="participations.all")


class PejlemaerkeDetailSerializer(PejlemaerkeSerializer):
    description = serializers.CharField()
    goal = serializers.CharField()
    transitions = TransitionSerializer(many=True, source="transitions.all")


class RegionColourSerializer(serializers.Serializer):
    region = serializers.CharField(source="region.code")
    colour = serializers.CharField(allow_null=True)
    participating = serializers.BooleanField()


class FlagSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


class TrendPointSerializer(serializers.Serializer):
    month = serializers.DateField()
    colour = serializers.CharField(allow_null=True)


class RollupRowSerializer(serializers.Serializer):
    pejlemaerke = serializers.IntegerField(source="pejlemaerke.pk")
    name = serializers.CharField(source="pejlemaerke.name")
    colour = serializers.CharField(allow_null=True)
    colour_label = serializers.CharField()
    previous_colour = serializers.CharField(allow_null=True)
    region_colours = RegionColourSerializer(many=True)
    missing_regions = serializers.ListField(child=serializers.CharField())
    why = serializers.CharField()
    trend = serializers.SerializerMethodField()
    flags = FlagSerializer(many=True)
    phase = serializers.CharField()
    yellow_months = serializers.IntegerField()
    late = serializers.BooleanField()
    days_since_last_report = serializers.IntegerField(allow_null=True)

    @extend_schema_field(TrendPointSerializer(many=True))
    def get_trend(self, row):
        return [{"month": month.isoformat(), "colour": colour} for month, colour in row.trend]


class StatusTextsSerializer(serializers.Serializer):
    """R9: what a status report (and each of its versions) says: the colour, the texts and the dimensions."""

    colour = serializers.CharField()
    overall = serializers.CharField()
    tid = serializers.CharField()
    oekonomi = serializers.CharField()
    leverancer = serializers.CharField()
    risici = serializers.CharField()
    affects_tid = serializers.BooleanField()
    affects_oekonomi = serializers.BooleanField()
    affects_leverancer = serializers.BooleanField()


class StatusVersionSerializer(StatusTextsSerializer):
    version = serializers.IntegerField()
    reason = serializers.CharField()
    submitted_by = serializers.CharField(source="submitted_by.get_username")
    submitted_at = serializers.DateTimeField()


class StatusReportSerializer(StatusTextsSerializer):
    id = serializers.IntegerField()
    project = serializers.IntegerField(source="project_id")
    pejlemaerke = serializers.IntegerField(source="project.pejlemaerke_id")
    region = serializers.CharField(source="region.code")
    period = serializers.DateField()
    state = serializers.CharField()
    version = serializers.IntegerField()
    forecast_cost = serializers.DecimalField(allow_null=True, default=None, **MONEY)
    expected_end = serializers.DateField(allow_null=True, default=None)
    submitted_at = serializers.DateTimeField(allow_null=True)


class StatusReportDetailSerializer(StatusReportSerializer):
    versions = StatusVersionSerializer(many=True, source="versions.all")


# The status form's limits (projects.forms): a longer text is refused with its limit, never cut.
STATUS_TEXT_LIMIT = 2000
REASON_LIMIT = 1000


def _text(label):
    return serializers.CharField(label=label, required=False, allow_blank=True, max_length=STATUS_TEXT_LIMIT)


class StatusInputSerializer(StrictSerializer):
    """The status form's fields; what a submission needs (colour, overall, risks) the service checks, as for
    the form, with the same Danish messages."""

    colour = serializers.ChoiceField(choices=["green", "yellow", "red", "done"], required=False, allow_blank=True)
    overall = _text(_("overordnet status"))
    tid = _text(_("tid"))
    oekonomi = _text(_("økonomi"))
    leverancer = _text(_("leverancer"))
    risici = _text(_("væsentligste risici"))
    affects_tid = serializers.BooleanField(required=False, default=False)
    affects_oekonomi = serializers.BooleanField(required=False, default=False)
    affects_leverancer = serializers.BooleanField(required=False, default=False)
    forecast_cost = serializers.DecimalField(
        required=False, allow_null=True, min_value=0, help_text=_("Valgfri prognose for den samlede udgift."), **MONEY
    )
    expected_end = serializers.DateField(required=False, allow_null=True)


class StatusSubmitSerializer(StatusInputSerializer):
    project = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    region = serializers.CharField(max_length=3)
    period = serializers.DateField(help_text=_("Månedens første dag, fx 2026-11-01."))


class StatusCorrectSerializer(StatusInputSerializer):
    reason = serializers.CharField(max_length=REASON_LIMIT, label=_("begrundelse"), required=False, allow_blank=True)


class ExpenseLineSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    scope = serializers.CharField()
    region = serializers.CharField(source="region.code", allow_null=True, default=None)
    year = serializers.IntegerField()
    description = serializers.CharField()
    aarsvaerk = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    hours = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    hourly_rate = serializers.DecimalField(allow_null=True, **MONEY)
    amount = serializers.DecimalField(**MONEY)


class VersionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    status = serializers.CharField()
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    scope = serializers.CharField()
    change_reason = serializers.CharField()
    buffer = serializers.DecimalField(**MONEY)
    expense_total = serializers.DecimalField(allow_null=True, **MONEY)
    created_at = serializers.DateTimeField()
    decided_at = serializers.DateTimeField(allow_null=True)
    lines = ExpenseLineSerializer(many=True, source="lines.all")


class CollectionSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    region = serializers.CharField()
    amount = serializers.DecimalField(**MONEY)


class BusinessCaseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    project = serializers.IntegerField(source="project_id")
    project_name = serializers.CharField(source="project.name")
    pejlemaerke = serializers.IntegerField(source="project.pejlemaerke_id")


class BusinessCaseDetailSerializer(BusinessCaseSerializer):
    versions = VersionSerializer(many=True)
    buffer_drawn = serializers.DecimalField(**MONEY)
    collections = CollectionSerializer(many=True)


class DraftVersionSerializer(StrictSerializer):
    change_reason = serializers.CharField(max_length=2000, label=_("årsag til ny version"))


class AttachmentSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, attachment):
        return self.context["request"].build_absolute_uri(
            reverse("governance:attachment_download", args=[attachment.pk])
        )


class ItemSerializer(serializers.Serializer):
    """R29: a Fortrolig item shown to a non-member has only its number and access (the rest is null)."""

    number = serializers.IntegerField()
    access = serializers.CharField()
    full = serializers.BooleanField()
    title = serializers.CharField(allow_null=True)
    case_handler = serializers.CharField(allow_null=True)
    case_number = serializers.CharField(allow_null=True)
    resume = serializers.CharField(allow_null=True)
    indstilling = serializers.CharField(allow_null=True)
    sagsfremstilling = serializers.CharField(allow_null=True)
    oekonomi = serializers.CharField(allow_null=True)
    sekretariatets_bemaerkninger = serializers.CharField(allow_null=True)
    kommunikation = serializers.CharField(allow_null=True)
    beslutning = serializers.CharField(allow_null=True)
    pejlemaerke = serializers.IntegerField(allow_null=True)
    attachments = AttachmentSerializer(many=True)

    FULL_FIELDS = (
        "title",
        "case_handler",
        "case_number",
        "resume",
        "indstilling",
        "sagsfremstilling",
        "oekonomi",
        "sekretariatets_bemaerkninger",
        "kommunikation",
        "beslutning",
    )

    def to_representation(self, visible):
        item = visible.item
        data = {"number": item.number, "access": item.access, "full": visible.full}
        if not visible.full:
            data.update(dict.fromkeys(self.FULL_FIELDS))
            data.update(pejlemaerke=None, attachments=[])
            return data
        data.update({name: getattr(item, name) for name in self.FULL_FIELDS})
        data["pejlemaerke"] = item.pejlemaerke_id
        data["attachments"] = AttachmentSerializer(item.attachments.all(), many=True, context=self.context).data
        return data


class MeetingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    body = serializers.CharField(source="body.kind")
    body_name = serializers.CharField(source="body.name")
    day = serializers.DateField()
    start_time = serializers.TimeField(allow_null=True)
    format = serializers.CharField()
    location = serializers.CharField()
    item_count = serializers.IntegerField(required=False)


class MeetingDetailSerializer(MeetingSerializer):
    member = serializers.BooleanField()
    items = ItemSerializer(many=True)


class MonthlyReportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    period = serializers.DateField()
    version = serializers.IntegerField()
    is_current = serializers.BooleanField()
    generated_at = serializers.DateTimeField()
    pdf = serializers.SerializerMethodField()
    xlsx = serializers.SerializerMethodField()

    def _url(self, report, kind):
        return self.context["request"].build_absolute_uri(reverse("portfolio:report_file", args=[report.pk, kind]))

    @extend_schema_field(OpenApiTypes.URI)
    def get_pdf(self, report):
        return self._url(report, "pdf")

    @extend_schema_field(OpenApiTypes.URI)
    def get_xlsx(self, report):
        return self._url(report, "xlsx")


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False)

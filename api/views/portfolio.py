"""Pejlemærker, the monthly roll-up (the dashboard's data) and the monthly reports archive."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.filters import OrderingFilter
from rest_framework.generics import GenericAPIView

from portfolio import selectors as portfolio_selectors
from portfolio.rhythm import selectors as rhythm_selectors
from projects import selectors as project_selectors
from projects.rules import Colour

from .. import serializers as s
from ..filters import PejlemaerkeFilter
from ..restrict import restrict


class PejlemaerkeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Pejlemærker with their regions' participation (R3) and lifecycle (R2)."""

    filterset_class = PejlemaerkeFilter
    ordering_fields = ["name", "state", "type", "created_at"]
    ordering = ["name"]

    def get_queryset(self):
        queryset = portfolio_selectors.pejlemaerke_list()
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("transitions")
        return restrict(queryset, self.request.user, "view")

    def get_serializer_class(self):
        return s.PejlemaerkeDetailSerializer if self.action == "retrieve" else s.PejlemaerkeSerializer


class MonthParam(serializers.Serializer):
    month = serializers.RegexField(
        r"^(19|20|21)\d{2}-(0[1-9]|1[0-2])$", required=False, help_text=_("Måneden, fx 2026-11 (år 1900–2199).")
    )
    type = serializers.CharField(required=False, max_length=20)
    region = serializers.CharField(required=False, max_length=3)
    colour = serializers.ChoiceField(choices=[*Colour.values, "missing"], required=False)


@extend_schema(
    parameters=[
        OpenApiParameter(
            "month", OpenApiTypes.STR, pattern=r"^(19|20|21)\d{2}-(0[1-9]|1[0-2])$", description="YYYY-MM"
        ),
        OpenApiParameter("type", OpenApiTypes.STR),
        OpenApiParameter("region", OpenApiTypes.STR),
        OpenApiParameter("colour", OpenApiTypes.STR, enum=[*Colour.values, "missing"]),
    ]
)
class RollupView(mixins.ListModelMixin, GenericAPIView):
    """R10, R11: the month's rolled-up status per pejlemærke, red first, with the regions' colours, why,
    trend and flags, exactly as on the dashboard."""

    serializer_class = s.RollupRowSerializer
    filter_backends = []

    def get_queryset(self):
        params = MonthParam(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        value = params.validated_data.get("month")
        today = timezone.localdate()
        month = date(int(value[:4]), int(value[5:]), 1) if value else date(today.year, today.month, 1)
        filters = {k: v for k, v in params.validated_data.items() if k != "month" and v}
        rows = project_selectors.portfolio_status(month, today=today, **filters)
        visible = set(
            restrict(portfolio_selectors.pejlemaerke_list(), self.request.user, "view").values_list("pk", flat=True)
        )
        return [row for row in rows if row.pejlemaerke.pk in visible]

    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)


class MonthlyReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The monthly portfolio reports archive, with links to the PDF and the spreadsheet."""

    serializer_class = s.MonthlyReportSerializer
    filter_backends = [OrderingFilter]
    ordering_fields = ["period", "version", "generated_at"]

    def get_queryset(self):
        return restrict(rhythm_selectors.monthly_report_archive(), self.request.user, "view")

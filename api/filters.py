"""The list filters, the same as the pages' (django-filter)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from portfolio.models import Pejlemaerke
from portfolio.rules import Lifecycle, PejlemaerkeType
from projects.models import StatusReport
from projects.rules import Colour


class PejlemaerkeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("søg i navn"), max_length=100)
    type = django_filters.ChoiceFilter(choices=PejlemaerkeType.choices)
    state = django_filters.ChoiceFilter(choices=Lifecycle.choices)
    leading_region = django_filters.CharFilter(field_name="leading_region__code", max_length=3)

    class Meta:
        model = Pejlemaerke
        fields = ["q", "type", "state", "leading_region"]

    def search(self, queryset, name, value):
        return queryset.filter(name__icontains=value) | queryset.filter(short_name__icontains=value)


class StatusReportFilter(django_filters.FilterSet):
    period = django_filters.DateFilter()
    period_from = django_filters.DateFilter(field_name="period", lookup_expr="gte")
    period_to = django_filters.DateFilter(field_name="period", lookup_expr="lte")
    region = django_filters.CharFilter(field_name="region__code", max_length=3)
    project = django_filters.NumberFilter(field_name="project_id", min_value=1, max_value=2**31 - 1)
    pejlemaerke = django_filters.NumberFilter(field_name="project__pejlemaerke_id", min_value=1, max_value=2**31 - 1)
    colour = django_filters.ChoiceFilter(choices=Colour.choices)

    class Meta:
        model = StatusReport
        fields = ["period", "period_from", "period_to", "region", "project", "pejlemaerke", "colour"]

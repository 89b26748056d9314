"""Meetings with their agenda items, R29 exactly as the meeting page (governance's own selectors)."""

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.response import Response

from governance import selectors as governance_selectors

from .. import serializers as s
from ..restrict import restrict


class MeetingFilter(django_filters.FilterSet):
    body = django_filters.CharFilter(field_name="body__kind", max_length=12)
    year = django_filters.NumberFilter(field_name="day__year", min_value=1900, max_value=2200)
    day_from = django_filters.DateFilter(field_name="day", lookup_expr="gte")
    day_to = django_filters.DateFilter(field_name="day", lookup_expr="lte")


class MeetingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    filterset_class = MeetingFilter
    ordering_fields = ["day", "body__kind"]
    ordering = ["-day", "pk"]

    def get_queryset(self):
        return restrict(governance_selectors.meeting_list(), self.request.user, "view")

    def get_serializer_class(self):
        return s.MeetingDetailSerializer if self.action == "retrieve" else s.MeetingSerializer

    @extend_schema(responses={200: s.MeetingDetailSerializer})
    def retrieve(self, request, pk=None):
        """A meeting and its items: a Lukket item is absent for a non-member, a Fortrolig item shows only its number."""
        meeting = self.get_object()
        member = governance_selectors.is_member(request.user, meeting.body)
        data = s.MeetingSerializer(meeting).data | {
            "member": member,
            "items": s.ItemSerializer(
                governance_selectors.visible_items(meeting, members_view=member),
                many=True,
                context=self.get_serializer_context(),
            ).data,
        }
        return Response(data)

"""Business cases: versions, lines, buffer and collections per year; a new draft version via finance.services."""

from types import SimpleNamespace

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from finance import selectors as finance_selectors
from finance import services as finance_services

from .. import serializers as s
from ..idempotency import PARAMETER, idempotent
from ..restrict import restrict
from .status import ERRORS


class BusinessCaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    ordering_fields = ["id", "project__name"]
    ordering = ["project__pejlemaerke__name", "project__name"]

    def get_queryset(self):
        return restrict(finance_selectors.cases_list(), self.request.user, "view")

    def get_serializer_class(self):
        if self.action == "draft_version":
            return s.DraftVersionSerializer
        return s.BusinessCaseDetailSerializer if self.action == "retrieve" else s.BusinessCaseSerializer

    def _detail(self, case) -> dict:
        versions = list(case.versions.prefetch_related("lines__region").order_by("-number"))
        collections = []
        for year in finance_selectors.collection_years():
            for collection in finance_selectors.collections_for_year(year, project=case.project):
                collections.append({"year": year, "region": collection.paying_region.code, "amount": collection.amount})
        data = SimpleNamespace(
            id=case.pk,
            project_id=case.project_id,
            project=case.project,
            versions=versions,
            buffer_drawn=finance_selectors.buffer_drawn(case),
            collections=collections,
        )
        return s.BusinessCaseDetailSerializer(data, context=self.get_serializer_context()).data

    @extend_schema(responses={200: s.BusinessCaseDetailSerializer})
    def retrieve(self, request, pk=None):
        return Response(self._detail(self.get_object()))

    @extend_schema(
        request=s.DraftVersionSerializer, responses={201: s.VersionSerializer, **ERRORS}, parameters=[PARAMETER]
    )
    @action(detail=True, methods=["post"], url_path="versions")
    def draft_version(self, request, pk=None):
        """R23: a new draft version, a copy of the latest approved one, with the reason for the change."""

        def write():
            case = self.get_object()
            serializer = s.DraftVersionSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            version = finance_services.version_new(
                actor=request.user, business_case=case, change_reason=serializer.validated_data["change_reason"]
            )
            version = case.versions.prefetch_related("lines__region").get(pk=version.pk)
            return Response(s.VersionSerializer(version).data, status=201)

        return idempotent(request, write)

"""Monthly status reports with their versions (R9, R12); submit and correct through the form's service."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from portfolio.models import Region
from projects import services as project_services
from projects.models import Project, ReportState, StatusReport

from .. import serializers as s
from ..filters import StatusReportFilter
from ..idempotency import PARAMETER, idempotent
from ..restrict import restrict

ERRORS = {400: s.ErrorSerializer, 403: s.ErrorSerializer, 404: s.ErrorSerializer, 422: s.ErrorSerializer}


class StatusReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Submitted status reports; a draft is the reporter's own work and stays on the page."""

    filterset_class = StatusReportFilter
    ordering_fields = ["period", "submitted_at", "colour", "version"]
    ordering = ["-period", "project_id", "region__sort_order"]

    def get_queryset(self):
        queryset = StatusReport.objects.filter(state=ReportState.SUBMITTED).select_related(
            "project__pejlemaerke", "region"
        )
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("versions__submitted_by")
        return restrict(queryset, self.request.user, "view")

    def get_serializer_class(self):
        if self.action == "create":
            return s.StatusSubmitSerializer
        if self.action == "correct":
            return s.StatusCorrectSerializer
        return s.StatusReportDetailSerializer if self.action == "retrieve" else s.StatusReportSerializer

    def _detail(self, report) -> dict:
        report = (
            StatusReport.objects.prefetch_related("versions__submitted_by")
            .select_related("project", "region")
            .get(pk=report.pk)
        )
        return s.StatusReportDetailSerializer(report, context=self.get_serializer_context()).data

    @extend_schema(
        request=s.StatusSubmitSerializer,
        responses={201: s.StatusReportDetailSerializer, **ERRORS},
        parameters=[PARAMETER],
    )
    def create(self, request):
        """R9: submit a month's report for a project and region (the same checks as the form)."""

        def write():
            data = self._valid(s.StatusSubmitSerializer)
            project = get_object_or_404(Project.objects.select_related("pejlemaerke"), pk=data.pop("project"))
            region = get_object_or_404(Region, code=data.pop("region"))
            report = project_services.status_report_submit(
                actor=request.user, project=project, region=region, period=data.pop("period"), **data
            )
            return Response(self._detail(report), status=201)

        return idempotent(request, write)

    @extend_schema(
        request=s.StatusCorrectSerializer,
        responses={200: s.StatusReportDetailSerializer, **ERRORS},
        parameters=[PARAMETER],
    )
    @action(detail=True, methods=["post"], url_path="corrections")
    def correct(self, request, pk=None):
        """R12: correct a submitted report: a new version with a reason."""

        def write():
            report = self.get_object()
            data = self._valid(s.StatusCorrectSerializer)
            report = project_services.status_report_correct(
                actor=request.user, report=report, reason=data.pop("reason", ""), **data
            )
            return Response(self._detail(report), status=200)

        return idempotent(request, write)

    def _valid(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

"""Reads of the business-case list and of the projects a business case belongs to."""

from django.db.models import Prefetch, Q

from rsi_portal.permissions import restrict

from ..models import BusinessCase, BusinessCaseVersion
from ..permissions import EDIT
from ..rules import VersionStatus
from .versions import with_counts


def _projects():
    """The projects' table, reached through finance's own relation so finance never imports projects.models."""
    return BusinessCase._meta.get_field("project").related_model.objects


def project_for_case(pk: int):
    """The project a business case page is about, with its pejlemærke and region; DoesNotExist if unknown."""
    return _projects().select_related("pejlemaerke", "region").get(pk=pk)


def cases_list(*, q: str = ""):
    """Every business case with its approved and draft versions (2 queries), filtered by project or pejlemærke."""
    queryset = BusinessCase.objects.select_related(
        "project__pejlemaerke", "project__region", "project__pejlemaerke__leading_region"
    ).prefetch_related(
        Prefetch(
            "versions",
            queryset=with_counts(
                BusinessCaseVersion.objects.filter(status__in=[VersionStatus.APPROVED, VersionStatus.DRAFT])
            ).order_by("-number"),
        )
    )
    if q:
        queryset = queryset.filter(Q(project__name__icontains=q) | Q(project__pejlemaerke__short_name__icontains=q))
    return queryset


def projects_without_case(user):
    """Projects the user may edit that have no business case yet (for the "opret" shortcut)."""
    queryset = _projects().filter(business_case__isnull=True).select_related("pejlemaerke", "region")
    return restrict(queryset, user, EDIT).order_by("pejlemaerke__name", "name")

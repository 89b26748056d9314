"""Reads that combine the portfolio base with the projects: the start page's roles and the pejlemærke page."""

from django.db.models import Prefetch, Q

from projects.models import Project, RegionalProjectLeader

from .. import selectors as portfolio_selectors
from ..models import Pejlemaerke


def _projects_prefetch() -> Prefetch:
    """A pejlemærke's projects with region, leader and regional project leaders (2 queries).

    Belongs in projects.selectors; it reads projects.models here until that selector exists.
    """
    leaders = RegionalProjectLeader.objects.select_related("region", "user")
    return Prefetch(
        "projects",
        queryset=Project.objects.select_related("region", "leader").prefetch_related(
            Prefetch("regional_leaders", queryset=leaders)
        ),
    )


def _project_roles(user) -> dict:
    """The projects the user leads and the regional parts they lead (2 queries).

    Belongs in projects.selectors; it reads projects.models here until that selector exists.
    """
    return {
        "led_projects": list(
            Project.objects.filter(Q(leader=user) | Q(pejlemaerke__project_leader=user))
            .select_related("pejlemaerke", "region")
            .distinct()
        ),
        "regional_leads": list(
            RegionalProjectLeader.objects.filter(user=user).select_related("project__pejlemaerke", "region")
        ),
    }


def roles_of(user) -> dict:
    """What the start page shows: the user's roles in the portfolio and its projects, each with its objects."""
    return {**portfolio_selectors.roles_of(user), **_project_roles(user)}


def pejlemaerke_page(pk: int) -> Pejlemaerke:
    """The pejlemærke with everything its page shows, its projects included."""
    return portfolio_selectors.pejlemaerke_detail(pk, prefetch=[_projects_prefetch()])

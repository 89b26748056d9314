"""The projects app's part in a pejlemærke's life (R1, R2), registered on portfolio.hooks."""

from simple_history.utils import bulk_create_with_history

from portfolio.hooks import lifecycle_checks, pejlemaerke_created, pejlemaerke_leader_changed
from portfolio.rules import PejlemaerkeType

from .models import Project
from .rules import lifecycle_document_problems
from .selectors import lifecycle_document_facts


def create_projects(pejlemaerke, regions) -> None:
    """R1: a monitoring pejlemærke has one project per region; the others have one joint project."""
    if pejlemaerke.type == PejlemaerkeType.MONITORERING:
        bulk_create_with_history(
            [Project(pejlemaerke=pejlemaerke, region=r, name=f"{pejlemaerke.name} – {r.name}") for r in regions],
            Project,
        )
    else:
        Project.objects.create(pejlemaerke=pejlemaerke, name=pejlemaerke.name, leader=pejlemaerke.project_leader)


def document_problems(pejlemaerke, to_state: str) -> list[str]:
    """R2: into the portfolio needs the projektgrundlag approved by RSI DK; closing needs the
    afslutningsrapport approved by the steering group, then RSI DK."""
    return list(lifecycle_document_problems(to_state, **lifecycle_document_facts(pejlemaerke)))


def follow_leader(pejlemaerke, previous_leader) -> None:
    """The joint project follows its pejlemærke's leader unless someone else was made its leader."""
    Project.objects.filter(pejlemaerke=pejlemaerke, region__isnull=True, leader=previous_leader).update(
        leader=pejlemaerke.project_leader
    )


def register() -> None:
    pejlemaerke_created.register(create_projects)
    lifecycle_checks.register(document_problems)
    pejlemaerke_leader_changed.register(follow_leader)

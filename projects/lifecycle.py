"""The projects app's part in a pejlemærke's life (R1, R2) and in its business case's (R27), registered on
portfolio.hooks."""

from simple_history.utils import bulk_create_with_history

from portfolio.hooks import (
    business_case_counted,
    lifecycle_changed,
    lifecycle_checks,
    participation_changed,
    pejlemaerke_created,
    pejlemaerke_leader_changed,
)
from portfolio.rules import PejlemaerkeType

from .models import Project
from .rules import lifecycle_document_problems
from .selectors import lifecycle_document_facts
from .services.risk import risk_rise_flag
from .services.rollup import rollup_refresh


def create_projects(pejlemaerke, regions) -> None:
    """R1: a monitoring pejlemærke has one project per region; the others have one joint project."""
    if pejlemaerke.type == PejlemaerkeType.MONITORERING:
        bulk_create_with_history(
            [Project(pejlemaerke=pejlemaerke, region=r, name=f"{pejlemaerke.name} – {r.name}") for r in regions],
            Project,
        )
    else:
        Project.objects.create(pejlemaerke=pejlemaerke, name=pejlemaerke.name, leader=pejlemaerke.project_leader)
    rollup_refresh(pejlemaerke=pejlemaerke)  # a project added: R10's reporting pairs changed


def document_problems(pejlemaerke, to_state: str) -> list[str]:
    """R2: into the portfolio needs the projektgrundlag approved by RSI DK; closing needs the
    afslutningsrapport approved by the steering group, then RSI DK."""
    return list(lifecycle_document_problems(to_state, **lifecycle_document_facts(pejlemaerke)))


def follow_leader(pejlemaerke, previous_leader) -> None:
    """The joint project follows its pejlemærke's leader unless someone else was made its leader."""
    Project.objects.filter(pejlemaerke=pejlemaerke, region__isnull=True, leader=previous_leader).update(
        leader=pejlemaerke.project_leader
    )


def refresh_monthly_status(pejlemaerke, *_changes) -> None:
    """R3/R2: a participation or lifecycle change re-derives every month of the kept roll-up."""
    rollup_refresh(pejlemaerke=pejlemaerke)


def register() -> None:
    pejlemaerke_created.register(create_projects)
    lifecycle_checks.register(document_problems)
    pejlemaerke_leader_changed.register(follow_leader)
    participation_changed.register(refresh_monthly_status)
    lifecycle_changed.register(refresh_monthly_status)
    business_case_counted.register(risk_rise_flag)  # R27: a rise above 10 mio. kr. is flagged that day

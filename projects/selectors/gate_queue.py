"""The gates awaiting a decision: projects whose next gate has every requirement met (R6–R8, R27)."""

from collections import defaultdict

from django.db.models import Prefetch

from finance.selectors import approved_versions_by_project
from portfolio.rules import Lifecycle

from ..models import DocumentVersion, GateRequirement, ManagementDocument, Project, RiskAssessment
from ..rules import next_phase
from .gates import GateStatus, gate_status_from

# A paused or closed pejlemærke passes no gate.
GATE_STATES = (Lifecycle.IDEA, Lifecycle.PIPELINE, Lifecycle.PORTFOLIO)


def gates_ready_for_decision() -> list[GateStatus]:
    """R6: every project whose next gate's checklist is complete, waiting for the gate decision. Eight queries,
    whatever the number of projects: the same checklist as gate_status(), from bulk reads."""
    projects = list(
        Project.objects.filter(pejlemaerke__state__in=GATE_STATES)
        .select_related("pejlemaerke", "region")
        .prefetch_related(
            "gates",
            Prefetch(
                "documents",
                queryset=ManagementDocument.objects.select_related("document_type").prefetch_related(
                    Prefetch("versions", queryset=DocumentVersion.objects.prefetch_related("approvals"))
                ),
            ),
        )
        .order_by("pejlemaerke__name", "region__sort_order", "pk")
    )
    projects = [p for p in projects if next_phase(p.phase, has_acquisition=p.has_acquisition) is not None]
    if not projects:
        return []
    requirements = defaultdict(list)
    for requirement in GateRequirement.objects.select_related("document_type").order_by(
        "document_type__sort_order", "document_type__name"
    ):
        requirements[requirement.phase].append(requirement)
    approved = approved_versions_by_project([p.pk for p in projects])
    assessed = defaultdict(list)
    for project_id, budget in RiskAssessment.objects.filter(
        project__in=projects, letter_received_on__isnull=False
    ).values_list("project_id", "budget_at_request"):
        assessed[project_id].append(budget)
    ready = []
    for project in projects:
        versions = approved.get(project.pk, [])

        def since(recorded_at, versions=versions):  # R8: an approval after the last gate (any, before the first)
            return any(recorded_at is None or v.decided_at > recorded_at for v in versions)

        status = gate_status_from(
            project,
            last_gate=max(project.gates.all(), key=lambda g: (g.recorded_at, g.pk), default=None),
            requirements=requirements[project.phase],
            versions=[v for document in project.documents.all() for v in document.versions.all()],
            counting=versions[0] if versions else None,
            business_case_since=since,
            assessed_budgets=assessed[project.pk],
        )
        if status.can_pass:
            ready.append(status)
    return ready

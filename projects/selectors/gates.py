"""Reads for phases and gates (R5–R8, R27): a gate's checklist, the gate page, the gate requirements,
the documents a pejlemærke's lifecycle needs (R2) and It-rådets risk assessments."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import F, Max, OuterRef, Prefetch, Subquery
from django.utils import timezone

from finance.selectors import approved_business_case_since, latest_approved_version
from portfolio.models import BodyKind

from ..models import (
    DocumentApproval,
    DocumentVersion,
    GateDecision,
    GateRequirement,
    ManagementDocument,
    PhaseChange,
    Project,
    RiskAssessment,
)
from ..rules import (
    ARCHITECTURE_DOCUMENT,
    CLOSING_DOCUMENT,
    PHASE_ORDER,
    PORTFOLIO_ENTRY_DOCUMENT,
    Phase,
    approved_since,
    gate_checklist,
    gate_missing,
    next_phase,
    requires_risk_assessment,
    risk_assessment_budget,
    skipped_phases,
)


@dataclass
class GateStatus:
    """The checklist for a project's next gate (R6–R8, R27), present and missing items."""

    project: object
    from_phase: str
    to_phase: str | None
    skipped: tuple[str, ...]
    items: list
    missing: list
    last_gate: object | None
    budget: Decimal | None
    risk_flag_open: bool = False  # R27: risen above 10 mio. kr. and no answered assessment covers it yet

    @property
    def from_label(self) -> str:
        return Phase(self.from_phase).label

    @property
    def to_label(self) -> str:
        return Phase(self.to_phase).label if self.to_phase else ""

    @property
    def skipped_labels(self) -> list[str]:
        return [Phase(p).label for p in self.skipped]

    @property
    def can_pass(self) -> bool:
        return self.to_phase is not None and not self.missing


def version_is_approved(version, chain) -> bool:
    """A document version counts as approved when every body of its type's chain has approved it."""
    kinds = {a.body_kind for a in version.approvals.all()}
    return all(kind in kinds for kind in chain)


def gate_status(project) -> GateStatus:
    """R6–R8, R27: what the gate out of the project's current phase needs; bounded (≤ 8 queries, 4 when the
    project comes from project_gates_page())."""
    prefetched = getattr(project, "_prefetched_objects_cache", {})
    if "gates" in prefetched:  # project_gates_page() already read them
        last_gate = max(project.gates.all(), key=lambda g: (g.recorded_at, g.pk), default=None)
    else:
        last_gate = GateDecision.objects.filter(project=project).order_by("-recorded_at", "-pk").first()
    requirements = list(
        GateRequirement.objects.filter(phase=project.phase)
        .select_related("document_type")
        .order_by("document_type__sort_order", "document_type__name")
    )
    if "documents" in prefetched:
        versions = [v for document in project.documents.all() for v in document.versions.all()]
    else:
        versions = list(
            DocumentVersion.objects.filter(document__project=project)
            .select_related("document__document_type")
            .prefetch_related("approvals")
        )
    return gate_status_from(
        project,
        last_gate=last_gate,
        requirements=requirements,
        versions=versions,
        counting=latest_approved_version(project),
        business_case_since=lambda since: approved_business_case_since(project, since),
        assessed_budgets=list(
            RiskAssessment.objects.filter(project=project, letter_received_on__isnull=False).values_list(
                "budget_at_request", flat=True
            )
        ),
    )


def gate_status_from(
    project, *, last_gate, requirements, versions, counting, business_case_since, assessed_budgets
) -> GateStatus:
    """The checklist of gate_status() from what was read for it (no queries of its own: the bulk reads use it).

    `business_case_since(recorded_at)` answers R8 only when the project has a gate ahead.
    """
    to_phase = next_phase(project.phase, has_acquisition=project.has_acquisition)
    approved = [v for v in versions if version_is_approved(v, v.document.document_type.approval_chain)]
    previous_gate = (last_gate.decided_on, last_gate.recorded_at) if last_gate else None
    approved_this_phase = {
        v.document.document_type.code
        for v in approved
        if approved_since([(a.approved_on, a.recorded_at) for a in v.approvals.all()], previous_gate)
    }
    rita_reviewed = any(
        v.document.document_type.code == ARCHITECTURE_DOCUMENT
        and any(
            a.body_kind == BodyKind.RITA and approved_since([(a.approved_on, a.recorded_at)], previous_gate)
            for a in v.approvals.all()
        )
        for v in versions
    )
    budget = risk_assessment_budget(counting.expense_total, counting.buffer) if counting else None
    items = (
        gate_checklist(
            from_phase=project.phase,
            required_documents=[(r.document_type.code, r.document_type.name, r.scope) for r in requirements],
            approved_documents={v.document.document_type.code for v in approved},
            approved_this_phase=approved_this_phase,
            rita_reviewed=rita_reviewed,
            business_case_approved_since_last_gate=business_case_since(last_gate.recorded_at if last_gate else None),
            budget=budget,
            assessed_budgets=assessed_budgets,
        )
        if to_phase
        else []
    )
    return GateStatus(
        project=project,
        from_phase=project.phase,
        to_phase=to_phase,
        skipped=skipped_phases(project.phase, to_phase) if to_phase else (),
        items=items,
        missing=gate_missing(items),
        last_gate=last_gate,
        budget=budget,
        risk_flag_open=project.risk_flagged_on is not None and not any(map(requires_risk_assessment, assessed_budgets)),
    )


def project_gates_page(pk: int):
    """A project with everything its phase-and-gate page shows, in a bounded number of queries."""
    return (
        Project.objects.select_related("pejlemaerke__steering_group", "region", "leader")
        .prefetch_related(
            Prefetch(
                "documents",
                queryset=ManagementDocument.objects.select_related("document_type").prefetch_related(
                    Prefetch(
                        "versions",
                        queryset=DocumentVersion.objects.select_related("uploaded_by").prefetch_related(
                            "approvals__recorded_by"
                        ),
                    )
                ),
            ),
            Prefetch("phase_changes", queryset=PhaseChange.objects.select_related("changed_by")),
            "gates__body",
            Prefetch("risk_assessments", queryset=RiskAssessment.objects.prefetch_related("recommendations")),
        )
        .get(pk=pk)
    )


def gate_requirements_by_phase() -> list[tuple[str, str, list]]:
    """R6: (phase, label, [requirements with their document type]) for every gate, in phase order (1 query)."""
    by_phase: dict[str, list] = {p: [] for p in PHASE_ORDER if p != Phase.REALISERING}
    for requirement in GateRequirement.objects.select_related("document_type").order_by(
        "document_type__sort_order", "document_type__name"
    ):
        by_phase[requirement.phase].append(requirement)
    return [(p, Phase(p).label, requirements) for p, requirements in by_phase.items()]


def lifecycle_document_facts(pejlemaerke) -> dict:
    """R2: whether the pejlemærke's projektgrundlag is approved by RSI DK, and the order of the
    approvals of its latest afslutningsrapport version (input to rules.lifecycle_document_problems)."""
    grundlag = DocumentApproval.objects.filter(
        version__document__project__pejlemaerke=pejlemaerke,
        version__document__document_type__code=PORTFOLIO_ENTRY_DOCUMENT,
        body_kind=BodyKind.RSI_DK,
    ).exists()
    latest_closing = (
        DocumentVersion.objects.filter(
            document__project__pejlemaerke=pejlemaerke, document__document_type__code=CLOSING_DOCUMENT
        )
        .order_by("-uploaded_at", "-number")
        .first()
    )
    order = (
        list(latest_closing.approvals.order_by("approved_on", "pk").values_list("body_kind", flat=True))
        if latest_closing
        else []
    )
    return {"projektgrundlag_approved_by_rsi_dk": grundlag, "closing_approvals": order}


def risk_assessment_list(*, profile: str | None = None):
    """R27: It-råd assessments with letter, responsum and recommendations, for RSI DK's information (2 queries)."""
    queryset = RiskAssessment.objects.select_related("project__pejlemaerke", "created_by").prefetch_related(
        "recommendations"
    )
    if profile:
        queryset = queryset.filter(risk_profile=profile)
    return queryset.order_by("-requested_on", "-pk")


def with_project_phases(pejlemaerker):
    """Prefetch each pejlemærke's projects' phases (1 query) for phase_summary()."""
    return pejlemaerker.prefetch_related(
        Prefetch("projects", queryset=Project.objects.only("pk", "pejlemaerke_id", "phase", "region_id", "name"))
    )


def phase_summary(projects) -> str:
    """R5: the phase of a pejlemærke's project(s): "Analyse", or "Analyse (2), Gennemførelse (3)" for regional ones."""
    counts: dict[str, int] = {}
    for project in projects:
        counts[project.phase] = counts.get(project.phase, 0) + 1
    ordered = [p for p in PHASE_ORDER if p in counts]
    if len(ordered) == 1:
        return str(Phase(ordered[0]).label)
    return ", ".join(f"{Phase(p).label} ({counts[p]})" for p in ordered)


def pejlemaerker_with_projektgrundlag(pejlemaerke_ids) -> set[int]:
    """R2/R34: the pejlemærker of these ids with a projektgrundlag version uploaded (one query)."""
    return set(
        DocumentVersion.objects.filter(
            document__project__pejlemaerke_id__in=list(pejlemaerke_ids),
            document__document_type__code=PORTFOLIO_ENTRY_DOCUMENT,
        ).values_list("document__project__pejlemaerke_id", flat=True)
    )


@dataclass
class OpenGate:
    """A project's next gate (R5/R6) and the day the project entered the phase the gate leads out of."""

    project: object
    to_phase: str
    since: date

    @property
    def from_label(self) -> str:
        return Phase(self.project.phase).label

    @property
    def to_label(self) -> str:
        return Phase(self.to_phase).label


def _latest(queryset, field: str) -> Subquery:
    return Subquery(queryset.order_by().values("project").annotate(latest=Max(field)).values("latest")[:1])


def open_gates(pejlemaerke_ids) -> list[OpenGate]:
    """R5/R6: the projects of these pejlemærker that still have a gate ahead, each with the day it entered its
    phase: its last gate or phase change, else the day the project was created (one query)."""
    projects = (
        Project.objects.filter(pejlemaerke_id__in=list(pejlemaerke_ids))
        .select_related("region")
        .annotate(
            last_gate=_latest(GateDecision.objects.filter(project=OuterRef("pk")), "decided_on"),
            last_phase_change=_latest(
                PhaseChange.objects.filter(project=OuterRef("pk")).exclude(from_phase=F("to_phase")), "changed_on"
            ),
        )
        .order_by("pejlemaerke_id", "region__sort_order", "pk")
    )
    gates = []
    for project in projects:
        to_phase = next_phase(project.phase, has_acquisition=project.has_acquisition)
        if to_phase is None:
            continue
        known = [d for d in (project.last_gate, project.last_phase_change) if d is not None]
        since = max(known) if known else timezone.localdate(project.created_at)
        gates.append(OpenGate(project=project, to_phase=to_phase, since=since))
    return gates

"""Reads of projects, each with a bounded number of queries.

Other apps read projects only through these names. The subjects live in `status` (the monthly
roll-up, read from the kept rows of `rollup`), `agenda` (R11), `reporting` (who reports what) and
`gates` (phases, gates, documents and risk assessments).
"""

from ..rules import moved_green_to_yellow
from .agenda import AgendaCandidate, agenda_candidates, persistent_yellow
from .documents import ShownDocument, ShownVersion, documents_shown, may_read_document
from .gate_queue import gates_ready_for_decision
from .gates import (
    GateStatus,
    OpenGate,
    gate_requirements_by_phase,
    gate_status,
    lifecycle_document_facts,
    open_gates,
    pejlemaerker_with_projektgrundlag,
    phase_summary,
    project_gates_page,
    risk_assessment_list,
    version_is_approved,
    with_project_phases,
)
from .reporting import (
    DueItem,
    MissingReport,
    missing_reports,
    pejlemaerke_month_reports,
    project_roles_of,
    project_with_pejlemaerke,
    projects_prefetch,
    report_detail,
    reportable_pairs,
    reporting_regions,
    status_due_for,
    submitted_regions,
    submitted_reports,
)
from .sanity import MonthSanity, figures_text, flag_text, month_sanity, report_sanity, stale_text
from .status import (
    STATUS_STATES,
    TREND_MONTHS,
    Flag,
    PejlemaerkeStatus,
    RegionColour,
    portfolio_status,
    portfolio_status_fingerprint,
)

__all__ = [
    "STATUS_STATES",
    "TREND_MONTHS",
    "AgendaCandidate",
    "DueItem",
    "Flag",
    "GateStatus",
    "MissingReport",
    "MonthSanity",
    "OpenGate",
    "PejlemaerkeStatus",
    "RegionColour",
    "ShownDocument",
    "ShownVersion",
    "agenda_candidates",
    "documents_shown",
    "figures_text",
    "flag_text",
    "gate_requirements_by_phase",
    "gate_status",
    "gates_ready_for_decision",
    "lifecycle_document_facts",
    "may_read_document",
    "missing_reports",
    "month_sanity",
    "open_gates",
    "moved_green_to_yellow",
    "pejlemaerke_month_reports",
    "pejlemaerker_with_projektgrundlag",
    "project_roles_of",
    "project_with_pejlemaerke",
    "projects_prefetch",
    "persistent_yellow",
    "phase_summary",
    "portfolio_status",
    "portfolio_status_fingerprint",
    "project_gates_page",
    "report_detail",
    "report_sanity",
    "reportable_pairs",
    "reporting_regions",
    "risk_assessment_list",
    "stale_text",
    "status_due_for",
    "submitted_regions",
    "submitted_reports",
    "version_is_approved",
    "with_project_phases",
]

"""The projects app's tables: projects (R1), monthly status (R9–R13), phases, gates, documents and
It-råd risk assessments (R5–R8, R27); and the app's typed audit actions."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from rsi_portal.registry import register_audit_actions

from .gates import (
    APPROVER_CHOICES,
    COMPLEXITY_FIELDS,
    DOCUMENT_UPLOADS,
    GATE_PHASES,
    RISK_FIELDS,
    DocumentApproval,
    DocumentType,
    DocumentVersion,
    GateDecision,
    GateRequirement,
    ManagementDocument,
    PhaseChange,
    RecommendationStatus,
    RiskAssessment,
    RiskRecommendation,
)
from .project import Project, RegionalProjectLeader
from .rollup import TREND_MONTHS, MonthlyRollup
from .status import STATUS_TEXT_FIELDS, ReportState, StatusReport, StatusReportVersion


class AuditAction(models.TextChoices):
    """Every action the projects app writes to the audit trail (value "<noun>.<verb>")."""

    PROJECT_UPDATE = "project.update", _("Projekt ændret")
    REGIONAL_LEADER_SET = "project.regional_leader_set", _("Regional projektleder udpeget")
    STEP_SET = "project.step_set", _("Projektets trin skiftet")
    GATE_PASS = "project.gate_pass", _("Gate passeret")
    STATUS_DRAFT = "status.draft", _("Statuskladde gemt")
    STATUS_SUBMIT = "status.submit", _("Statusrapport indsendt")
    STATUS_CORRECT = "status.correct", _("Statusrapport rettet")
    GATE_REQUIREMENT_ADD = "gate_requirement.add", _("Gatekrav tilføjet")
    GATE_REQUIREMENT_REMOVE = "gate_requirement.remove", _("Gatekrav fjernet")
    GATE_REQUIREMENT_SCOPE = "gate_requirement.scope", _("Gatekravets godkendelse ændret (i fasen / én gang)")
    DOCUMENT_TYPE_SAVE = "document_type.save", _("Dokumenttype gemt")
    DOCUMENT_UPLOAD = "document.upload", _("Ledelsesdokument uploadet")
    DOCUMENT_APPROVE = "document.approve", _("Ledelsesdokument godkendt")
    RISK_FLAG = "project.risk_flag", _("Budget over 10 mio. kr.: risikovurdering nødvendig")
    RISK_REQUEST = "risk_assessment.request", _("Risikovurdering anmodet")
    RISK_LETTER = "risk_assessment.letter", _("It-rådets anbefalingsbrev registreret")
    RISK_RESPONSUM = "risk_assessment.responsum", _("Responsum afgivet")
    RECOMMENDATION_FOLLOW_UP = "risk_recommendation.follow_up", _("Opfølgning på anbefaling gemt")


register_audit_actions(AuditAction)

__all__ = [
    "APPROVER_CHOICES",
    "COMPLEXITY_FIELDS",
    "DOCUMENT_UPLOADS",
    "GATE_PHASES",
    "RISK_FIELDS",
    "STATUS_TEXT_FIELDS",
    "TREND_MONTHS",
    "AuditAction",
    "DocumentApproval",
    "DocumentType",
    "DocumentVersion",
    "GateDecision",
    "GateRequirement",
    "ManagementDocument",
    "MonthlyRollup",
    "PhaseChange",
    "Project",
    "RecommendationStatus",
    "RegionalProjectLeader",
    "ReportState",
    "RiskAssessment",
    "RiskRecommendation",
    "StatusReport",
    "StatusReportVersion",
]

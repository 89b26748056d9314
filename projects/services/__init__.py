"""Every write to projects: atomic, permission-checked, audited.

One module per subject (`project`, `status`, `rollup`, `gates`, `risk`); everything is re-exported here, so callers
write `from projects import services` or `from projects.services import gate_pass`.
"""

from .gates import (
    document_approve,
    document_type_save,
    document_upload,
    gate_pass,
    gate_requirements_set,
    project_step_set,
)
from .project import PROJECT_EDITABLE_FIELDS, project_update, regional_leader_set
from .risk import (
    recommendation_follow_up,
    risk_assessment_request,
    risk_letter_record,
    risk_responsum_submit,
    risk_rise_flag,
)
from .rollup import rollup_check, rollup_rebuild, rollup_refresh
from .status import (
    STATUS_FIELDS,
    can_report_status,
    status_report_correct,
    status_report_save_draft,
    status_report_submit,
)

__all__ = [
    "PROJECT_EDITABLE_FIELDS",
    "STATUS_FIELDS",
    "can_report_status",
    "document_approve",
    "document_type_save",
    "document_upload",
    "gate_pass",
    "gate_requirements_set",
    "project_step_set",
    "project_update",
    "recommendation_follow_up",
    "regional_leader_set",
    "risk_assessment_request",
    "risk_letter_record",
    "risk_responsum_submit",
    "risk_rise_flag",
    "rollup_check",
    "rollup_rebuild",
    "rollup_refresh",
    "status_report_correct",
    "status_report_save_draft",
    "status_report_submit",
]

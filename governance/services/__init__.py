"""Every governance write: atomic, permission-checked, validated, audited.

One module per subject; everything is re-exported here, so callers write
`from governance import services` or `from governance.services import decision_record`.
"""

from .items import (
    ALLOWED_ATTACHMENT_TYPES,
    ITEM_FIELDS,
    MAX_ATTACHMENT_BYTES,
    STANDING_FIRST,
    STANDING_LAST,
    STANDING_TITLES,
    agenda_draft,
    agenda_item_add_for_pejlemaerke,
    agenda_item_decide,
    agenda_item_move,
    agenda_item_save,
    attachment_add,
)
from .matters import (
    BODY_RANK,
    JOINT_SYSTEM_FIELDS,
    MATTER_FIELDS,
    approval_record,
    decision_record,
    joint_system_save,
    matter_create,
    matter_decision_record,
    matter_route,
    operating_budget_set,
)
from .meetings import (
    MEETING_FIELDS,
    SENT_FIELDS,
    meeting_mark_sent,
    meeting_plan_generate,
    meeting_save,
    minutes_approve,
    minutes_write,
)
from .packs import agenda_pack_render, agenda_pack_request

__all__ = [
    "ALLOWED_ATTACHMENT_TYPES",
    "BODY_RANK",
    "ITEM_FIELDS",
    "JOINT_SYSTEM_FIELDS",
    "MATTER_FIELDS",
    "MAX_ATTACHMENT_BYTES",
    "MEETING_FIELDS",
    "SENT_FIELDS",
    "STANDING_FIRST",
    "STANDING_LAST",
    "STANDING_TITLES",
    "agenda_draft",
    "agenda_item_add_for_pejlemaerke",
    "agenda_item_decide",
    "agenda_item_move",
    "agenda_item_save",
    "agenda_pack_render",
    "agenda_pack_request",
    "attachment_add",
    "approval_record",
    "decision_record",
    "joint_system_save",
    "matter_create",
    "matter_decision_record",
    "matter_route",
    "meeting_mark_sent",
    "meeting_plan_generate",
    "meeting_save",
    "minutes_approve",
    "minutes_write",
    "operating_budget_set",
]

"""Every governance write: atomic, permission-checked, validated, audited.

One module per subject; everything is re-exported here, so callers write
`from governance import services` or `from governance.services import decision_record`.
"""

from .escalations import (
    escalation_decided,
    escalation_raise,
    escalation_record,
    escalations_place_waiting,
    may_raise_escalation,
    receiving_meeting,
)
from .items import (
    ITEM_FIELDS,
    STANDING_FIRST,
    STANDING_LAST,
    STANDING_TITLES,
    agenda_draft,
    agenda_item_add_for_pejlemaerke,
    agenda_item_decide,
    agenda_item_draft,
    agenda_item_move,
    agenda_item_save,
    attachment_add,
)
from .matters import (
    BODY_RANK,
    MATTER_FIELDS,
    approval_record,
    decision_record,
    matter_create,
    matter_decision_record,
    matter_escalate,
    matter_open,
    matter_route,
    system_responsibility_recommend,
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
from .packs import agenda_pack_queue_state, agenda_pack_render, agenda_pack_request
from .publish import (
    agenda_pack_publication_run,
    agenda_pack_publish,
    notify_members,
    pack_download_record,
    publication_on_time,
)
from .quarterly import due_meeting, quarterly_reminders_send, quarterly_report_submit
from .systems import JOINT_SYSTEM_FIELDS, joint_system_save, operating_budget_set, user_group_add, user_group_remove

__all__ = [
    "BODY_RANK",
    "ITEM_FIELDS",
    "JOINT_SYSTEM_FIELDS",
    "MATTER_FIELDS",
    "MEETING_FIELDS",
    "SENT_FIELDS",
    "STANDING_FIRST",
    "STANDING_LAST",
    "STANDING_TITLES",
    "agenda_draft",
    "escalation_decided",
    "escalation_raise",
    "escalation_record",
    "escalations_place_waiting",
    "may_raise_escalation",
    "receiving_meeting",
    "agenda_item_draft",
    "due_meeting",
    "quarterly_reminders_send",
    "quarterly_report_submit",
    "agenda_item_add_for_pejlemaerke",
    "agenda_item_decide",
    "agenda_item_move",
    "agenda_item_save",
    "agenda_pack_publication_run",
    "agenda_pack_publish",
    "agenda_pack_queue_state",
    "agenda_pack_render",
    "agenda_pack_request",
    "attachment_add",
    "approval_record",
    "decision_record",
    "joint_system_save",
    "matter_create",
    "matter_decision_record",
    "matter_escalate",
    "matter_open",
    "matter_route",
    "meeting_mark_sent",
    "notify_members",
    "pack_download_record",
    "publication_on_time",
    "meeting_plan_generate",
    "meeting_save",
    "minutes_approve",
    "minutes_write",
    "operating_budget_set",
    "system_responsibility_recommend",
    "user_group_add",
    "user_group_remove",
]

"""Thin governance views: ask permission first, parse, call a service or selector, render."""

from .escalations import escalation_list, escalation_raise_pejlemaerke, escalation_raise_system
from .items import (
    attachment_download,
    attachment_upload,
    item_decide,
    item_detail,
    item_edit,
    item_move,
    pack_current,
    pack_detail,
    pack_download,
    pack_request,
)
from .matters import matter_create, matter_detail, matter_escalate, matter_list
from .meetings import (
    agenda_add_pejlemaerke,
    agenda_draft,
    agenda_publish,
    meeting_detail,
    meeting_edit,
    meeting_list,
    meeting_minutes,
    meeting_plan,
    meeting_sent,
    minutes_pdf,
)
from .quarterly import quarterly_reports
from .systems import (
    joint_system_detail,
    joint_system_edit,
    joint_system_list,
    responsibility_recommend,
    user_group_add,
    user_group_remove,
)

__all__ = [
    "escalation_list",
    "escalation_raise_pejlemaerke",
    "escalation_raise_system",
    "quarterly_reports",
    "agenda_add_pejlemaerke",
    "agenda_draft",
    "agenda_publish",
    "attachment_download",
    "attachment_upload",
    "item_decide",
    "item_detail",
    "item_edit",
    "item_move",
    "joint_system_detail",
    "joint_system_edit",
    "joint_system_list",
    "matter_create",
    "matter_detail",
    "matter_escalate",
    "matter_list",
    "meeting_detail",
    "meeting_edit",
    "meeting_list",
    "meeting_minutes",
    "meeting_plan",
    "meeting_sent",
    "minutes_pdf",
    "pack_current",
    "pack_detail",
    "pack_download",
    "pack_request",
    "responsibility_recommend",
    "user_group_add",
    "user_group_remove",
]

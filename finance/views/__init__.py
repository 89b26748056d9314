"""Thin views: permission first, then parse, call a service or selector, render.

Split by subject; every view is re-exported here for finance/urls.py.
"""

from .benefits import benefit_add, benefit_delete, justification_edit, version_economy_pdf
from .cases import (
    case_create,
    case_detail,
    case_list,
    change_request_create,
    change_request_decide,
    version_new,
)
from .keys import key_edit, key_list, split_edit
from .realisation import follow_up_draft, plan_item_add, realisation_list, realisation_project, report_submit
from .reports import budget_overview, collection_letter, collection_list
from .versions import line_add, line_delete, staff_actual, version_decide, version_detail, version_diff, version_edit

__all__ = [
    "follow_up_draft",
    "plan_item_add",
    "realisation_list",
    "realisation_project",
    "report_submit",
    "benefit_add",
    "benefit_delete",
    "justification_edit",
    "version_economy_pdf",
    "budget_overview",
    "case_create",
    "case_detail",
    "case_list",
    "change_request_create",
    "change_request_decide",
    "collection_letter",
    "collection_list",
    "key_edit",
    "key_list",
    "line_add",
    "line_delete",
    "split_edit",
    "staff_actual",
    "version_decide",
    "version_detail",
    "version_diff",
    "version_edit",
    "version_new",
]

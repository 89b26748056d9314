"""Thin views: permission first, then parse, call a service or selector, render.

Split by subject; every view is re-exported here for finance/urls.py.
"""

from .cases import (
    case_create,
    case_detail,
    case_list,
    change_request_create,
    change_request_decide,
    version_new,
)
from .keys import key_edit, key_list, split_edit
from .reports import budget_overview, collection_letter, collection_list
from .versions import line_add, line_delete, staff_actual, version_decide, version_detail, version_diff, version_edit

__all__ = [
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

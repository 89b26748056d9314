"""Every write to business cases, buffer, keys and splits: atomic, permission-checked, audited.

Split by subject; everything is re-exported here, so callers import `finance.services`.
"""

from .buffer import (
    buffer_cap_message,
    change_request_decide,
    change_request_file,
    check_buffer,
    check_not_below_drawn,
)
from .keys import agreed_split_remove, agreed_split_set, block_grant_key_set, shares_message
from .realisation import realisation_reminders_send
from .versions import (
    business_case_create,
    line_add,
    line_amount,
    line_delete,
    staff_actual_record,
    version_approve,
    version_new,
    version_reject,
    version_update,
)

__all__ = [
    "agreed_split_remove",
    "agreed_split_set",
    "block_grant_key_set",
    "buffer_cap_message",
    "business_case_create",
    "change_request_decide",
    "change_request_file",
    "check_buffer",
    "check_not_below_drawn",
    "line_add",
    "line_amount",
    "line_delete",
    "realisation_reminders_send",
    "shares_message",
    "staff_actual_record",
    "version_approve",
    "version_new",
    "version_reject",
    "version_update",
]

"""What every role may read in governance; item-level access (R29) lives in governance.selectors."""

from rsi_portal.permissions import register_portal_user_permissions


def register() -> None:
    register_portal_user_permissions(
        "governance.view_meeting",
        "governance.view_agendaitem",
        "governance.view_matter",
        "governance.view_decision",
        "governance.view_jointsystem",
    )

"""Who may do what in finance, in one place (backed by rsi_portal.permissions.can and guardian rows).

- read: every portal role ("finance.view_businesscase", in PORTAL_USER_PERMISSIONS); others get 403;
- edit drafts, file change requests, record actual staff use: the project leader
  ("projects.change_project" on the project);
- approve/reject versions and change requests, record an agreed split: the steering-group chair
  ("portfolio.chair_pejlemaerke" on the pejlemærke);
- maintain the bloktilskudsnøgle: the secretariat ("finance.change_blockgrantkey").
The secretariat passes every check (it sees and may do everything).
"""

from rsi_portal.permissions import can, register_portal_user_permissions

VIEW = "finance.view_businesscase"
EDIT = "projects.change_project"
CHAIR = "portfolio.chair_pejlemaerke"
KEYS = "finance.change_blockgrantkey"


def may_view(user) -> bool:
    return can(user, VIEW)


def may_edit(user, project) -> bool:
    return can(user, EDIT, project)


def may_approve(user, project) -> bool:
    return can(user, CHAIR, project.pejlemaerke)


def may_set_keys(user) -> bool:
    return can(user, KEYS)


def register() -> None:
    register_portal_user_permissions(
        "finance.view_businesscase",
        "finance.view_businesscaseversion",
        "finance.view_expenseline",
        "finance.view_changerequest",
        "finance.view_blockgrantkey",
        "finance.view_agreedsplit",
    )

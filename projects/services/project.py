"""Writes to a project itself: its name, description and leaders."""

from django.db import transaction

from portfolio.audit import log_action
from rsi_portal.permissions import require, sync_object_permissions
from rsi_portal.services import model_update

from ..models import AuditAction, Project, RegionalProjectLeader

PROJECT_EDITABLE_FIELDS = ("name", "description")


@transaction.atomic
def project_update(*, actor, project: Project, **fields) -> Project:
    require(actor, "projects.change_project", project)
    if "leader" in fields:
        require(actor, "portfolio.change_pejlemaerke", project.pejlemaerke)  # only the secretariat appoints
    previous_leader = project.leader
    changes = model_update(instance=project, data=fields, fields=(*PROJECT_EDITABLE_FIELDS, "leader"))
    if changes:
        log_action(actor=actor, action=AuditAction.PROJECT_UPDATE, obj=project, data=changes)
    for user in {previous_leader, project.leader} - {None}:
        sync_object_permissions(user)
    return project


@transaction.atomic
def regional_leader_set(*, actor, project: Project, region, user) -> RegionalProjectLeader:
    require(actor, "portfolio.change_pejlemaerke", project.pejlemaerke)
    previous = RegionalProjectLeader.objects.filter(project=project, region=region).select_related("user").first()
    lead, _created = RegionalProjectLeader.objects.update_or_create(
        project=project, region=region, defaults={"user": user}
    )
    log_action(
        actor=actor,
        action=AuditAction.REGIONAL_LEADER_SET,
        obj=project,
        data={"region": region.code, "user": [previous.user.username if previous else None, user.username]},
    )
    for person in {user, previous.user if previous else None} - {None}:
        sync_object_permissions(person)
    return lead

"""Every write to projects: atomic, permission-checked, audited."""

from django.db import transaction

from portfolio.audit import log_action
from rsi_portal.permissions import require, sync_object_permissions

from .models import Project, RegionalProjectLeader

PROJECT_EDITABLE_FIELDS = ("name", "description")


@transaction.atomic
def project_update(*, actor, project: Project, **fields) -> Project:
    require(actor, "projects.change_project", project)
    unknown = set(fields) - set(PROJECT_EDITABLE_FIELDS) - {"leader"}
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if "leader" in fields:
        require(actor, "portfolio.change_pejlemaerke", project.pejlemaerke)  # only the secretariat appoints
    previous_leader = project.leader
    before = {name: str(getattr(project, name)) for name in fields}
    for name, value in fields.items():
        setattr(project, name, value)
    project.full_clean()
    project.save()
    changes = {k: [before[k], str(getattr(project, k))] for k in fields if before[k] != str(getattr(project, k))}
    if changes:
        log_action(actor=actor, action="project.update", obj=project, data=changes)
    for user in {previous_leader, project.leader} - {None}:
        sync_object_permissions(user)
    return project


@transaction.atomic
def regional_leader_set(*, actor, project: Project, region, user) -> RegionalProjectLeader:
    require(actor, "portfolio.change_pejlemaerke", project.pejlemaerke)
    previous = RegionalProjectLeader.objects.filter(project=project, region=region).first()
    lead, _created = RegionalProjectLeader.objects.update_or_create(
        project=project, region=region, defaults={"user": user}
    )
    log_action(
        actor=actor,
        action="project.regional_leader_set",
        obj=project,
        data={"region": region.code, "user": user.username},
    )
    for person in {user, previous.user if previous else None} - {None}:
        sync_object_permissions(person)
    return lead

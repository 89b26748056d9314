"""What the projects' role records grant: leading a project (or its pejlemærke) and leading a region's part."""

from rsi_portal.permissions import object_grant_providers, register_portal_user_permissions

from .models import Project, RegionalProjectLeader

PORTAL_USER_PERMISSIONS = (
    "projects.view_project",
    "projects.view_gaterequirement",
    "projects.view_riskassessment",
    "projects.view_statusreport",
    "projects.view_statusreportversion",
)


def projects_grants(user):
    led = Project.objects.filter(pejlemaerke__project_leader=user) | Project.objects.filter(leader=user)
    for project in led.distinct():
        yield "projects.change_project", project
        yield "projects.report_status", project
    for lead in RegionalProjectLeader.objects.filter(user=user).select_related("project"):
        yield "projects.report_status", lead.project


def register() -> None:
    register_portal_user_permissions(*PORTAL_USER_PERMISSIONS)
    object_grant_providers.register(projects_grants)

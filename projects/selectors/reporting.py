"""Who reports what (R9, R13): the regions a project reports for, the missing reports of a month,
a person's due reports, and a report with its history (R12)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q
from django.utils import timezone

from portfolio.models import Participation, Pejlemaerke, Region
from portfolio.rules import ParticipationStatus
from rsi_portal.dates import add_months, month_start
from rsi_portal.sql import columns, instances, typed_rows

from ..models import Project, RegionalProjectLeader, ReportState, StatusReport
from ..rules import REPORTING_STATES, is_late, reporting_deadline


def reporting_regions(project: Project, participations=None) -> list[Region]:
    """The regions a project reports for: its own region (monitoring) or every participating region.

    `participations`: the pejlemærke's Participation rows with region (prefetched), else one query, kept
    on the project object: a request asks this of its project several times (the view's permission check,
    the service's, the next region to report).
    """
    if participations is not None:
        participating = [p.region for p in participations if p.status == ParticipationStatus.DELTAGER]
        participating.sort(key=lambda r: (r.sort_order, r.code))
    else:
        kept_for, participating = getattr(project, "_participating", (None, None))
        if kept_for != project.pejlemaerke_id:
            participating = participating_regions(project.pejlemaerke_id)
            project._participating = (project.pejlemaerke_id, participating)
    if project.region_id:
        return [r for r in participating if r.pk == project.region_id]
    return participating


_PARTICIPATING_SQL = (
    "SELECT {columns} FROM {region} r JOIN {participation} pa ON pa.region_id = r.id"
    " WHERE pa.pejlemaerke_id = %s AND pa.status = %s ORDER BY r.sort_order, r.code"
)


def participating_regions(pejlemaerke_id: int) -> list[Region]:
    """The pejlemærke's participating regions in the regions' order (plain SQL: every status page and
    submit asks it, where the ORM's query building costs several times the read)."""
    sql = _PARTICIPATING_SQL.format(
        columns=columns(Region, "r"), region=Region._meta.db_table, participation=Participation._meta.db_table
    )
    return [region for (region,) in instances(sql, [pejlemaerke_id, ParticipationStatus.DELTAGER], Region)]


_PROJECT_SQL = (
    "SELECT {project_columns}, {pejlemaerke_columns} FROM {project} p"
    " JOIN {pejlemaerke} j ON j.id = p.pejlemaerke_id WHERE p.id = %s"
)


def project_with_pejlemaerke(pk: int) -> Project | None:
    """The project with its pejlemærke, as select_related gives it (plain SQL: read by every status page
    and submit); None when there is none."""
    sql = _PROJECT_SQL.format(
        project_columns=columns(Project, "p"),
        pejlemaerke_columns=columns(Pejlemaerke, "j"),
        project=Project._meta.db_table,
        pejlemaerke=Pejlemaerke._meta.db_table,
    )
    rows = instances(sql, [pk], Project, Pejlemaerke)
    if not rows:
        return None
    [(project, pejlemaerke)] = rows
    project.pejlemaerke = pejlemaerke
    return project


_SUBMITTED_REGIONS_SQL = "SELECT region_id FROM {report} WHERE project_id = %s AND period = %s AND state = %s"


def submitted_regions(project: Project, month: date) -> set[int]:
    """The regions whose report of the project for the month is submitted (plain SQL: asked after every
    submit, where the ORM's query building costs several times the read)."""
    sql = _SUBMITTED_REGIONS_SQL.format(report=StatusReport._meta.db_table)
    return {region_id for (region_id,) in typed_rows(sql, [project.pk, month, ReportState.SUBMITTED], [None])}


@dataclass
class MissingReport:
    project: Project
    region: Region
    responsible_users: list
    period: date
    deadline: date
    has_draft: bool = False


def missing_reports(month: date) -> list[MissingReport]:
    """R13: the (project, region) pairs of pejlemærker that owe a report (rules.reports_due) without a
    submitted report for the month."""
    month = month_start(month)
    projects = list(
        Project.objects.filter(pejlemaerke__state__in=REPORTING_STATES)
        .select_related("pejlemaerke__project_leader", "leader", "region")
        .prefetch_related(
            Prefetch("pejlemaerke__participations", queryset=Participation.objects.select_related("region")),
            Prefetch("regional_leaders", queryset=RegionalProjectLeader.objects.select_related("user")),
        )
        .order_by("pejlemaerke__name", "region__sort_order", "pk")  # a monitoring one's projects in region order
    )
    states = dict(
        (
            ((project_id, region_id), state)
            for project_id, region_id, state in StatusReport.objects.filter(
                period=month, project__pejlemaerke__state__in=REPORTING_STATES
            ).values_list("project_id", "region_id", "state")
        )
    )
    deadline = reporting_deadline(month)
    missing = []
    for project in projects:
        for region in reporting_regions(project, list(project.pejlemaerke.participations.all())):
            state = states.get((project.pk, region.pk))
            if state == ReportState.SUBMITTED:
                continue
            regional = [lead.user for lead in project.regional_leaders.all() if lead.region_id == region.pk]
            fallback = project.leader or project.pejlemaerke.project_leader
            missing.append(
                MissingReport(
                    project=project,
                    region=region,
                    responsible_users=regional or ([fallback] if fallback else []),
                    period=month,
                    deadline=deadline,
                    has_draft=state == ReportState.DRAFT,
                )
            )
    return missing


@dataclass
class DueItem:
    project: Project
    region: Region
    period: date
    deadline: date
    state: str  # "missing", "draft", "submitted"
    late: bool


def reportable_pairs(user) -> list[tuple[Project, Region]]:
    """The (project, region) pairs the user reports for as project leader or regional project leader."""
    if not (user and user.is_authenticated):
        return []
    projects = list(
        Project.objects.filter(
            Q(leader=user) | Q(pejlemaerke__project_leader=user) | Q(regional_leaders__user=user),
            pejlemaerke__state__in=REPORTING_STATES,
        )
        .distinct()
        .select_related("pejlemaerke", "region")
        .prefetch_related(
            Prefetch("pejlemaerke__participations", queryset=Participation.objects.select_related("region")),
            Prefetch("regional_leaders", queryset=RegionalProjectLeader.objects.all()),
        )
        .order_by("pejlemaerke__name", "pk")
    )
    pairs = []
    for project in projects:
        leads_all = project.leader_id == user.pk or project.pejlemaerke.project_leader_id == user.pk
        own = {lead.region_id for lead in project.regional_leaders.all() if lead.user_id == user.pk}
        for region in reporting_regions(project, list(project.pejlemaerke.participations.all())):
            if leads_all or region.pk in own:
                pairs.append((project, region))
    return pairs


def status_due_for(user, today: date | None = None) -> list[DueItem]:
    """R13: the user's reports for last month (due on the deadline) and this month, with their state."""
    today = today or timezone.localdate()
    pairs = reportable_pairs(user)
    if not pairs:
        return []
    periods = [add_months(month_start(today), -1), month_start(today)]
    states = {
        (project_id, region_id, period): state
        for project_id, region_id, period, state in StatusReport.objects.filter(
            project__in={p.pk for p, _r in pairs}, period__in=periods
        ).values_list("project_id", "region_id", "period", "state")
    }
    items = []
    for period in periods:
        for project, region in pairs:
            state = states.get((project.pk, region.pk, period), "missing")
            items.append(
                DueItem(
                    project=project,
                    region=region,
                    period=period,
                    deadline=reporting_deadline(period),
                    state=state,
                    late=state != ReportState.SUBMITTED and is_late(period, today),
                )
            )
    return items


def report_detail(report_pk: int) -> StatusReport:
    """One report with its versions (history, R12)."""
    return (
        StatusReport.objects.select_related("project__pejlemaerke", "region", "created_by")
        .prefetch_related("versions__submitted_by")
        .get(pk=report_pk)
    )


def pejlemaerke_month_reports(pejlemaerke: Pejlemaerke, month: date) -> list[StatusReport]:
    """Drill-down: the month's reports of every project of the pejlemærke, with their versions."""
    return list(
        StatusReport.objects.filter(project__pejlemaerke=pejlemaerke, period=month_start(month))
        .select_related("project", "region", "created_by")
        .prefetch_related("versions__submitted_by")
        .order_by("region__sort_order", "project__name")
    )


def submitted_reports(period: date):
    """The month's submitted status reports with project and region, in the regions' fixed order (one query)."""
    return (
        StatusReport.objects.filter(period=period, state=ReportState.SUBMITTED)
        .select_related("project", "region")
        .order_by("region__sort_order", "region__code", "project__name")
    )


def projects_prefetch() -> Prefetch:
    """A pejlemærke's projects with region, leader and regional project leaders (2 queries)."""
    leaders = RegionalProjectLeader.objects.select_related("region", "user")
    return Prefetch(
        "projects",
        queryset=Project.objects.select_related("region", "leader").prefetch_related(
            Prefetch("regional_leaders", queryset=leaders)
        ),
    )


def project_roles_of(user) -> dict:
    """The projects the user leads and the regional parts they lead (2 queries)."""
    return {
        "led_projects": list(
            Project.objects.filter(Q(leader=user) | Q(pejlemaerke__project_leader=user))
            .select_related("pejlemaerke", "region")
            .distinct()
        ),
        "regional_leads": list(
            RegionalProjectLeader.objects.filter(user=user).select_related("project__pejlemaerke", "region")
        ),
    }

"""Reads of projects, each with a bounded number of queries."""

# --- Monthly status (R9–R13)

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.db.models import Count, Exists, F, Max, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from portfolio.models import BodyKind, Participation, Pejlemaerke, Region
from portfolio.rules import Lifecycle, ParticipationStatus
from rsi_portal.dates import add_months, month_start

from .models import Project, RegionalProjectLeader, ReportState, StatusReport
from .rules import (
    ARCHITECTURE_DOCUMENT,
    CLOSING_DOCUMENT,
    COLOUR_ORDER,
    PHASE_ORDER,
    PORTFOLIO_ENTRY_DOCUMENT,
    Colour,
    Phase,
    gate_checklist,
    gate_missing,
    is_late,
    moved_green_to_yellow,
    next_phase,
    on_agenda,
    reporting_deadline,
    rollup,
    skipped_phases,
    yellow_streak,
)

# The dashboard shows the pejlemærker that report monthly: in the portfolio, or paused there.
STATUS_STATES = (Lifecycle.PORTFOLIO, Lifecycle.PAUSED)
TREND_MONTHS = 12


class RegionColour(NamedTuple):
    region: Region
    colour: str | None
    participating: bool


@dataclass(frozen=True)
class Flag:
    code: str
    label: str


@dataclass
class PejlemaerkeStatus:
    pejlemaerke: Pejlemaerke
    colour: str | None
    region_colours: list[RegionColour]
    missing_regions: list[str]
    why: str
    trend: list[tuple[date, str | None]]
    days_since_last_report: int | None
    flags: list[Flag] = field(default_factory=list)
    previous_colour: str | None = None
    phase: str = ""
    phase_label: str = ""
    yellow_months: int = 0
    late: bool = False

    @property
    def colour_label(self) -> str:
        return colour_label(self.colour, bool(self.missing_regions))

    @property
    def flag_codes(self) -> set[str]:
        return {f.code for f in self.flags}


def colour_label(colour: str | None, missing: bool = True) -> str:
    if colour:
        return str(Colour(colour).label)
    return _("Mangler indberetning") if missing else _("Ingen status")


def reporting_regions(project: Project, participations=None) -> list[Region]:
    """The regions a project reports for: its own region (monitoring) or every participating region.

    `participations`: the pejlemærke's Participation rows with region (prefetched), else one query.
    """
    if participations is None:
        participations = list(
            Participation.objects.filter(pejlemaerke_id=project.pejlemaerke_id).select_related("region")
        )
    participating = [p.region for p in participations if p.status == ParticipationStatus.DELTAGER]
    participating.sort(key=lambda r: (r.sort_order, r.code))
    if project.region_id:
        return [r for r in participating if r.pk == project.region_id]
    return participating


def _expected_pairs(projects, participations) -> list[tuple[int, Region]]:
    return [(project.pk, region) for project in projects for region in reporting_regions(project, participations)]


def _shown_phase(pejlemaerke, projects: list[tuple[int, int | None, str]]) -> str:
    """The phase shown for a pejlemærke: its joint project's, else the leading region's project's."""
    chosen = next((p for p in projects if p[1] is None), None) or next(
        (p for p in projects if p[1] == pejlemaerke.leading_region_id), None
    )
    if chosen is None and projects:
        chosen = projects[0]
    return chosen[2] if chosen else ""


def _month_index(value) -> int:
    """Year * 12 + month of a date (or of SQLite's "YYYY-MM-DD" text)."""
    if isinstance(value, str):
        return int(value[:4]) * 12 + int(value[5:7])
    return value.year * 12 + value.month


def _labels() -> dict[str, str]:
    """The words the roll-up lines use, translated once per call (gettext in a loop is slow)."""
    return {
        "affects_tid": _("tid"),
        "affects_oekonomi": _("økonomi"),
        "affects_leverancer": _("leverancer"),
        "risk": _("risiko"),
        "green": _("Alle deltagende regioner har indberettet grøn eller gennemført."),
        "done": _("Gennemført i alle deltagende regioner."),
        "missing": _("mangler: %s"),
        "nothing": _("Ingen deltagende regioner at indberette for."),
        Colour.RED: str(Colour.RED.label),
        Colour.YELLOW: str(Colour.YELLOW.label),
    }


DIMENSIONS = ("affects_tid", "affects_oekonomi", "affects_leverancer")


def _why(colour, regions_by_id, cells, missing_codes, labels=None) -> str:
    """The "why this colour" line: the regions and dimensions that made it red or yellow."""
    labels = labels or _labels()
    parts = []
    if colour in (Colour.RED, Colour.YELLOW):
        named = []
        for region_id, reports in cells.items():
            hits = [r for r in reports if r["colour"] == colour]
            if not hits:
                continue
            dimensions = [labels[key] for key in DIMENSIONS if any(r[key] for r in hits)]
            name = regions_by_id[region_id].name
            if dimensions:
                named.append(f"{name} ({', '.join(dimensions)})")
            else:
                risk = (hits[0]["risici"] or "").strip().splitlines()[0:1]
                named.append(f"{name} ({labels['risk']}: {risk[0][:80]})" if risk else name)
        parts.append(f"{labels[colour]}: {'; '.join(named)}")
    elif colour == Colour.GREEN:
        parts.append(labels["green"])
    elif colour == Colour.DONE:
        parts.append(labels["done"])
    if missing_codes:
        parts.append(labels["missing"] % ", ".join(missing_codes))
    if not parts:
        return labels["nothing"]
    return " · ".join(parts)


def _compute(month: date, *, history_months: int = TREND_MONTHS, today: date | None = None, **filters):
    """Every reporting pejlemærke's status for `month` (constant number of queries)."""
    month = month_start(month)
    today = today or timezone.localdate()
    history_months = max(history_months, TREND_MONTHS)
    first = add_months(month, -(history_months - 1))
    months = [add_months(first, i) for i in range(history_months)]

    # Plain values, not model instances, for everything but the pejlemærker themselves:
    # at 300 pejlemærker building ~2,000 model objects costs more than the queries.
    scope = Q(state__in=STATUS_STATES)
    related = Q(pejlemaerke__state__in=STATUS_STATES)
    in_scope = Q(state=ReportState.SUBMITTED, project__pejlemaerke__state__in=STATUS_STATES)
    if filters.get("type"):
        scope &= Q(type=filters["type"])
        related &= Q(pejlemaerke__type=filters["type"])
        in_scope &= Q(project__pejlemaerke__type=filters["type"])
    if filters.get("pejlemaerke"):
        scope &= Q(pk=filters["pejlemaerke"])
        related &= Q(pejlemaerke_id=filters["pejlemaerke"])
        in_scope &= Q(project__pejlemaerke_id=filters["pejlemaerke"])
    pejlemaerker = list(Pejlemaerke.objects.filter(scope).select_related("leading_region", "project_leader"))
    regions = list(Region.objects.all())
    regions_by_id = {r.pk: r for r in regions}
    participating: dict[int, set[int]] = {}
    for pejlemaerke_id, region_id in Participation.objects.filter(
        related, status=ParticipationStatus.DELTAGER
    ).values_list("pejlemaerke_id", "region_id"):
        participating.setdefault(pejlemaerke_id, set()).add(region_id)
    projects_of: dict[int, list[tuple[int, int | None, str]]] = {}
    for project_id, pejlemaerke_id, region_id, phase in (
        Project.objects.filter(related).order_by("pk").values_list("pk", "pejlemaerke_id", "region_id", "phase")
    ):
        projects_of.setdefault(pejlemaerke_id, []).append((project_id, region_id, phase))

    # Per pejlemærke and month in the window: how many reports of each colour. Only reports of
    # participating regions count (R10 is over the participating ones). One aggregate query with
    # integer months: ~12 rows per pejlemærke, whatever the number of regions or projects.
    participating_report = Exists(
        Participation.objects.filter(
            pejlemaerke_id=OuterRef("project__pejlemaerke_id"),
            region_id=OuterRef("region_id"),
            status=ParticipationStatus.DELTAGER,
        )
    )
    window = StatusReport.objects.filter(in_scope, participating_report, period__gte=first, period__lte=month)
    history: dict[tuple[int, int], list[str]] = {}
    # Days since the last report comes from the same aggregate: the newest submission in the window.
    last_submitted: dict[int, object] = {}
    # Grouped by the month's date itself: cheaper than EXTRACT on PostgreSQL, and on SQLite
    # EXTRACT is a Python function per row.
    month_key = F("period")
    for pejlemaerke_id, key, red, yellow, green, done, last in (
        window.annotate(month_key=month_key)
        .values("project__pejlemaerke_id", "month_key")
        .annotate(
            red=Count("colour", filter=Q(colour=Colour.RED)),
            yellow=Count("colour", filter=Q(colour=Colour.YELLOW)),
            green=Count("colour", filter=Q(colour=Colour.GREEN)),
            done=Count("colour", filter=Q(colour=Colour.DONE)),
            last=Max("submitted_at"),
        )
        .values_list("project__pejlemaerke_id", "month_key", "red", "yellow", "green", "done", "last")
        .order_by()
    ):
        index = key if isinstance(key, int) else _month_index(key)
        history[(pejlemaerke_id, index)] = (
            [Colour.RED] * red + [Colour.YELLOW] * yellow + [Colour.GREEN] * green + [Colour.DONE] * done
        )
        if last is not None and (pejlemaerke_id not in last_submitted or last > last_submitted[pejlemaerke_id]):
            last_submitted[pejlemaerke_id] = last
    # The selected month's reports with what the "why" line needs; one query.
    current = {}
    for row in StatusReport.objects.filter(in_scope, period=month).values(
        "project_id",
        "region_id",
        "colour",
        "risici",
        "affects_tid",
        "affects_oekonomi",
        "affects_leverancer",
        "version",
    ):
        current[(row["project_id"], row["region_id"])] = row
    # Pejlemærker silent during the whole window: their last report before it; at most one query.
    silent = [p.pk for p in pejlemaerker if p.pk not in last_submitted]
    if silent:
        last_submitted.update(
            StatusReport.objects.filter(in_scope, period__lt=first, project__pejlemaerke__in=silent)
            .values("project__pejlemaerke_id")
            .annotate(last=Max("submitted_at"))
            .values_list("project__pejlemaerke_id", "last")
            .order_by()
        )

    deadline_passed = is_late(month, today)
    labels = _labels()
    phase_labels = {value: str(label) for value, label in Project._meta.get_field("phase").flatchoices}
    yellow_needed = settings.RSI["PERSISTENT_YELLOW_MONTHS"]
    month_indexes = [(m, _month_index(m)) for m in months]
    results = []
    for pejlemaerke in pejlemaerker:
        participating_ids = participating.get(pejlemaerke.pk, set())
        projects = projects_of.get(pejlemaerke.pk, [])
        ordered = [r.pk for r in regions if r.pk in participating_ids]
        pairs = [
            (project_id, region_id)
            for project_id, own_region, _phase in projects
            for region_id in ordered
            if own_region is None or own_region == region_id
        ]

        cells: dict[int, list[dict]] = {}
        region_values: dict[int, list[str | None]] = {}
        for project_id, region_id in pairs:
            row = current.get((project_id, region_id))
            region_values.setdefault(region_id, []).append(row["colour"] if row else None)
            if row:
                cells.setdefault(region_id, []).append(row)
        colour = rollup(v for values in region_values.values() for v in values)
        missing_codes = [r.code for r in regions if None in region_values.get(r.pk, ())]
        region_colours = [
            RegionColour(r, rollup(region_values[r.pk]) if r.pk in region_values else None, r.pk in participating_ids)
            for r in regions
        ]
        trend_all = []
        for m, index in month_indexes:
            reported = history.get((pejlemaerke.pk, index), [])
            # A missing report is never green (R10): pad with None for every pair not reported.
            padded = reported + [None] * max(len(pairs) - len(reported), 0)
            trend_all.append((m, rollup(padded) if pairs else None))
        trend = trend_all[-TREND_MONTHS:]
        previous_colour = trend_all[-2][1] if len(trend_all) > 1 else None
        streak = yellow_streak(c for _m, c in trend_all)
        last = last_submitted.get(pejlemaerke.pk)
        days = (today - timezone.localdate(last)).days if last else None
        phase = _shown_phase(pejlemaerke, projects)
        phase_label = phase_labels.get(phase, phase)
        late = bool(missing_codes) and deadline_passed

        flags = []
        if on_agenda(previous_colour, colour):
            flags.append(
                Flag(
                    "agenda",
                    _("Rød: til RSI DK's dagsorden")
                    if colour == Colour.RED
                    else _("Grøn → gul: til RSI DK's dagsorden"),
                )
            )
        if streak >= yellow_needed:
            flags.append(Flag("persistent_yellow", _("Gul i %(n)d måneder i træk") % {"n": streak}))
        if late:
            flags.append(Flag("late", _("Forsinket: %(codes)s") % {"codes": ", ".join(missing_codes)}))
        if pejlemaerke.state == Lifecycle.PAUSED:
            flags.append(Flag("paused", _("Sat på pause")))
        if any(r["version"] > 1 for reports in cells.values() for r in reports):
            flags.append(Flag("corrected", _("Rettet efter indsendelse")))

        results.append(
            PejlemaerkeStatus(
                pejlemaerke=pejlemaerke,
                colour=colour,
                region_colours=region_colours,
                missing_regions=missing_codes,
                why=_why(colour, regions_by_id, cells, missing_codes, labels),
                trend=trend,
                days_since_last_report=days,
                flags=flags,
                previous_colour=previous_colour,
                phase=phase,
                phase_label=phase_label,
                yellow_months=streak,
                late=late,
            )
        )
    if filters.get("phase"):
        results = [r for r in results if r.phase == filters["phase"]]
    if filters.get("region"):
        code = filters["region"]
        results = [r for r in results if any(rc.region.code == code and rc.participating for rc in r.region_colours)]
    if filters.get("colour"):
        wanted = filters["colour"]
        results = [r for r in results if (r.colour or "missing") == wanted]
    results.sort(key=lambda r: (COLOUR_ORDER.get(r.colour, 2), r.pejlemaerke.name.casefold()))
    return results


def portfolio_status(month: date, **filters) -> list[PejlemaerkeStatus]:
    """R10: every reporting pejlemærke's rolled-up status for the month, red first, then yellow, then the rest.

    filters: type, phase, region (a participating region's code), colour (a Colour value or "missing"),
    pejlemaerke (pk); today (date, for the R13 late flag). Constant number of queries.
    """
    return _compute(month, **filters)


@dataclass
class AgendaCandidate:
    pejlemaerke: Pejlemaerke
    colour: str
    previous_colour: str | None
    reason: str
    why: str
    region_reports: list[StatusReport]

    @property
    def colour_label(self) -> str:
        return colour_label(self.colour)


def agenda_candidates(month: date) -> list[AgendaCandidate]:
    """R11: the pejlemærker for the next RSI DK agenda: red roll-ups and moves from green to yellow."""
    statuses = [s for s in _compute(month) if on_agenda(s.previous_colour, s.colour)]
    reports = {}
    for report in (
        StatusReport.objects.filter(
            state=ReportState.SUBMITTED,
            period=month_start(month),
            project__pejlemaerke__in=[s.pejlemaerke.pk for s in statuses],
        )
        .select_related("project", "region", "created_by")
        .order_by("region__sort_order", "project__name")
    ):
        reports.setdefault(report.project.pejlemaerke_id, []).append(report)
    candidates = []
    for s in statuses:
        if s.colour == Colour.RED:
            reason = _("Rød status: RSI DK beslutter korrigerende handlinger.")
        else:
            reason = _(
                "Skiftet fra grøn til gul: it-direktøren i den region, der er ansvarlig for styregruppen, "
                "redegør for status og de korrigerende handlinger."
            )
        candidates.append(
            AgendaCandidate(
                pejlemaerke=s.pejlemaerke,
                colour=s.colour,
                previous_colour=s.previous_colour,
                reason=reason,
                why=s.why,
                region_reports=reports.get(s.pejlemaerke.pk, []),
            )
        )
    return candidates


def persistent_yellow(month: date, months: int | None = None) -> list[Pejlemaerke]:
    """R11: the pejlemærker whose roll-up has been yellow for N consecutive months up to `month`."""
    needed = months if months is not None else settings.RSI["PERSISTENT_YELLOW_MONTHS"]
    return [s.pejlemaerke for s in _compute(month, history_months=needed + 1) if s.yellow_months >= needed]


@dataclass
class MissingReport:
    project: Project
    region: Region
    responsible_users: list
    period: date
    deadline: date
    has_draft: bool = False


def missing_reports(month: date) -> list[MissingReport]:
    """R13: the (project, region) pairs of in-portfolio pejlemærker without a submitted report for the month."""
    month = month_start(month)
    projects = list(
        Project.objects.filter(pejlemaerke__state=Lifecycle.PORTFOLIO)
        .select_related("pejlemaerke__project_leader", "leader", "region")
        .prefetch_related(
            Prefetch("pejlemaerke__participations", queryset=Participation.objects.select_related("region")),
            Prefetch("regional_leaders", queryset=RegionalProjectLeader.objects.select_related("user")),
        )
        .order_by("pejlemaerke__name", "pk")
    )
    states = dict(
        (
            ((project_id, region_id), state)
            for project_id, region_id, state in StatusReport.objects.filter(
                period=month, project__pejlemaerke__state=Lifecycle.PORTFOLIO
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


# --- What a person reports (start page, R13)


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
            pejlemaerke__state=Lifecycle.PORTFOLIO,
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


__all__ = [
    "AgendaCandidate",
    "DueItem",
    "Flag",
    "MissingReport",
    "PejlemaerkeStatus",
    "RegionColour",
    "agenda_candidates",
    "colour_label",
    "missing_reports",
    "moved_green_to_yellow",
    "persistent_yellow",
    "portfolio_status",
    "reportable_pairs",
    "reporting_regions",
    "status_due_for",
]


# --- Phases and gates (R5–R8, R27)


@dataclass
class GateStatus:
    """The checklist for a project's next gate (R6–R8, R27), present and missing items."""

    project: object
    from_phase: str
    to_phase: str | None
    skipped: tuple[str, ...]
    items: list
    missing: list
    last_gate: object | None
    budget: Decimal | None

    @property
    def from_label(self) -> str:
        return Phase(self.from_phase).label

    @property
    def to_label(self) -> str:
        return Phase(self.to_phase).label if self.to_phase else ""

    @property
    def skipped_labels(self) -> list[str]:
        return [Phase(p).label for p in self.skipped]

    @property
    def can_pass(self) -> bool:
        return self.to_phase is not None and not self.missing


def version_is_approved(version, chain) -> bool:
    """A document version counts as approved when every body of its type's chain has approved it."""
    kinds = {a.body_kind for a in version.approvals.all()}
    return all(kind in kinds for kind in chain)


def gate_status(project) -> GateStatus:
    """R6–R8, R27: what the gate out of the project's current phase needs; bounded (≤ 8 queries, 4 when the
    project comes from project_gates_page())."""
    from finance.selectors import approved_business_case_since, project_budget_total

    from .models import DocumentVersion, GateDecision, GateRequirement, RiskAssessment

    to_phase = next_phase(project.phase, has_acquisition=project.has_acquisition)
    prefetched = getattr(project, "_prefetched_objects_cache", {})
    if "gates" in prefetched:  # project_gates_page() already read them
        last_gate = max(project.gates.all(), key=lambda g: (g.recorded_at, g.pk), default=None)
    else:
        last_gate = GateDecision.objects.filter(project=project).order_by("-recorded_at", "-pk").first()
    requirements = list(
        GateRequirement.objects.filter(phase=project.phase)
        .select_related("document_type")
        .order_by("document_type__sort_order", "document_type__name")
    )
    if "documents" in prefetched:
        versions = [v for document in project.documents.all() for v in document.versions.all()]
    else:
        versions = list(
            DocumentVersion.objects.filter(document__project=project)
            .select_related("document__document_type")
            .prefetch_related("approvals")
        )
    approved_codes = {
        v.document.document_type.code
        for v in versions
        if version_is_approved(v, v.document.document_type.approval_chain)
    }
    since_day = last_gate.decided_on if last_gate else None
    rita_reviewed = any(
        v.document.document_type.code == ARCHITECTURE_DOCUMENT
        and any(
            a.body_kind == BodyKind.RITA and (since_day is None or a.approved_on >= since_day)
            for a in v.approvals.all()
        )
        for v in versions
    )
    budget = project_budget_total(project)
    assessed_budgets = list(
        RiskAssessment.objects.filter(project=project, letter_received_on__isnull=False).values_list(
            "budget_at_request", flat=True
        )
    )
    items = (
        gate_checklist(
            from_phase=project.phase,
            required_documents=[(r.document_type.code, r.document_type.name) for r in requirements],
            approved_documents=approved_codes,
            rita_reviewed=rita_reviewed,
            business_case_approved_since_last_gate=approved_business_case_since(
                project, last_gate.recorded_at if last_gate else None
            ),
            budget=budget,
            assessed_budgets=assessed_budgets,
        )
        if to_phase
        else []
    )
    return GateStatus(
        project=project,
        from_phase=project.phase,
        to_phase=to_phase,
        skipped=skipped_phases(project.phase, to_phase) if to_phase else (),
        items=items,
        missing=gate_missing(items),
        last_gate=last_gate,
        budget=budget,
    )


def project_gates_page(pk: int):
    """A project with everything its phase-and-gate page shows, in a bounded number of queries."""
    from .models import DocumentVersion, ManagementDocument, PhaseChange, Project, RiskAssessment

    return (
        Project.objects.select_related("pejlemaerke__steering_group", "region", "leader")
        .prefetch_related(
            Prefetch(
                "documents",
                queryset=ManagementDocument.objects.select_related("document_type").prefetch_related(
                    Prefetch(
                        "versions",
                        queryset=DocumentVersion.objects.select_related("uploaded_by").prefetch_related(
                            "approvals__recorded_by"
                        ),
                    )
                ),
            ),
            Prefetch("phase_changes", queryset=PhaseChange.objects.select_related("changed_by")),
            "gates__body",
            Prefetch("risk_assessments", queryset=RiskAssessment.objects.prefetch_related("recommendations")),
        )
        .get(pk=pk)
    )


def gate_requirements_by_phase() -> list[tuple[str, str, list]]:
    """R6: (phase, label, [document types]) for every gate, in phase order (2 queries)."""
    from .models import GateRequirement

    by_phase: dict[str, list] = {p: [] for p in PHASE_ORDER if p != Phase.REALISERING}
    for requirement in GateRequirement.objects.select_related("document_type").order_by(
        "document_type__sort_order", "document_type__name"
    ):
        by_phase[requirement.phase].append(requirement.document_type)
    return [(p, Phase(p).label, types) for p, types in by_phase.items()]


def lifecycle_document_facts(pejlemaerke) -> dict:
    """R2: whether the pejlemærke's projektgrundlag is approved by RSI DK, and the order of the
    approvals of its latest afslutningsrapport version (input to rules.lifecycle_document_problems)."""
    from .models import DocumentApproval, DocumentVersion

    grundlag = DocumentApproval.objects.filter(
        version__document__project__pejlemaerke=pejlemaerke,
        version__document__document_type__code=PORTFOLIO_ENTRY_DOCUMENT,
        body_kind=BodyKind.RSI_DK,
    ).exists()
    latest_closing = (
        DocumentVersion.objects.filter(
            document__project__pejlemaerke=pejlemaerke, document__document_type__code=CLOSING_DOCUMENT
        )
        .order_by("-uploaded_at", "-number")
        .first()
    )
    order = (
        list(latest_closing.approvals.order_by("approved_on", "pk").values_list("body_kind", flat=True))
        if latest_closing
        else []
    )
    return {"projektgrundlag_approved_by_rsi_dk": grundlag, "closing_approvals": order}


def risk_assessment_list(*, profile: str | None = None):
    """R27: It-råd assessments with letter, responsum and recommendations, for RSI DK's information (2 queries)."""
    from .models import RiskAssessment

    queryset = RiskAssessment.objects.select_related("project__pejlemaerke", "created_by").prefetch_related(
        "recommendations"
    )
    if profile:
        queryset = queryset.filter(risk_profile=profile)
    return queryset.order_by("-requested_on", "-pk")


def with_project_phases(pejlemaerker):
    """Prefetch each pejlemærke's projects' phases (1 query) for phase_summary()."""
    return pejlemaerker.prefetch_related(
        Prefetch("projects", queryset=Project.objects.only("pk", "pejlemaerke_id", "phase", "region_id", "name"))
    )


def phase_summary(projects) -> str:
    """R5: the phase of a pejlemærke's project(s): "Analyse", or "Analyse (2), Gennemførelse (3)" for regional ones."""
    counts: dict[str, int] = {}
    for project in projects:
        counts[project.phase] = counts.get(project.phase, 0) + 1
    ordered = [p for p in PHASE_ORDER if p in counts]
    if len(ordered) == 1:
        return str(Phase(ordered[0]).label)
    return ", ".join(f"{Phase(p).label} ({counts[p]})" for p in ordered)

"""The portfolio's monthly status (R10, R11, R13): rolled-up dashboard rows, their flags and the
RSI DK agenda candidates, each in a constant number of queries."""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from django.db.models import Count, Exists, F, Max, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from portfolio.models import Participation, Pejlemaerke, Region
from portfolio.rules import Lifecycle, ParticipationStatus
from rsi_portal.dates import add_months, month_start

from ..models import Project, ReportState, StatusReport
from ..rules import (
    COLOUR_ORDER,
    Colour,
    colour_label,
    is_late,
    is_persistent_yellow,
    on_agenda,
    rollup,
    yellow_streak,
)

# The dashboard shows the pejlemærker that report monthly: in the portfolio, or paused there.
STATUS_STATES = (Lifecycle.PORTFOLIO, Lifecycle.PAUSED)
TREND_MONTHS = 12
DIMENSIONS = ("affects_tid", "affects_oekonomi", "affects_leverancer")


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
    # The whole window read (at least the trend's months), oldest first; R11 looks back over it.
    history: list[tuple[date, str | None]] = field(default_factory=list)

    @property
    def colour_label(self) -> str:
        return colour_label(self.colour, bool(self.missing_regions))

    @property
    def flag_codes(self) -> set[str]:
        return {f.code for f in self.flags}


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
        Colour.RED: colour_label(Colour.RED),
        Colour.YELLOW: colour_label(Colour.YELLOW),
    }


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


# --- The roll-up in three steps: scope (what to read), load (the queries), assemble (pure Python).


@dataclass(frozen=True)
class _Scope:
    """The month, its look-back window and the filters, as conditions on each table read."""

    month: date
    today: date
    months: list[date]  # the window, oldest first; the last is `month`
    pejlemaerker: Q  # on Pejlemaerke
    related: Q  # on rows with a pejlemaerke (Participation, Project)
    reports: Q  # on StatusReport: the submitted reports in scope

    @property
    def first(self) -> date:
        return self.months[0]


def _scope(month: date, *, history_months: int, today: date | None, filters: dict) -> _Scope:
    month = month_start(month)
    history_months = max(history_months, TREND_MONTHS)
    first = add_months(month, -(history_months - 1))
    pejlemaerker = Q(state__in=STATUS_STATES)
    related = Q(pejlemaerke__state__in=STATUS_STATES)
    reports = Q(state=ReportState.SUBMITTED, project__pejlemaerke__state__in=STATUS_STATES)
    if filters.get("type"):
        pejlemaerker &= Q(type=filters["type"])
        related &= Q(pejlemaerke__type=filters["type"])
        reports &= Q(project__pejlemaerke__type=filters["type"])
    if filters.get("pejlemaerke"):
        pejlemaerker &= Q(pk=filters["pejlemaerke"])
        related &= Q(pejlemaerke_id=filters["pejlemaerke"])
        reports &= Q(project__pejlemaerke_id=filters["pejlemaerke"])
    return _Scope(
        month=month,
        today=today or timezone.localdate(),
        months=[add_months(first, i) for i in range(history_months)],
        pejlemaerker=pejlemaerker,
        related=related,
        reports=reports,
    )


@dataclass
class _Loaded:
    """What the queries return, as plain values: at 300 pejlemærker building ~2,000 model objects
    costs more than the queries themselves. Only the pejlemærker are model instances."""

    pejlemaerker: list[Pejlemaerke]
    regions: list[Region]
    participating: dict[int, set[int]]  # pejlemærke -> participating region ids
    projects_of: dict[int, list[tuple[int, int | None, str]]]  # pejlemærke -> (project, own region, phase)
    history: dict[tuple[int, int], list[str]]  # (pejlemærke, month index) -> submitted colours
    last_submitted: dict[int, datetime]  # pejlemærke -> newest submission
    current: dict[tuple[int, int], dict]  # (project, region) -> the month's report


def _load_window(scope: _Scope) -> tuple[dict[tuple[int, int], list[str]], dict[int, datetime]]:
    """Per pejlemærke and month in the window: the colours reported, and the newest submission.

    Only reports of participating regions count (R10 is over the participating ones). One aggregate
    query: ~12 rows per pejlemærke, whatever the number of regions or projects. Grouped by the month's
    date itself: cheaper than EXTRACT on PostgreSQL, and on SQLite EXTRACT is a Python function per row.
    """
    participating_report = Exists(
        Participation.objects.filter(
            pejlemaerke_id=OuterRef("project__pejlemaerke_id"),
            region_id=OuterRef("region_id"),
            status=ParticipationStatus.DELTAGER,
        )
    )
    window = StatusReport.objects.filter(
        scope.reports, participating_report, period__gte=scope.first, period__lte=scope.month
    )
    history: dict[tuple[int, int], list[str]] = {}
    last_submitted: dict[int, datetime] = {}
    for pejlemaerke_id, key, red, yellow, green, done, last in (
        window.annotate(month_key=F("period"))
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
    return history, last_submitted


def _load_current(scope: _Scope) -> dict[tuple[int, int], dict]:
    """The selected month's reports with what the "why" line needs; one query."""
    rows = StatusReport.objects.filter(scope.reports, period=scope.month).values(
        "project_id", "region_id", "colour", "risici", *DIMENSIONS, "version"
    )
    return {(row["project_id"], row["region_id"]): row for row in rows}


def _load_last_before_window(scope: _Scope, silent: list[int]) -> dict[int, datetime]:
    """Pejlemærker silent during the whole window: their last report before it; at most one query."""
    if not silent:
        return {}
    return dict(
        StatusReport.objects.filter(scope.reports, period__lt=scope.first, project__pejlemaerke__in=silent)
        .values("project__pejlemaerke_id")
        .annotate(last=Max("submitted_at"))
        .values_list("project__pejlemaerke_id", "last")
        .order_by()
    )


def _load(scope: _Scope) -> _Loaded:
    pejlemaerker = list(
        Pejlemaerke.objects.filter(scope.pejlemaerker).select_related("leading_region", "project_leader")
    )
    participating: dict[int, set[int]] = {}
    for pejlemaerke_id, region_id in Participation.objects.filter(
        scope.related, status=ParticipationStatus.DELTAGER
    ).values_list("pejlemaerke_id", "region_id"):
        participating.setdefault(pejlemaerke_id, set()).add(region_id)
    projects_of: dict[int, list[tuple[int, int | None, str]]] = {}
    for project_id, pejlemaerke_id, region_id, phase in (
        Project.objects.filter(scope.related).order_by("pk").values_list("pk", "pejlemaerke_id", "region_id", "phase")
    ):
        projects_of.setdefault(pejlemaerke_id, []).append((project_id, region_id, phase))
    history, last_submitted = _load_window(scope)
    current = _load_current(scope)
    last_submitted.update(_load_last_before_window(scope, [p.pk for p in pejlemaerker if p.pk not in last_submitted]))
    return _Loaded(
        pejlemaerker=pejlemaerker,
        regions=list(Region.objects.all()),
        participating=participating,
        projects_of=projects_of,
        history=history,
        last_submitted=last_submitted,
        current=current,
    )


def _flags(pejlemaerke, *, colour, previous_colour, history, streak, missing_codes, late, cells) -> list[Flag]:
    flags = []
    if on_agenda(previous_colour, colour):
        label = _("Rød: til RSI DK's dagsorden") if colour == Colour.RED else _("Grøn → gul: til RSI DK's dagsorden")
        flags.append(Flag("agenda", label))
    if is_persistent_yellow(c for _m, c in history):
        flags.append(Flag("persistent_yellow", _("Gul i %(n)d måneder i træk") % {"n": streak}))
    if late:
        flags.append(Flag("late", _("Forsinket: %(codes)s") % {"codes": ", ".join(missing_codes)}))
    if pejlemaerke.state == Lifecycle.PAUSED:
        flags.append(Flag("paused", _("Sat på pause")))
    if any(r["version"] > 1 for reports in cells.values() for r in reports):
        flags.append(Flag("corrected", _("Rettet efter indsendelse")))
    return flags


class _Assembler:
    """Turns the loaded values into one PejlemaerkeStatus per pejlemærke (no queries)."""

    def __init__(self, scope: _Scope, loaded: _Loaded):
        self.scope, self.loaded = scope, loaded
        self.regions_by_id = {r.pk: r for r in loaded.regions}
        self.deadline_passed = is_late(scope.month, scope.today)
        self.labels = _labels()
        self.phase_labels = {value: str(label) for value, label in Project._meta.get_field("phase").flatchoices}
        self.month_indexes = [(m, _month_index(m)) for m in scope.months]

    def status(self, pejlemaerke: Pejlemaerke) -> PejlemaerkeStatus:
        loaded, regions = self.loaded, self.loaded.regions
        participating_ids = loaded.participating.get(pejlemaerke.pk, set())
        projects = loaded.projects_of.get(pejlemaerke.pk, [])
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
            row = loaded.current.get((project_id, region_id))
            region_values.setdefault(region_id, []).append(row["colour"] if row else None)
            if row:
                cells.setdefault(region_id, []).append(row)
        colour = rollup(v for values in region_values.values() for v in values)
        missing_codes = [r.code for r in regions if None in region_values.get(r.pk, ())]
        region_colours = [
            RegionColour(r, rollup(region_values[r.pk]) if r.pk in region_values else None, r.pk in participating_ids)
            for r in regions
        ]
        history = self._history(pejlemaerke, len(pairs))
        previous_colour = history[-2][1] if len(history) > 1 else None
        streak = yellow_streak(c for _m, c in history)
        last = loaded.last_submitted.get(pejlemaerke.pk)
        phase = _shown_phase(pejlemaerke, projects)
        late = bool(missing_codes) and self.deadline_passed
        return PejlemaerkeStatus(
            pejlemaerke=pejlemaerke,
            colour=colour,
            region_colours=region_colours,
            missing_regions=missing_codes,
            why=_why(colour, self.regions_by_id, cells, missing_codes, self.labels),
            trend=history[-TREND_MONTHS:],
            days_since_last_report=(self.scope.today - timezone.localdate(last)).days if last else None,
            flags=_flags(
                pejlemaerke,
                colour=colour,
                previous_colour=previous_colour,
                history=history,
                streak=streak,
                missing_codes=missing_codes,
                late=late,
                cells=cells,
            ),
            previous_colour=previous_colour,
            phase=phase,
            phase_label=self.phase_labels.get(phase, phase),
            yellow_months=streak,
            late=late,
            history=history,
        )

    def _history(self, pejlemaerke: Pejlemaerke, expected: int) -> list[tuple[date, str | None]]:
        """The roll-up of every month in the window; `expected` = the (project, region) pairs reporting."""
        history = []
        for m, index in self.month_indexes:
            reported = self.loaded.history.get((pejlemaerke.pk, index), [])
            # A missing report is never green (R10): pad with None for every pair not reported.
            padded = reported + [None] * max(expected - len(reported), 0)
            history.append((m, rollup(padded) if expected else None))
        return history


def _narrow(results: list[PejlemaerkeStatus], filters: dict) -> list[PejlemaerkeStatus]:
    """The filters that need the rolled-up rows (phase, participating region, colour); red first."""
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


def portfolio_status(
    month: date, *, history_months: int = TREND_MONTHS, today: date | None = None, **filters
) -> list[PejlemaerkeStatus]:
    """R10: every reporting pejlemærke's rolled-up status for the month, red first, then yellow, then the rest.

    filters: type, phase, region (a participating region's code), colour (a Colour value or "missing"),
    pejlemaerke (pk). today: for the R13 late flag. history_months: how far back each row's `history`
    reaches (never less than the trend's 12). Constant number of queries.
    """
    scope = _scope(month, history_months=history_months, today=today, filters=filters)
    loaded = _load(scope)
    assembler = _Assembler(scope, loaded)
    return _narrow([assembler.status(p) for p in loaded.pejlemaerker], filters)

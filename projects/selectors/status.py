"""The portfolio's monthly status (R10, R11, R13): rolled-up dashboard rows, their flags and the
RSI DK agenda candidates, each in a constant number of queries."""

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from finance.selectors import baseline_sources
from portfolio.models import Participation, Pejlemaerke, Region
from portfolio.rules import Lifecycle, ParticipationStatus
from rsi_portal.dates import add_months, month_start
from rsi_portal.fingerprint import fingerprint

from ..models import TREND_MONTHS, MonthlyRollup, Project, StatusReport
from ..rules import (
    COLOUR_ORDER,
    Colour,
    colour_label,
    is_late,
    on_agenda,
    reporting_pairs,
    reports_due,
    streak_is_persistent,
)
from .rollup import Before, KeptMonth, before_month, month_rollups
from .sanity import MonthSanity, flag_text, month_sanity, stale_text

# The dashboard shows the pejlemærker that report monthly: in the portfolio, or paused there.
STATUS_STATES = (Lifecycle.PORTFOLIO, Lifecycle.PAUSED)


SANITY_FLAG_CODES = ("numbers_red", "numbers_yellow", "stale")  # R38


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
    sanity: MonthSanity = field(default_factory=MonthSanity)  # R38: beside the colour, never changing it

    @property
    def colour_label(self) -> str:
        return colour_label(self.colour, bool(self.missing_regions))

    @property
    def flag_codes(self) -> set[str]:
        return {f.code for f in self.flags}

    @property
    def sanity_flags(self) -> list[Flag]:
        """R38: the numbers' flag and the stale marks, for the monthly report and the pack."""
        return [f for f in self.flags if f.code in SANITY_FLAG_CODES]


def _shown_phase(pejlemaerke, projects: list[tuple[int, int | None, str]]) -> str:
    """The phase shown for a pejlemærke: its joint project's, else the leading region's project's."""
    chosen = next((p for p in projects if p[1] is None), None) or next(
        (p for p in projects if p[1] == pejlemaerke.leading_region_id), None
    )
    if chosen is None and projects:
        chosen = projects[0]
    return chosen[2] if chosen else ""


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


def _why(colour, regions_by_id, why_inputs, missing_codes, labels=None) -> str:
    """The "why this colour" line: the regions and dimensions that made it red or yellow.

    why_inputs: the kept roll-up's [region id, [dimension field, ...], first risk line] per region.
    """
    labels = labels or _labels()
    parts = []
    if colour in (Colour.RED, Colour.YELLOW):
        named = []
        for region_id, dimensions, risk in why_inputs:
            name = regions_by_id[region_id].name
            if dimensions:
                named.append(f"{name} ({', '.join(labels[key] for key in dimensions)})")
            else:
                named.append(f"{name} ({labels['risk']}: {risk})" if risk else name)
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
    months: list[date]  # the trend's months, oldest first; the last is `month`
    pejlemaerker: Q  # on Pejlemaerke
    related: Q  # on rows with a pejlemaerke (Participation, Project, MonthlyRollup)

    @property
    def first(self) -> date:
        return self.months[0]


def _scope(month: date, *, today: date | None, filters: dict) -> _Scope:
    month = month_start(month)
    first = add_months(month, -(TREND_MONTHS - 1))
    pejlemaerker = Q(state__in=STATUS_STATES)
    related = Q(pejlemaerke__state__in=STATUS_STATES)
    if filters.get("type"):
        pejlemaerker &= Q(type=filters["type"])
        related &= Q(pejlemaerke__type=filters["type"])
    if filters.get("pejlemaerke"):
        pejlemaerker &= Q(pk=filters["pejlemaerke"])
        related &= Q(pejlemaerke_id=filters["pejlemaerke"])
    return _Scope(
        month=month,
        today=today or timezone.localdate(),
        months=[add_months(first, i) for i in range(TREND_MONTHS)],
        pejlemaerker=pejlemaerker,
        related=related,
    )


@dataclass
class _Loaded:
    """What the queries return, as plain values: at 300 pejlemærker building ~2,000 model objects
    costs more than the queries themselves. Only the pejlemærker are model instances."""

    pejlemaerker: list[Pejlemaerke]
    regions: list[Region]
    projects_of: dict[int, list[tuple[int, int | None, str]]]  # pejlemærke -> (project, own region, phase)
    current: dict[int, KeptMonth]  # pejlemærke -> the month's kept roll-up
    # Pejlemærker without a row this month (nobody has reported): their participation and earlier months.
    participating: dict[int, set[int]]
    before: dict[int, Before]
    sanity: dict[int, MonthSanity] = field(default_factory=dict)


def _load(scope: _Scope) -> _Loaded:
    """The pejlemærker, their projects and the month's kept roll-up (R10), which holds the trend."""
    pejlemaerker = list(Pejlemaerke.objects.filter(scope.pejlemaerker).select_related("leading_region"))
    projects_of: dict[int, list[tuple[int, int | None, str]]] = {}
    for project_id, pejlemaerke_id, region_id, phase in (
        Project.objects.filter(scope.related).order_by("pk").values_list("pk", "pejlemaerke_id", "region_id", "phase")
    ):
        projects_of.setdefault(pejlemaerke_id, []).append((project_id, region_id, phase))
    current = month_rollups(scope.month, scope.related)
    without = [p.pk for p in pejlemaerker if p.pk not in current]
    participating: dict[int, set[int]] = {}
    if without:
        for pejlemaerke_id, region_id in Participation.objects.filter(
            pejlemaerke_id__in=without, status=ParticipationStatus.DELTAGER
        ).values_list("pejlemaerke_id", "region_id"):
            participating.setdefault(pejlemaerke_id, set()).add(region_id)
    return _Loaded(
        pejlemaerker=pejlemaerker,
        regions=list(Region.objects.all()),
        projects_of=projects_of,
        current=current,
        participating=participating,
        before=before_month(scope.month, without),
        sanity=month_sanity(scope.month, [p.pk for p in pejlemaerker]),
    )


class _Labels:
    """The flags' words, translated once per call (gettext per row is slow)."""

    def __init__(self):
        self.red_agenda = _("Rød: til RSI DK's dagsorden")
        self.yellow_agenda = _("Grøn → gul: til RSI DK's dagsorden")
        self.persistent = _("Gul i %(n)d måneder i træk")
        self.late = _("Forsinket: %(codes)s")
        self.paused = Flag("paused", _("Sat på pause"))
        self.corrected = Flag("corrected", _("Rettet efter indsendelse"))


def _flags(pejlemaerke, *, colour, previous_colour, streak, missing_codes, late, corrected, words) -> list[Flag]:
    flags = []
    if on_agenda(previous_colour, colour):
        flags.append(Flag("agenda", words.red_agenda if colour == Colour.RED else words.yellow_agenda))
    if streak_is_persistent(streak):  # the kept streak reaches back beyond the trend if it must
        flags.append(Flag("persistent_yellow", words.persistent % {"n": streak}))
    if late:
        flags.append(Flag("late", words.late % {"codes": ", ".join(missing_codes)}))
    if pejlemaerke.state == Lifecycle.PAUSED:
        flags.append(words.paused)
    if corrected:
        flags.append(words.corrected)
    return flags


class _Assembler:
    """Turns the loaded values into one PejlemaerkeStatus per pejlemærke (no queries)."""

    def __init__(self, scope: _Scope, loaded: _Loaded):
        self.scope, self.loaded = scope, loaded
        self.regions_by_id = {r.pk: r for r in loaded.regions}
        self.deadline_passed = is_late(scope.month, scope.today)
        self.labels = _labels()
        self.words = _Labels()
        self.timezone = timezone.get_current_timezone()
        self.phase_labels = {value: str(label) for value, label in Project._meta.get_field("phase").flatchoices}
        self.trend_months = scope.months[-TREND_MONTHS:]
        self.region_ids = [(r, r.pk) for r in loaded.regions]

    def _kept(self, pejlemaerke: Pejlemaerke, projects) -> KeptMonth:
        """The month's kept roll-up; without a row nobody has reported, so every reporting region is missing."""
        kept = self.loaded.current.get(pejlemaerke.pk)
        if kept is not None:
            return kept
        participating_ids = self.loaded.participating.get(pejlemaerke.pk, set())
        ordered = [r.pk for r in self.loaded.regions if r.pk in participating_ids]
        pairs = reporting_pairs(((project_id, own) for project_id, own, _phase in projects), ordered)
        missing = [r for r in ordered if any(region_id == r for _p, region_id in pairs)]
        before = self.loaded.before.get(pejlemaerke.pk) or Before(None, [], None)
        trend = [*before.trend[-(TREND_MONTHS - 1) :], None] if before.trend else []
        return KeptMonth(
            None, dict.fromkeys(ordered), missing, [], before.previous_colour, 0, trend, False, before.last_submitted_at
        )

    def status(self, pejlemaerke: Pejlemaerke) -> PejlemaerkeStatus:
        projects = self.loaded.projects_of.get(pejlemaerke.pk, [])
        kept = self._kept(pejlemaerke, projects)
        colour = kept.colour
        missing_codes = [self.regions_by_id[r].code for r in kept.missing_regions]
        shown = kept.region_colours
        region_colours = [RegionColour(r, shown.get(pk), pk in shown) for r, pk in self.region_ids]
        colours = [*([None] * (TREND_MONTHS - len(kept.trend))), *kept.trend[-TREND_MONTHS:]]
        trend = list(zip(self.trend_months, colours, strict=True))
        last = kept.last_submitted_at
        phase = _shown_phase(pejlemaerke, projects)
        late = bool(missing_codes) and self.deadline_passed and reports_due(pejlemaerke.state)
        sanity = self.loaded.sanity.get(pejlemaerke.pk) or MonthSanity()
        flags = _flags(
            pejlemaerke,
            colour=colour,
            previous_colour=kept.previous_colour,
            streak=kept.yellow_streak,
            missing_codes=missing_codes,
            late=late,
            corrected=kept.corrected,
            words=self.words,
        )
        if sanity.flag is not None:
            flags.append(Flag(f"numbers_{sanity.flag.colour}", flag_text(sanity.flag)))
        for region_id, months in sanity.stale:
            flags.append(Flag("stale", f"{self.regions_by_id[region_id].name}: {stale_text(months)}"))
        return PejlemaerkeStatus(
            pejlemaerke=pejlemaerke,
            colour=colour,
            region_colours=region_colours,
            missing_regions=missing_codes,
            why=_why(colour, self.regions_by_id, kept.why, missing_codes, self.labels),
            trend=trend,
            days_since_last_report=(self.scope.today - last.astimezone(self.timezone).date()).days if last else None,
            flags=flags,
            previous_colour=kept.previous_colour,
            phase=phase,
            phase_label=self.phase_labels.get(phase, phase),
            yellow_months=kept.yellow_streak,
            late=late,
            sanity=sanity,
        )


def _narrow(results: list[PejlemaerkeStatus], filters: dict) -> list[PejlemaerkeStatus]:
    """The filters that need the rolled-up rows (phase, participating region, colour); red first."""
    if filters.get("phase"):
        results = [r for r in results if r.phase == filters["phase"]]
    if filters.get("region"):
        code = filters["region"]
        results = [r for r in results if any(rc.region.code == code and rc.participating for rc in r.region_colours)]
    if filters.get("colour") == "missing":  # who has not reported: R13 expects nothing of paused pejlemærker
        results = [r for r in results if r.colour is None and reports_due(r.pejlemaerke.state)]
    elif filters.get("colour"):
        results = [r for r in results if r.colour == filters["colour"]]
    if filters.get("numbers"):  # R38: flagged by the numbers, stale, or without a forecast
        results = [r for r in results if _numbers_match(r, filters["numbers"])]
    results.sort(key=lambda r: (COLOUR_ORDER.get(r.colour, 2), r.pejlemaerke.name.casefold()))
    return results


def _numbers_match(row: PejlemaerkeStatus, wanted: str) -> bool:
    if wanted == "flagged":
        return row.sanity.flag is not None
    if wanted == "stale":
        return bool(row.sanity.stale)
    return wanted == "no_forecast" and row.sanity.no_forecast


def portfolio_status(month: date, *, today: date | None = None, **filters) -> list[PejlemaerkeStatus]:
    """R10: every reporting pejlemærke's rolled-up status for the month, red first, then yellow, then the rest.

    filters: type, phase, region (a participating region's code), colour (a Colour value or "missing"),
    pejlemaerke (pk), numbers (R38: "flagged", "stale" or "no_forecast"). today: for the R13 late flag.
    Reads the kept roll-up: a constant number of queries, one row per pejlemærke whatever the number of months.
    """
    scope = _scope(month, today=today, filters=filters)
    loaded = _load(scope)
    assembler = _Assembler(scope, loaded)
    return _narrow([assembler.status(p) for p in loaded.pejlemaerker], filters)


def portfolio_status_fingerprint(month: date, *also) -> str | None:
    """A value that changes whenever anything portfolio_status(month) reads changes (one query), for a
    page that keeps what it built from it; None where the database cannot tell (see rsi_portal.fingerprint).

    The roll-up rows are the trend's months, and the older rows of the pejlemærker without any of those
    (their last report comes from there). The month's reports and the business cases are R38's inputs.
    also: querysets of the caller's own further inputs, in the same query."""
    scope = _scope(month, today=None, filters={})
    window = MonthlyRollup.objects.filter(month__gte=scope.first, month__lte=scope.month)
    silent = Pejlemaerke.objects.exclude(pk__in=window.values("pejlemaerke_id")).values("pk")
    return fingerprint(
        Pejlemaerke.objects.all(),
        Region.objects.all(),
        Project.objects.all(),
        Participation.objects.all(),
        window,
        MonthlyRollup.objects.filter(month__lt=scope.first, pejlemaerke_id__in=silent),
        StatusReport.objects.filter(period=scope.month),
        *baseline_sources(),
        *also,
    )

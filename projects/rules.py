"""Project rules as pure code on plain values. Never touches the database."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portfolio.rules import Lifecycle
from rsi_portal.dates import add_months, month_start, nth_working_day

# R38 (colour sanity and stale status) lives in its own module, re-exported here for callers.
from .sanity import (  # noqa: F401
    STALE_MONTHS,
    Sanity,
    colour_from_numbers,
    cost_overrun_percent,
    is_stale,
    months_unchanged,
    sanity_flag,
    sanity_of,
    worst,
)

# --- Monthly status (R9–R13)


class Colour(models.TextChoices):
    """R9: the four status colours of a monthly report."""

    GREEN = "green", _("Grøn")
    YELLOW = "yellow", _("Gul")
    RED = "red", _("Rød")
    DONE = "done", _("Gennemført")


# R9: the definitions shown next to the colours in the form (RSI's own wording).
COLOUR_DEFINITIONS = {
    Colour.GREEN: _("Forløber planmæssigt."),
    Colour.YELLOW: _("Har udfordringer, men deadline, leverancer og budget forventes overholdt."),
    Colour.RED: _("Har væsentlige udfordringer, som kan udfordre deadline, budget eller leverancer."),
    Colour.DONE: _("Er gennemført."),
}

# Short marks so a colour is never the only signal (cells, SVG strip, black-and-white print).
COLOUR_LETTERS = {Colour.GREEN: "G", Colour.YELLOW: "Gu", Colour.RED: "R", Colour.DONE: "✓"}

# Dashboard order: red first, then yellow, then the rest (incomplete before green and done).
COLOUR_ORDER = {Colour.RED: 0, Colour.YELLOW: 1, None: 2, Colour.GREEN: 3, Colour.DONE: 4}


def colour_label(colour: str | None, missing: bool = True) -> str:
    """R9: a colour's Danish name; without a colour, "Mangler indberetning" (or "Ingen status")."""
    if colour in Colour.values:
        return str(Colour(colour).label)
    return str(_("Mangler indberetning") if missing else _("Ingen status"))


def colour_letter(colour: str | None) -> str:
    """R9: the colour's short mark (cells, the trend strip, black-and-white print); "–" without one."""
    return COLOUR_LETTERS.get(colour, "–") if colour else "–"


def colour_needs_risk_text(colour: str) -> bool:
    """R9: a red or yellow report must name its main risks (væsentligste risici)."""
    return colour in (Colour.RED, Colour.YELLOW)


def rollup(colours: Iterable[str | None]) -> str | None:
    """R10: red if any red, else yellow if any yellow, else green if any green; done only if all done.

    A None in `colours` is a region that has not reported: it is never counted as green, so
    green or done with a missing report gives None (incomplete). Red and yellow still win.
    Empty -> None.
    """
    seen = list(colours)
    if not seen:
        return None
    if Colour.RED in seen:
        return Colour.RED
    if Colour.YELLOW in seen:
        return Colour.YELLOW
    if None in seen:
        return None
    if Colour.GREEN in seen:
        return Colour.GREEN
    return Colour.DONE


def reporting_pairs(
    projects: Iterable[tuple[int, int | None]], participating_region_ids: Iterable[int]
) -> list[tuple[int, int]]:
    """R9/R10: the (project, region) pairs that owe a month's report, in project then region order.

    projects: (project id, own region id or None) in project order; a regional project (monitoring)
    reports for its own region, a joint project for every participating region (given in region order).
    """
    regions = list(participating_region_ids)
    return [
        (project_id, region_id)
        for project_id, own_region in projects
        for region_id in regions
        if own_region is None or own_region == region_id
    ]


# R13: the lifecycle states that owe a monthly report. A paused or closed pejlemærke is never late
# and gets no reminders (the dashboard still shows a paused one, flagged paused).
REPORTING_STATES = (Lifecycle.PORTFOLIO,)


def reports_due(state: str) -> bool:
    """R13: whether a pejlemærke in lifecycle `state` owes monthly status (only once in the portfolio)."""
    return state in REPORTING_STATES


def reporting_deadline(period: date) -> date:
    """R13: the status for `period` is due on the configured working day of the following month."""
    return nth_working_day(add_months(month_start(period), 1), settings.RSI["REPORTING_WORKING_DAY"])


def is_late(period: date, today: date) -> bool:
    """R13: a report not in by its deadline is late (the deadline day itself is still on time)."""
    return today > reporting_deadline(period)


def due_period(today: date) -> date:
    """R13: the month whose report falls due next (the previous month until its deadline has passed)."""
    previous = add_months(month_start(today), -1)
    return previous if today <= reporting_deadline(previous) else month_start(today)


def moved_green_to_yellow(previous: str | None, current: str | None) -> bool:
    """R11: the roll-up moved from green to yellow this month."""
    return previous == Colour.GREEN and current == Colour.YELLOW


def yellow_streak(colours_oldest_first: Iterable[str | None]) -> int:
    """R11: how many consecutive months, ending with the last one, the roll-up has been yellow."""
    streak = 0
    for colour in colours_oldest_first:
        streak = streak + 1 if colour == Colour.YELLOW else 0
    return streak


def persistent_yellow_months(months: int | None = None) -> int:
    """R11: how many consecutive yellow months make a roll-up persistently yellow (`months`, else settings)."""
    return months if months is not None else settings.RSI["PERSISTENT_YELLOW_MONTHS"]


def is_persistent_yellow(colours_oldest_first: Iterable[str | None], months: int | None = None) -> bool:
    """R11: yellow for at least N consecutive months up to now (N from settings, default 3)."""
    return streak_is_persistent(yellow_streak(colours_oldest_first), months)


def streak_is_persistent(streak: int, months: int | None = None) -> bool:
    """R11: the threshold itself, for a yellow streak already counted (e.g. the kept roll-up's)."""
    return streak >= persistent_yellow_months(months)


def on_agenda(previous: str | None, current: str | None) -> bool:
    """R11: a red roll-up, or a move from green to yellow, goes on the next RSI DK agenda."""
    return current == Colour.RED or moved_green_to_yellow(previous, current)


# --- Phases and gates (R5–R8, R27)


class Phase(models.TextChoices):
    """R5: the phases of RSI's project model, in order."""

    IDE = "ide", _("Idé")
    ANALYSE = "analyse", _("Analyse")
    ANSKAFFELSE = "anskaffelse", _("Anskaffelse")
    GENNEMFOERELSE = "gennemfoerelse", _("Gennemførelse")
    REALISERING = "realisering", _("Realisering")


class Step(models.TextChoices):
    """R5: the steps inside the phases."""

    MODNING = "modning", _("Modning")
    FORANALYSE = "foranalyse", _("Foranalyse")
    SPECIFICERING = "specificering", _("Specificering af behov")
    PLANLAEGNING = "planlaegning", _("Planlægning")
    KRAVSPECIFIKATION = "kravspecifikation", _("Kravspecifikation")
    UDBUD = "udbud", _("Udbud")
    UDVIKLING_TEST = "udvikling_test", _("Udvikling og test")
    IMPLEMENTERING = "implementering", _("Implementering")
    AFSLUTNING = "afslutning", _("Afslutning")
    GEVINSTREALISERING = "gevinstrealisering", _("Gevinstrealisering")


PHASE_ORDER: tuple[str, ...] = tuple(Phase.values)

PHASE_STEPS: dict[str, tuple[str, ...]] = {
    Phase.IDE: (Step.MODNING,),
    Phase.ANALYSE: (Step.FORANALYSE, Step.SPECIFICERING),
    Phase.ANSKAFFELSE: (Step.PLANLAEGNING, Step.KRAVSPECIFIKATION, Step.UDBUD),
    Phase.GENNEMFOERELSE: (Step.UDVIKLING_TEST, Step.IMPLEMENTERING, Step.AFSLUTNING),
    Phase.REALISERING: (Step.GEVINSTREALISERING,),
}

# R5: the management document each phase ends in (codes of the seeded document types).
PHASE_ENDS_IN: dict[str, str] = {
    Phase.IDE: "projektgrundlag",
    Phase.ANALYSE: "pid",
    Phase.GENNEMFOERELSE: "afslutningsrapport",
}


def steps_of(phase: str) -> tuple[str, ...]:
    """R5: the steps of `phase`, in order."""
    return PHASE_STEPS.get(phase, ())


def step_belongs_to(phase: str, step: str) -> bool:
    """R5: whether `step` is one of `phase`'s steps."""
    return step in steps_of(phase)


def next_phase(phase: str, *, has_acquisition: bool = True) -> str | None:
    """R5: the phase after `phase`; a project without an acquisition skips Anskaffelse. None after the last."""
    index = PHASE_ORDER.index(phase)
    following = PHASE_ORDER[index + 1 :]
    if not has_acquisition:
        following = tuple(p for p in following if p != Phase.ANSKAFFELSE)
    return following[0] if following else None


def skipped_phases(from_phase: str, to_phase: str) -> tuple[str, ...]:
    """R5: the phases jumped over by a move from `from_phase` to `to_phase` (recorded with the move)."""
    start, end = PHASE_ORDER.index(from_phase), PHASE_ORDER.index(to_phase)
    return PHASE_ORDER[start + 1 : end]


def requires_rita_review(from_phase: str) -> bool:
    """R7: leaving Idé and leaving Analyse requires RITA's review of the architecture analyses."""
    return from_phase in (Phase.IDE, Phase.ANALYSE)


# R6/R24: the kind of decision each gate is, for governance's routing; None = the steering group decides.
GATE_ROUTE_KIND: dict[str, str | None] = {
    Phase.IDE: "start_or_close",  # projektgrundlag: the pejlemærke starts
    Phase.ANALYSE: "financing",  # PID: RSI decides whether to carry it out and finance it
    Phase.ANSKAFFELSE: None,  # contracts signed within the approved project
    Phase.GENNEMFOERELSE: "start_or_close",  # afslutningsrapport: the project closes
}

RISK_ASSESSMENT_THRESHOLD = Decimal("10000000.00")


def requires_risk_assessment(budget: Decimal) -> bool:
    """R27: a budget strictly over 10 mio. kr. must be risk-assessed by It-rådet (exactly 10 mio. does not)."""
    if budget is None:
        return False
    return Decimal(budget) > RISK_ASSESSMENT_THRESHOLD


def risk_assessment_budget(expense_total: Decimal, buffer: Decimal) -> Decimal:
    """R27: the budget counted is the business case's total expenses including the buffer (a budget line)."""
    return Decimal(expense_total) + Decimal(buffer or 0)


def risk_assessment_at_gate(from_phase: str) -> bool:
    """R27: the assessment belongs to the Analyse phase (on the PID): the gate out of Analyse asks for it, and
    every later gate while a risen budget is not covered; the gate out of Idé does not."""
    return from_phase != Phase.IDE


def crosses_risk_threshold(previous_budget: Decimal | None, budget: Decimal | None) -> bool:
    """R27: a newly counting budget over 10 mio. kr. where the one it replaces was not (flagged that day)."""
    return requires_risk_assessment(budget) and not requires_risk_assessment(previous_budget)


class RiskProfile(models.TextChoices):
    """R27: It-rådet's risk profile."""

    A = "A", _("A – meget høj risiko")
    B = "B", _("B – høj risiko")
    C = "C", _("C – normal risiko")


RISK_ASSESSMENT_WORKING_DAYS = 10


class RequirementScope(models.TextChoices):
    """R6: whether a gate's document must be (re)approved in the phase being left, or once for the project."""

    THIS_PHASE = "phase", _("Godkendes i fasen")
    ONCE = "once", _("Én gang")


def approved_since(approvals: Iterable[tuple[date, datetime]], previous_gate: tuple[date, datetime] | None) -> bool:
    """R6–R8: every approval of a version (approved_on, recorded_at) is from after the previous gate (its
    decided_on, recorded_at): dated on or after its day and recorded after it. Without a gate, any counts."""
    if previous_gate is None:
        return True
    gate_day, gate_recorded = previous_gate
    return all(day >= gate_day and recorded > gate_recorded for day, recorded in approvals)


def document_requirement_met(scope: str, *, approved: bool, approved_this_phase: bool) -> bool:
    """R6: a "this phase" requirement needs a version approved since the previous gate; "once" any approved one."""
    return approved_this_phase if scope == RequirementScope.THIS_PHASE else approved


class GateItemKind(models.TextChoices):
    """R6–R8, R27: the kinds of item a gate checklist holds."""

    DOCUMENT = "document", _("Ledelsesdokument")
    RITA = "rita", _("RITA-review")
    BUSINESS_CASE = "business_case", _("Business case")
    RISK_ASSESSMENT = "risk_assessment", _("It-rådets risikovurdering")


@dataclass(frozen=True)
class GateItem:
    kind: str
    label: str
    present: bool
    detail: str = ""
    code: str = ""

    @property
    def kind_label(self) -> str:
        return str(GateItemKind(self.kind).label)


def _document_item(code: str, name: str, scope: str, approved: set[str], this_phase: set[str]) -> GateItem:
    present = document_requirement_met(scope, approved=code in approved, approved_this_phase=code in this_phase)
    if present:
        detail = _("godkendt i fasen") if scope == RequirementScope.THIS_PHASE else _("godkendt")
    elif code in approved:
        detail = _("godkendt i en tidligere fase; skal godkendes igen i denne fase")
    else:
        detail = ""
    return GateItem(GateItemKind.DOCUMENT, str(name), present, str(detail), code)


def gate_checklist(
    *,
    from_phase: str,
    required_documents: Iterable[tuple[str, str, str]],
    approved_documents: Iterable[str],
    approved_this_phase: Iterable[str] = (),
    rita_reviewed: bool,
    business_case_approved_since_last_gate: bool,
    budget: Decimal | None,
    assessed_budgets: Iterable[Decimal],
) -> list[GateItem]:
    """R6–R8, R27: every item the gate out of `from_phase` needs, each present or missing.

    required_documents: (code, name, scope) of the document types the gate needs (R6, data);
    approved_documents: codes with an approved version; approved_this_phase: codes with a version approved
    since the previous gate; rita_reviewed: RITA has reviewed the architecture analysis in this phase (R7);
    business_case_approved_since_last_gate (R8); budget: the counting business case's total expenses with
    its buffer (R27); assessed_budgets: the budgets at request of the assessments It-rådet has answered. An
    assessment made while the budget was 10 mio. kr. or less does not cover a budget that has since risen
    above it (R27).
    """
    risk_assessed = any(requires_risk_assessment(b) for b in assessed_budgets)
    approved, this_phase = set(approved_documents), set(approved_this_phase)
    items = [_document_item(code, name, scope, approved, this_phase) for code, name, scope in required_documents]
    if requires_rita_review(from_phase):
        items.append(GateItem(GateItemKind.RITA, str(_("RITAs review af arkitekturanalysen")), rita_reviewed))
    items.append(
        GateItem(
            GateItemKind.BUSINESS_CASE,
            str(_("Business case godkendt siden sidste gate")),
            business_case_approved_since_last_gate,
        )
    )
    if risk_assessment_at_gate(from_phase) and requires_risk_assessment(budget):
        items.append(
            GateItem(
                GateItemKind.RISK_ASSESSMENT,
                str(_("Risikovurdering fra It-rådet (budget over 10 mio. kr.)")),
                risk_assessed,
            )
        )
    return items


def gate_missing(items: Iterable[GateItem]) -> list[GateItem]:
    """R6: a gate can be passed only when nothing on its checklist is missing."""
    return [item for item in items if not item.present]


class DocumentAccess(models.TextChoices):
    """Who reads a management document version, on the pattern of R29's item access."""

    PUBLIC = "public", _("Offentlig")
    INTERNAL = "internal", _("Intern")
    CONFIDENTIAL = "confidential", _("Fortrolig")


def document_shown(access: str, *, insider: bool) -> str:
    """What a reader sees of a document version: "full" (name, note, download) when it is Offentlig or the
    reader is one of the project's people or the secretariat; otherwise "row" for an Intern version (it is
    listed, with its number and approvals, but not its name or file) and "nothing" for a Fortrolig one."""
    if access == DocumentAccess.PUBLIC or insider:
        return "full"
    return "row" if access == DocumentAccess.INTERNAL else "nothing"


# R2: the management documents that move a pejlemærke into and out of the portfolio.
PORTFOLIO_ENTRY_DOCUMENT = "projektgrundlag"
ARCHITECTURE_DOCUMENT = "arkitekturanalyse"  # R7: the document RITA reviews
CLOSING_DOCUMENT = "afslutningsrapport"
CLOSING_ORDER = ("STYREGRUPPE", "RSI_DK")


def lifecycle_document_problems(
    to_state: str, *, projektgrundlag_approved_by_rsi_dk: bool, closing_approvals: Iterable[str]
) -> list[str]:
    """R2: in the portfolio only with the projektgrundlag approved by RSI DK; closed only with the
    afslutningsrapport approved first by the steering group, then by RSI DK."""
    problems = []
    if to_state == "portfolio" and not projektgrundlag_approved_by_rsi_dk:
        problems.append(str(_("Projektgrundlaget er ikke godkendt af RSI DK.")))
    if to_state == "closed" and tuple(closing_approvals)[:2] != CLOSING_ORDER:
        problems.append(str(_("Afslutningsrapporten er ikke godkendt først af styregruppen og derefter af RSI DK.")))
    return problems

"""Governance rules R24–R26, R28, R29 as pure functions on plain values (never touch the DB)."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from rsi_portal.formatting import kroner as _kr

IT5_LIMIT = Decimal("1000000.00")  # R24: up to and including this amount IT5 approves
AGENDA_LEAD_DAYS = 7  # R28: agenda material out no later than one week before
FOLLOW_UP_DAYS = 7  # R28: decision log and minutes no later than one week after
NO_REMARKS = "Ingen bemærkninger"  # R29: Økonomi when empty
INDSTILLING_INTRO = "Det indstilles,"  # R29: first line of Indstilling


class Kind(models.TextChoices):
    ECONOMY = "economy", _("Løbende økonomi")
    SYSTEM_DEVELOPMENT = "system_development", _("Videreudvikling af fælles driftssystem")
    START_OR_CLOSE = "start_or_close", _("Igangsætning eller lukning af pejlemærke")
    FINANCING = "financing", _("Finansiering af pejlemærke")
    STAFFING = "staffing", _("Bemanding af styregruppe")


class Source(models.TextChoices):
    """Where an escalation comes from (R25)."""

    STYREGRUPPE_IT = "styregruppe_it", _("Styregruppe – it-teknisk spørgsmål")
    STYREGRUPPE_STRATEGIC = "styregruppe_strategic", _("Styregruppe – strategisk spørgsmål")
    SYS = "sys", _("SYS")
    RITA = "rita", _("RITA – arkitekturbeslutning")


BODY_NAMES = {"IT5": "IT5", "SYS": "SYS", "RSI_DK": "RSI DK"}


@dataclass(frozen=True)
class Route:
    body: str  # "IT5", "SYS" or "RSI_DK"
    reason: str

    @property
    def body_label(self) -> str:
        return BODY_NAMES[self.body]


def route_approval(amount: Decimal, *, kind: str, within_operating_budget: bool = False) -> Route:
    """R24, R26: the body that approves a matter, with the reason in plain Danish."""
    amount = Decimal(amount)
    if amount < 0:
        raise ValueError("amount must not be negative")
    if kind not in Kind.values:
        raise ValueError(f"unknown kind: {kind}")
    if kind == Kind.START_OR_CLOSE:
        return Route("RSI_DK", "RSI DK godkender altid igangsætning og lukning af et pejlemærke, uanset beløbet.")
    if kind == Kind.FINANCING:
        return Route("RSI_DK", "RSI DK godkender altid finansieringen af et pejlemærke, uanset beløbet.")
    if kind == Kind.STAFFING:
        return Route("RSI_DK", "RSI DK godkender altid bemandingen af styregrupper.")
    if kind == Kind.SYSTEM_DEVELOPMENT and amount <= IT5_LIMIT and within_operating_budget:
        return Route(
            "SYS",
            f"Videreudvikling af et fælles driftssystem for {_kr(amount)} er højst 1.000.000 kr. og kan holdes "
            "inden for systemets eksisterende driftsbudget. Derfor godkender SYS.",
        )
    prefix = ""
    if kind == Kind.SYSTEM_DEVELOPMENT:
        prefix = (
            "Videreudviklingen kan ikke holdes inden for systemets driftsbudget, så den behandles som løbende økonomi. "
            if amount <= IT5_LIMIT
            else "Videreudviklingen koster over 1.000.000 kr., så den behandles som løbende økonomi. "
        )
    if amount <= IT5_LIMIT:
        return Route("IT5", prefix + f"Beløbet er {_kr(amount)}, altså højst 1.000.000 kr. Derfor godkender IT5.")
    return Route("RSI_DK", prefix + f"Beløbet er {_kr(amount)}, altså over 1.000.000 kr. Derfor godkender RSI DK.")


def within_operating_budget(amount: Decimal, *, operating_budget: Decimal | None, committed: Decimal) -> bool:
    """R24/R33: SYS may approve only what is left of the system's operating budget for the year."""
    if operating_budget is None:
        return False
    return Decimal(amount) <= Decimal(operating_budget) - Decimal(committed)


def escalation_route(source: str) -> Route:
    """R25: where a matter escalated from a steering group, SYS or RITA goes."""
    if source == Source.STYREGRUPPE_IT:
        return Route("IT5", "It-tekniske spørgsmål fra en styregruppe eskaleres til IT5.")
    if source == Source.STYREGRUPPE_STRATEGIC:
        return Route("RSI_DK", "Strategiske spørgsmål fra en styregruppe eskaleres til RSI DK.")
    if source == Source.SYS:
        return Route("IT5", "Sager fra SYS eskaleres til IT5.")
    if source == Source.RITA:
        return Route("IT5", "Arkitekturbeslutninger fra RITA eskaleres til IT5.")
    raise ValueError(f"unknown escalation source: {source}")


def agenda_due(meeting_day: date) -> date:
    """R28: the agenda material must go out no later than 7 days before the meeting."""
    return meeting_day - timedelta(days=AGENDA_LEAD_DAYS)


def follow_up_due(meeting_day: date) -> date:
    """R28: the decision log and the minutes are due no later than 7 days after the meeting."""
    return meeting_day + timedelta(days=FOLLOW_UP_DAYS)


def on_time(sent_on: date | None, due: date) -> bool | None:
    """R28: True if sent on or before the due day, False if late, None if not sent yet."""
    if sent_on is None:
        return None
    return sent_on <= due


def indstilling_lines(text: str) -> list[str]:
    """R29: the Indstilling as 'Det indstilles,' followed by one 'at …' clause per decision point."""
    clauses = []
    for raw in (text or "").splitlines():
        line = raw.strip().rstrip()
        if not line or line.rstrip(",").lower() == INDSTILLING_INTRO.rstrip(",").lower():
            continue
        if not line.lower().startswith("at "):
            line = "at " + line[0].lower() + line[1:]
        clauses.append(line)
    return clauses


def economy_text(text: str) -> str:
    """R29: the Økonomi section says 'Ingen bemærkninger' when empty."""
    return (text or "").strip() or NO_REMARKS


def meeting_plan(year: int) -> list[tuple[date, bool]]:
    """R28 rhythm: RSI DK meets about 11 times a year (no July), 7 virtual and 4 physical meetings.

    Suggestions only (the secretariat edits them): the second Thursday of each month except July;
    physical in March, June, September and December (after the strategy seminars and ØA milestones).
    """
    physical_months = {3, 6, 9, 12}
    plan = []
    for month in range(1, 13):
        if month == 7:
            continue
        first = date(year, month, 1)
        first_thursday = first + timedelta(days=(3 - first.weekday()) % 7)
        plan.append((first_thursday + timedelta(days=7), month not in physical_months))
    return plan

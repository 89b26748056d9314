"""Governance rules R24–R26, R28, R29 as pure functions on plain values (never touch the DB)."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from rsi_portal.dates import is_working_day
from rsi_portal.formatting import kroner as _kr

IT5_LIMIT = Decimal("1000000.00")  # R24: up to and including this amount IT5 approves
OERE = Decimal("0.01")
AGENDA_LEAD_DAYS = 7  # R28: agenda material out no later than one week before
FOLLOW_UP_DAYS = 7  # R28: decision log and minutes no later than one week after
NO_REMARKS = "Ingen bemærkninger"  # R29: Økonomi when empty


class Kind(models.TextChoices):
    ECONOMY = "economy", _("Løbende økonomi")
    SYSTEM_DEVELOPMENT = "system_development", _("Videreudvikling af fælles driftssystem")
    START_OR_CLOSE = "start_or_close", _("Igangsætning eller lukning af pejlemærke")
    FINANCING = "financing", _("Finansiering af pejlemærke")
    STAFFING = "staffing", _("Bemanding af styregruppe")
    SYSTEM_RESPONSIBLE = "system_responsible", _("Systemansvarlig region for fælles driftssystem")


class Source(models.TextChoices):
    """Where an escalation comes from (R25)."""

    STYREGRUPPE_IT = "styregruppe_it", _("Styregruppe – it-teknisk spørgsmål")
    STYREGRUPPE_STRATEGIC = "styregruppe_strategic", _("Styregruppe – strategisk spørgsmål")
    SYS = "sys", _("SYS")
    RITA = "rita", _("RITA – arkitekturbeslutning")
    IT5 = "it5", _("IT5")


BODY_NAMES = {"IT5": "IT5", "SYS": "SYS", "RSI_DK": "RSI DK"}


@dataclass(frozen=True)
class Route:
    body: str  # "IT5", "SYS" or "RSI_DK"
    reason: str

    @property
    def body_label(self) -> str:
        return BODY_NAMES[self.body]


def route_approval(amount: Decimal, *, kind: str, within_operating_budget: bool = False) -> Route:
    """R24, R26: the body that approves a matter, with the reason in plain Danish.

    The amount is rounded half up to the øre first, so the route and the amount in its reason agree.
    """
    amount = Decimal(amount).quantize(OERE, rounding=ROUND_HALF_UP)
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
    if kind == Kind.SYSTEM_RESPONSIBLE:
        return Route(
            "RSI_DK",
            "SYS indstiller, hvilken region der er systemansvarlig for et fælles driftssystem, og RSI DK beslutter.",
        )
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


def within_operating_budget(amount: Decimal, *, left: Decimal | None) -> bool:
    """R24/R33: SYS may approve only what is left of the system's operating budget for the year
    (`left`, None when no budget is registered for that year)."""
    return left is not None and Decimal(amount) <= Decimal(left)


def escalation_route(source: str) -> Route:
    """R25: where a matter escalated from a steering group, SYS, RITA or IT5 goes."""
    if source == Source.STYREGRUPPE_IT:
        return Route("IT5", "It-tekniske spørgsmål fra en styregruppe eskaleres til IT5.")
    if source == Source.STYREGRUPPE_STRATEGIC:
        return Route("RSI_DK", "Strategiske spørgsmål fra en styregruppe eskaleres til RSI DK.")
    if source == Source.SYS:
        return Route("IT5", "Sager fra SYS eskaleres til IT5.")
    if source == Source.RITA:
        return Route("IT5", "Arkitekturbeslutninger fra RITA eskaleres til IT5.")
    if source == Source.IT5:
        return Route("RSI_DK", "IT5 har eskaleret sagen til RSI DK, som behandler eskalationssager fra IT5.")
    raise ValueError(f"unknown escalation source: {source}")


def due_on_working_day(day: date) -> date:
    """R28: a due date that falls on a non-working day (R13) moves to the working day before."""
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def agenda_due(meeting_day: date) -> date:
    """R28: the agenda material must go out no later than 7 days before the meeting."""
    return due_on_working_day(meeting_day - timedelta(days=AGENDA_LEAD_DAYS))


def follow_up_due(meeting_day: date) -> date:
    """R28: the decision log and the minutes are due no later than 7 days after the meeting."""
    return due_on_working_day(meeting_day + timedelta(days=FOLLOW_UP_DAYS))


DEFAULT_MEETING_HOURS = 2  # a meeting without an end time is taken to last two hours


def default_end_time(start: time) -> time | None:
    """A meeting's end when none is given: two hours after its start (None when that passes midnight)."""
    end = datetime.combine(date.min, start) + timedelta(hours=DEFAULT_MEETING_HOURS)
    return end.time() if end.date() == date.min else None


def on_time(sent_on: date | None, due: date) -> bool | None:
    """R28: True if sent on or before the due day, False if late, None if not sent yet."""
    if sent_on is None:
        return None
    return sent_on <= due


_INTRO = re.compile(r"^det\s+indstilles\s*[,:]?\s*", re.IGNORECASE)
_AT = re.compile(r"^at(\s+|$)", re.IGNORECASE)


def _is_title_case(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and not any(c.isupper() for c in word[1:])


def _clause_start(text: str) -> str:
    """Lower-case the first letter only of an ordinary capitalised word ("Sekretariatet"), never of a word
    written in capitals ("RSI", "IT5", "LUNA-projektet") or of a name of two capitalised words
    ("Region Midtjylland")."""
    words = text.split(maxsplit=2)
    if not _is_title_case(words[0]) or (len(words) > 1 and _is_title_case(words[1])):
        return text
    return text[0].lower() + text[1:]


def indstilling_lines(text: str) -> list[str]:
    """R29: the Indstilling's 'at …' clauses, one per decision point; the template puts 'Det indstilles,' above
    them. A line may carry the intro itself ("Det indstilles, at …"); an empty Indstilling gives no clauses."""
    clauses = []
    for raw in (text or "").splitlines():
        line = _AT.sub("", _INTRO.sub("", raw.strip())).strip()
        if line:
            clauses.append("at " + _clause_start(line))
    return clauses


def r29_shown(access: str, *, member: bool) -> str:
    """R29: what a reader sees of an agenda item and of everything derived from it: "full" when the item is
    Offentlig or the reader is one of the body's members or the secretariat; otherwise "number" for a
    Fortrolig item (only its number) and "nothing" for a Lukket one."""
    if access == "public" or member:
        return "full"
    return "number" if access == "confidential" else "nothing"


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


# R37: RITA and SYS report to IT5 every quarter; the report is due at IT5's first meeting after the quarter.
QUARTERLY_REPORTERS = ("RITA", "SYS")


def quarter_start(day: date) -> date:
    """R37: the first day of the quarter `day` falls in."""
    return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def quarter_end(quarter: date) -> date:
    """R37: the last day of the quarter starting on (or containing) `quarter`."""
    start = quarter_start(quarter)
    following = date(start.year + 1, 1, 1) if start.month == 10 else date(start.year, start.month + 3, 1)
    return following - timedelta(days=1)


def quarter_label(quarter: date) -> str:
    """R37: "3. kvartal 2026"."""
    return f"{(quarter.month - 1) // 3 + 1}. kvartal {quarter.year}"


def quarterly_due(quarter: date, it5_meeting_days) -> tuple[date, date] | None:
    """R37: (IT5's first meeting day after the quarter ends, its agenda deadline by R28), or None without one."""
    after = [day for day in it5_meeting_days if day > quarter_end(quarter)]
    if not after:
        return None
    meeting_day = min(after)
    return meeting_day, agenda_due(meeting_day)


QUARTERLY_REMINDER_DAYS = 7  # R37: the chair is reminded from a week before the agenda deadline


def quarterly_reminder_due(due_on: date | None, today: date) -> bool:
    """R37: remind from QUARTERLY_REMINDER_DAYS days before the report's deadline until the deadline itself."""
    return due_on is not None and due_on - timedelta(days=QUARTERLY_REMINDER_DAYS) <= today <= due_on

"""Finance rules R14–R23 as pure code on plain values (Decimal, date, str). Never touches the database."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

HOURS_PER_AARSVAERK = 1350
HOURLY_RATE = Decimal("500")
OERE = Decimal("0.01")
HUNDRED = Decimal("100")
BUFFER_PERCENT = Decimal("10")
COLLECTION_DAY = (12, 1)  # R21: 1 December


def to_oere(amount: Decimal) -> Decimal:
    """Money to the øre, half up (DESIGN.md)."""
    return Decimal(amount).quantize(OERE, rounding=ROUND_HALF_UP)


class Scope(models.TextChoices):
    """R16: an expense is either joint (fællesregional) or one region's own."""

    JOINT = "joint", _("Fællesregional")
    REGIONAL = "regional", _("Regional")


class LineKind(models.TextChoices):
    """R14–R16: what an expense line is; drift after the project is kept apart."""

    STAFF = "staff", _("Interne ressourcer (årsværk)")
    EXTERNAL = "external", _("Ekstern bistand")
    OTHER = "other", _("Anskaffelse, udvikling og øvrige udgifter")
    OPERATING = "operating", _("Drift efter projektet")


class VersionStatus(models.TextChoices):
    """R23: a version is a draft until the steering group approves (or rejects) it."""

    DRAFT = "draft", _("Kladde")
    APPROVED = "approved", _("Godkendt")
    REJECTED = "rejected", _("Afvist")


class RequestStatus(models.TextChoices):
    """R18: a change request waits for the steering group's decision."""

    SUBMITTED = "submitted", _("Indsendt")
    APPROVED = "approved", _("Godkendt")
    REJECTED = "rejected", _("Afvist")


def staff_cost(*, aarsvaerk: Decimal | None = None, hours: Decimal | None = None) -> Decimal:
    """R14: internal staff in kroner: 1 årsværk = 1,350 hours × 500 kr. = 675,000 kr. (not PL-adjusted)."""
    if (aarsvaerk is None) == (hours is None):
        raise ValueError("give exactly one of aarsvaerk or hours")
    if hours is None:
        hours = Decimal(aarsvaerk) * HOURS_PER_AARSVAERK
    return to_oere(Decimal(hours) * HOURLY_RATE)


def staff_aarsvaerk(*, hours: Decimal) -> Decimal:
    """R14: hours shown as årsværk (two decimals, half up)."""
    return (Decimal(hours) / HOURS_PER_AARSVAERK).quantize(OERE, rounding=ROUND_HALF_UP)


def staff_hours(*, aarsvaerk: Decimal) -> Decimal:
    """R14: årsværk as hours."""
    return Decimal(aarsvaerk) * HOURS_PER_AARSVAERK


def external_cost(*, hours: Decimal, hourly_rate: Decimal) -> Decimal:
    """R15: external assistance = expected hours × that resource's own hourly rate."""
    return to_oere(Decimal(hours) * Decimal(hourly_rate))


def counts_towards_total(kind: str) -> bool:
    """R16/R17: operating costs after the project are shown apart and are not project expenses."""
    return kind != LineKind.OPERATING


def max_buffer(total_expenses: Decimal) -> Decimal:
    """R17: buffer ≤ 10 % of total expenses (joint + regional, all years, excl. buffer and drift), rounded down."""
    total = Decimal(total_expenses)
    if total <= 0:
        return Decimal("0.00")
    return (total * BUFFER_PERCENT / HUNDRED).quantize(OERE, rounding=ROUND_DOWN)


def buffer_allowed(buffer: Decimal, total_expenses: Decimal) -> bool:
    """R17: the buffer is not negative and at most the cap (exactly 10 % is allowed)."""
    return Decimal("0") <= Decimal(buffer) <= max_buffer(total_expenses)


def buffer_remaining(buffer: Decimal, drawn: Iterable[Decimal]) -> Decimal:
    """R18: what is left of the buffer after the approved drawings."""
    return Decimal(buffer) - sum((Decimal(d) for d in drawn), Decimal("0"))


def drawing_allowed(amount: Decimal, remaining: Decimal) -> bool:
    """R18: a drawing is positive and never exceeds what is left of the buffer."""
    return Decimal("0") < Decimal(amount) <= Decimal(remaining)


@dataclass(frozen=True)
class StaffVariance:
    """R19: actual use next to the budget. `claim` is always zero: staff posts are closed."""

    budget_hours: Decimal
    actual_hours: Decimal
    difference_hours: Decimal
    difference_kroner: Decimal
    label: str
    claim: Decimal = Decimal("0.00")


def staff_variance(*, budget_hours: Decimal, actual_hours: Decimal) -> StaffVariance:
    """R19: under- or over-use of a closed staff post, shown and never turned into a claim."""
    difference = Decimal(actual_hours) - Decimal(budget_hours)
    if difference < 0:
        label = str(_("Underforbrug"))
    elif difference > 0:
        label = str(_("Overforbrug"))
    else:
        label = str(_("Som budgetteret"))
    return StaffVariance(
        budget_hours=Decimal(budget_hours),
        actual_hours=Decimal(actual_hours),
        difference_hours=difference,
        difference_kroner=to_oere(difference * HOURLY_RATE),
        label=label,
    )


def shares_are_valid(shares: Mapping[str, Decimal]) -> bool:
    """R20: a key or agreed split has no negative share and sums to exactly 100 %."""
    values = [Decimal(v) for v in shares.values()]
    return bool(values) and all(v >= 0 for v in values) and sum(values, Decimal("0")) == HUNDRED


def split_by_key(amount: Decimal, shares: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """R20: split an amount by percentage shares, exact to the øre (largest remainder; parts sum to the whole)."""
    amount = Decimal(amount)
    if amount != amount.quantize(OERE):
        raise ValueError("amount must be whole øre")
    if not shares_are_valid(shares):
        raise ValueError("shares must be non-negative and sum to exactly 100")
    sign = -1 if amount < 0 else 1
    oere_total = int(abs(amount) * 100)
    keys = list(shares)
    exact = {k: Decimal(oere_total) * Decimal(shares[k]) / HUNDRED for k in keys}
    floors = {k: int(exact[k].to_integral_value(rounding=ROUND_DOWN)) for k in keys}
    left = oere_total - sum(floors.values())
    # Largest fractional remainder first; ties go to the larger share, then to the earlier key.
    order = sorted(keys, key=lambda k: (-(exact[k] - floors[k]), -Decimal(shares[k]), keys.index(k)))
    for k in order[:left]:
        floors[k] += 1
    return {k: (sign * Decimal(floors[k]) / 100).quantize(OERE) for k in keys}


def collection_deadline(year: int) -> date:
    """R21: the leading region collects a year's joint funds no later than 1 December of that year."""
    return date(year, *COLLECTION_DAY)


def collection_due_ok(due: date, year: int) -> bool:
    """R21: a collection's due date is within the year and not after 1 December."""
    return due.year == year and due <= collection_deadline(year)


def budget_overview_year(today: date) -> int:
    """R22: the overview collected by the end of April is for the coming year."""
    return today.year + 1


def approval_is_current(approved_at: datetime | date | None, today: date) -> bool:
    """R22: a business case counts as updated when approved on or after 1 January of the current year."""
    if approved_at is None:
        return False
    day = approved_at.date() if isinstance(approved_at, datetime) else approved_at
    return day >= date(today.year, 1, 1)


def counts(status: str) -> bool:
    """R23: only approved versions count."""
    return status == VersionStatus.APPROVED

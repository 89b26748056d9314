"""Finance rules R14–R23 as pure code on plain values (Decimal, date, str). Never touches the database."""

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db import models
from django.utils.translation import gettext_lazy as _

from governance.rules import Kind as MatterKind

HOURS_PER_AARSVAERK = 1350
HOURLY_RATE = Decimal("500")
OERE = Decimal("0.01")
KRONE = Decimal("1")
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


# R16/R17: operating costs after the project (drift) are shown apart and are not project expenses.
PROJECT_EXPENSE_KINDS = tuple(kind for kind in LineKind.values if kind != LineKind.OPERATING)


def counts_towards_total(kind: str) -> bool:
    """R16/R17: a line of this kind is a project expense (in the total, the buffer base and the collection)."""
    return kind in PROJECT_EXPENSE_KINDS


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


def _largest_remainder(units: int, weights: Mapping[str, Decimal | int]) -> dict[str, int]:
    """`units` whole units over non-negative weights, in proportion, the parts adding up to `units`.

    Each key gets the whole part of its exact share; the units left over go to the largest fractional
    remainders, ties to the larger weight, then to the earlier key. Exact (fractions), so no part is
    ever more than its exact share rounded up.
    """
    keys = list(weights)
    total = sum((Fraction(weights[k]) for k in keys), Fraction(0))
    if units == 0 or total == 0:
        return dict.fromkeys(keys, 0)
    exact = {k: units * Fraction(weights[k]) / total for k in keys}
    parts = {k: math.floor(exact[k]) for k in keys}
    order = sorted(keys, key=lambda k: (-(exact[k] - parts[k]), -Fraction(weights[k]), keys.index(k)))
    for k in order[: units - sum(parts.values())]:
        parts[k] += 1
    return parts


def _whole_oere(amount: Decimal) -> int:
    amount = Decimal(amount)
    if amount != amount.quantize(OERE):
        raise ValueError("amount must be whole øre")
    return int(amount * 100)


def split_shares(
    agreed: Mapping[str, Decimal] | None, key: Mapping[str, Decimal] | None
) -> tuple[dict[str, Decimal] | None, str]:
    """R20: the shares that split a project's joint expenses, and their basis: the project's agreed split
    ("agreed"), else the year's bloktilskudsnøgle ("key"); (None, "missing") without either."""
    if agreed is not None:
        return dict(agreed), "agreed"
    return (dict(key), "key") if key is not None else (None, "missing")


def split_by_key(amount: Decimal, shares: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """R20: split an amount by percentage shares, exact to the øre (largest remainder; parts sum to the whole)."""
    oere = _whole_oere(amount)
    if not shares_are_valid(shares):
        raise ValueError("shares must be non-negative and sum to exactly 100")
    sign = -1 if oere < 0 else 1
    parts = _largest_remainder(abs(oere), shares)
    return {k: (sign * Decimal(parts[k]) / 100).quantize(OERE) for k in shares}


def to_kroner(amount: Decimal) -> Decimal:
    """R22: a key figure in whole kroner, half up."""
    return Decimal(amount).quantize(KRONE, rounding=ROUND_HALF_UP)


def round_parts(parts: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """R22: non-negative parts in whole kroner that add up to their sum in whole kroner: the parts share
    the rounded sum by largest remainder instead of each being rounded on its own."""
    values = {k: Decimal(v) for k, v in parts.items()}
    if any(v < 0 for v in values.values()):
        raise ValueError("parts must not be negative")
    units = _largest_remainder(int(to_kroner(sum(values.values(), Decimal("0")))), values)
    return {k: Decimal(units[k]) for k in values}


@dataclass(frozen=True)
class LetterLines:
    """R21: one region's letter: its share of the year's joint expenses and of the buffer drawings."""

    joint_expenses: Decimal
    buffer_drawings: Decimal

    @property
    def amount(self) -> Decimal:
        return self.joint_expenses + self.buffer_drawings


def collection_lines(
    joint_expenses: Decimal, buffer_drawings: Decimal, shares: Mapping[str, Decimal]
) -> dict[str, LetterLines]:
    """R21: each region's letter lines, which always add up to its amount.

    The year's total (joint expenses + approved buffer drawings) is split once by the shares (R20); each
    region's part is then divided between the two lines in proportion to the project's two figures, so
    every line also adds up over the regions and no line is ever negative.
    """
    joint, drawings = _whole_oere(joint_expenses), _whole_oere(buffer_drawings)
    if joint < 0 or drawings < 0:
        raise ValueError("amounts must not be negative")
    totals = {k: _whole_oere(v) for k, v in split_by_key(Decimal(joint + drawings) / 100, shares).items()}
    joint_parts = _largest_remainder(joint, totals)
    return {
        k: LetterLines(
            joint_expenses=(Decimal(joint_parts[k]) / 100).quantize(OERE),
            buffer_drawings=(Decimal(totals[k] - joint_parts[k]) / 100).quantize(OERE),
        )
        for k in shares
    }


def collection_deadline(year: int) -> date:
    """R21: the leading region collects a year's joint funds no later than 1 December of that year."""
    return date(year, *COLLECTION_DAY)


def budget_overview_year(today: date) -> int:
    """R22: the overview collected by the end of April is for the coming year."""
    return today.year + 1


def approval_is_current(approved_at: datetime | date | None, today: date) -> bool:
    """R22: a business case counts as updated when approved on or after 1 January of the current year."""
    if approved_at is None:
        return False
    day = approved_at.date() if isinstance(approved_at, datetime) else approved_at
    return day >= date(today.year, 1, 1)


def joint_economy(*, joint_expenses: Decimal, buffer: Decimal) -> Decimal:
    """R23: a version's joint economy: its joint project expenses (all years, drift excluded) plus its buffer,
    which the regions finance jointly when it is drawn (R18, R21)."""
    return to_oere(Decimal(joint_expenses) + Decimal(buffer))


@dataclass(frozen=True)
class FrameExcess:
    """R23: what a version above its frame sends on, routed by R24 (`kind` is a governance matter kind)."""

    kind: str
    amount: Decimal
    frame: Decimal | None


def above_frame(joint: Decimal, frame: Decimal | None) -> FrameExcess | None:
    """R23: None while a version stays within the frame (the joint economy last approved by IT5 or RSI DK):
    the steering group approves it alone. Above it, the matter R24 routes: the first financing (no frame
    yet) whole, as financing (always RSI DK); a rise on the increase, as ongoing economy (IT5 up to and
    including 1 mio. kr., else RSI DK)."""
    joint = to_oere(joint)
    if frame is None:
        return FrameExcess(MatterKind.FINANCING, joint, None) if joint > 0 else None
    increase = joint - to_oere(frame)
    return FrameExcess(MatterKind.ECONOMY, increase, to_oere(frame)) if increase > 0 else None


class BenefitKind(models.TextChoices):
    """R35: what a benefit is; only economic benefits (kroner) enter the economic picture."""

    ECONOMIC = "economic", _("Økonomisk (kr.)")
    QUALITY = "quality", _("Kvalitet")
    CAPACITY = "capacity", _("Kapacitet (timer eller årsværk)")
    PATIENT = "patient", _("Patientrettet")


CAPACITY_UNITS = ("timer", "årsværk")
ECONOMIC_UNIT = "kr."
DEFAULT_DISCOUNT_RATE = Decimal("3.5")


def benefit_unit_ok(kind: str, unit: str) -> bool:
    """R35: economic benefits are in kroner, capacity in hours or årsværk (R14); other kinds name their unit."""
    unit = (unit or "").strip().lower()
    if kind == BenefitKind.ECONOMIC:
        return unit == ECONOMIC_UNIT
    if kind == BenefitKind.CAPACITY:
        return unit in CAPACITY_UNITS
    return bool(unit)


def capacity_kroner(value: Decimal, unit: str) -> Decimal:
    """R35/R14: a capacity benefit in kroner, through R14's staff cost only."""
    if unit.strip().lower() == "årsværk":
        return staff_cost(aarsvaerk=Decimal(value))
    return staff_cost(hours=Decimal(value))


def benefit_by_year(*, baseline: Decimal, target: Decimal, start_year: int, profile) -> dict[int, Decimal]:
    """R35: a benefit's yearly effect: the full effect (target − baseline) × each year's share (percent) of
    the profile, from the start year on, to the øre. The benefit stops after the profile's last year."""
    full = Decimal(target) - Decimal(baseline)
    return {start_year + i: to_oere(full * Decimal(pct) / HUNDRED) for i, pct in enumerate(profile)}


@dataclass(frozen=True)
class EconomyYear:
    """R35: one year of the economic picture."""

    year: int
    costs: Decimal
    benefits: Decimal
    net: Decimal
    cumulative: Decimal


def yearly_net(costs: Mapping[int, Decimal], benefits: Mapping[int, Decimal]) -> list[EconomyYear]:
    """R35: costs against economic benefits year by year, with the cumulative net (every year from the first
    to the last that has either)."""
    years = sorted(set(costs) | set(benefits))
    if not years:
        return []
    rows, cumulative = [], Decimal("0.00")
    for year in range(years[0], years[-1] + 1):
        cost, benefit = Decimal(costs.get(year, 0)), Decimal(benefits.get(year, 0))
        net = to_oere(benefit - cost)
        cumulative += net
        rows.append(EconomyYear(year, to_oere(cost), to_oere(benefit), net, to_oere(cumulative)))
    return rows


def break_even_year(rows: Iterable[EconomyYear]) -> int | None:
    """R35: the first year from which the cumulative net stays at or above zero (exactly zero breaks even);
    None if it ends below zero or nothing was entered."""
    found = None
    for row in rows:
        if row.cumulative < 0:
            found = None
        elif found is None:
            found = row.year
    return found


def net_present_value(rows: Iterable[EconomyYear], rate_percent: Decimal) -> Decimal:
    """R35: the net present value of the yearly nets, discounted at a real rate to the first year (year 0
    undiscounted): Σ net_t / (1 + r)^t, to the øre."""
    rows = list(rows)
    if not rows:
        return Decimal("0.00")
    factor = 1 + Decimal(rate_percent) / HUNDRED
    first = rows[0].year
    return to_oere(sum((row.net / factor ** (row.year - first) for row in rows), Decimal("0")))


def case_is_negative(npv: Decimal) -> bool:
    """R35: the economic case is negative when its net present value is below zero (zero is not negative)."""
    return Decimal(npv) < 0


def realisation_years(close_year: int, years: int = 3) -> list[int]:
    """R36: the years a region reports realised benefits for: by default the 3 years after the close."""
    return [close_year + i for i in range(1, years + 1)]


def realisation_due(year: int, month: int) -> date:
    """R36: a year's realisation report is due at the end of the setting's month of the following year."""
    next_month = date(year + 1, month, 28)
    while True:
        following = date.fromordinal(next_month.toordinal() + 1)
        if following.month != month:
            return next_month
        next_month = following


def realisation_reminder_year(today: date, plan_years: Iterable[int], month: int) -> int | None:
    """R36: in the setting's month, the year that is to be reported (the previous one) if the plan covers
    it; None otherwise, so the reminders stop after the plan's last year."""
    if today.month != month:
        return None
    year = today.year - 1
    return year if year in set(plan_years) else None


def realisation_overdue(year: int, month: int, today: date, reported: bool) -> bool:
    """R36: a planned year's report is overdue once its due day has passed without a report."""
    return not reported and today > realisation_due(year, month)

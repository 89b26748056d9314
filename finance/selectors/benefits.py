"""Reads of a version's benefits and its economic picture, for the version and per region (R35)."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings

from portfolio.models import Region
from portfolio.rules import REGION_CODES

from .. import rules
from ..models import AgreedSplit, BenefitJustification, BenefitLine, BlockGrantKey, BusinessCaseVersion
from ..rules import BenefitKind, Scope

ZERO = Decimal("0.00")
EQUAL_SHARES = {code: Decimal("20") for code in REGION_CODES}


def discount_rate() -> Decimal:
    """R35: the real discount rate in percent (setting RSI_BENEFIT_DISCOUNT_RATE, default 3.5)."""
    return Decimal(settings.RSI.get("BENEFIT_DISCOUNT_RATE", rules.DEFAULT_DISCOUNT_RATE))


@dataclass
class Picture:
    """R35: the economic picture of a version or of one region's part of it."""

    title: str
    rows: list
    npv: Decimal
    break_even: int | None
    rate: Decimal
    region: Region | None = None
    capacity_kroner: Decimal = ZERO
    notes: list = field(default_factory=list)
    chart: dict = field(default_factory=dict)

    @property
    def negative(self) -> bool:
        return rules.case_is_negative(self.npv)

    @property
    def total_costs(self) -> Decimal:
        return sum((r.costs for r in self.rows), ZERO)

    @property
    def total_benefits(self) -> Decimal:
        return sum((r.benefits for r in self.rows), ZERO)

    @property
    def final_cumulative(self) -> Decimal:
        return self.rows[-1].cumulative if self.rows else ZERO


def benefits_of(version: BusinessCaseVersion) -> list[BenefitLine]:
    """The version's benefit lines (from the prefetch of `version_economy`, else one query)."""
    return list(version.benefits.all())


def _picture(title, costs, benefits, rate, *, region=None, capacity=ZERO, notes=()) -> Picture:
    rows = rules.yearly_net(costs, benefits)
    picture = Picture(
        title=title,
        rows=rows,
        npv=rules.net_present_value(rows, rate),
        break_even=rules.break_even_year(rows),
        rate=rate,
        region=region,
        capacity_kroner=capacity,
        notes=list(notes),
    )
    picture.chart = chart(picture)
    return picture


def _economic_by_year(benefit: BenefitLine) -> dict[int, Decimal]:
    if benefit.kind != BenefitKind.ECONOMIC:
        return {}
    return rules.benefit_by_year(
        baseline=benefit.baseline, target=benefit.target, start_year=benefit.start_year, profile=benefit.profile
    )


def _capacity_kroner(benefit: BenefitLine) -> Decimal:
    """R14: a capacity benefit's full effect in kroner (shown beside the picture, not counted in it)."""
    if benefit.kind != BenefitKind.CAPACITY:
        return ZERO
    return rules.capacity_kroner(benefit.target - benefit.baseline, benefit.unit)


def version_economy(version: BusinessCaseVersion, *, regions=None) -> dict:
    """R35: the version's picture and one per region (≤ 4 queries: benefits, justification, keys, split).

    Costs are the project expenses and the drift after the project, year by year (the buffer is a reserve and
    not counted). A region's costs are its own lines plus its share of the joint lines, and its benefits its
    own plus its share of the joint ones, split by the year's bloktilskudsnøgle or the agreed split (R20).
    """
    rate = discount_rate()
    lines = list(version.lines.all())
    benefits = list(BenefitLine.objects.filter(version=version).select_related("region", "owner_user", "owner_region"))
    justification = BenefitJustification.objects.filter(version=version).first()
    costs: dict = defaultdict(lambda: ZERO)
    joint_costs: dict = defaultdict(lambda: ZERO)
    regional_costs: dict = defaultdict(lambda: defaultdict(lambda: ZERO))
    for line in lines:
        costs[line.year] += line.amount
        if line.scope == Scope.JOINT:
            joint_costs[line.year] += line.amount
        else:
            regional_costs[line.region_id][line.year] += line.amount
    gains: dict = defaultdict(lambda: ZERO)
    joint_gains: dict = defaultdict(lambda: ZERO)
    regional_gains: dict = defaultdict(lambda: defaultdict(lambda: ZERO))
    capacity, regional_capacity = ZERO, defaultdict(lambda: ZERO)
    for benefit in benefits:
        for year, amount in _economic_by_year(benefit).items():
            gains[year] += amount
            if benefit.region_id is None:
                joint_gains[year] += amount
            else:
                regional_gains[benefit.region_id][year] += amount
        capacity += _capacity_kroner(benefit)
        if benefit.region_id:
            regional_capacity[benefit.region_id] += _capacity_kroner(benefit)
    whole = _picture(version.business_case.project.name, costs, gains, rate, capacity=capacity)
    regions = list(regions if regions is not None else Region.objects.order_by("sort_order"))
    years = set(joint_costs) | set(joint_gains)
    keys = {k.year: k.shares() for k in BlockGrantKey.objects.filter(year__in=years)} if years else {}
    split = AgreedSplit.objects.filter(business_case_id=version.business_case_id).first() if years else None
    missing_key = sorted(y for y in years if split is None and y not in keys)
    per_region = []
    for region in regions:
        r_costs = dict(regional_costs[region.pk])
        r_gains = dict(regional_gains[region.pk])
        for year in years:
            shares = split.shares() if split else keys.get(year, EQUAL_SHARES)
            if joint_costs.get(year):
                r_costs[year] = r_costs.get(year, ZERO) + rules.split_by_key(joint_costs[year], shares)[region.code]
            if joint_gains.get(year):
                r_gains[year] = r_gains.get(year, ZERO) + rules.split_by_key(joint_gains[year], shares)[region.code]
        per_region.append(
            _picture(region.name, r_costs, r_gains, rate, region=region, capacity=regional_capacity[region.pk])
        )
    return {
        "benefits": benefits,
        "picture": whole,
        "regions": per_region,
        "rate": rate,
        "justification": justification,
        "needs_justification": whole.negative and bool(benefits),
        "missing_key_years": missing_key,
        "basis": "agreed" if split else "key",
    }


def _benefit_key(b: BenefitLine) -> tuple:
    return (b.kind, b.region_id or 0, b.description)


def _benefit_summary(b: BenefitLine) -> str:
    profile = "; ".join(str(p) for p in b.profile)
    return f"{b.baseline} → {b.target} {b.unit}, {b.start_year}: {profile} %"


def benefit_diff(a: BusinessCaseVersion, b: BusinessCaseVersion) -> list[dict]:
    """R35/R23: the benefit lines added, removed or changed between two versions (2 queries)."""
    in_a = {_benefit_key(x): x for x in BenefitLine.objects.filter(version=a).select_related("region")}
    in_b = {_benefit_key(x): x for x in BenefitLine.objects.filter(version=b).select_related("region")}
    changes = []
    for key in sorted(set(in_a) | set(in_b), key=str):
        la, lb = in_a.get(key), in_b.get(key)
        sa = _benefit_summary(la) if la else None
        sb = _benefit_summary(lb) if lb else None
        if sa != sb:
            changes.append({"benefit": lb or la, "a": sa, "b": sb})
    return changes


CHART_HEIGHT, CHART_BAR, CHART_SLOT, CHART_LEFT, CHART_TOP = 160, 14, 44, 8, 8


def chart(picture: Picture) -> dict:
    """R35: the geometry of the picture's SVG (costs and benefits as bars per year, cumulative net as a line),
    drawn by the same template in the page and the PDF."""
    rows = picture.rows
    values = [abs(v) for r in rows for v in (r.costs, r.benefits, r.cumulative)] or [ZERO]
    top = max(values) or Decimal("1")
    half = CHART_HEIGHT / 2
    zero_y = CHART_TOP + half

    def y(value: Decimal) -> float:
        return round(zero_y - float(value / top) * half, 1)

    years, points = [], []
    for i, r in enumerate(rows):
        x = CHART_LEFT + i * CHART_SLOT
        cost_h = round(float(r.costs / top) * half, 1)
        gain_h = round(float(r.benefits / top) * half, 1)
        years.append(
            {
                "row": r,
                "cost_x": x,
                "cost_y": zero_y,
                "cost_h": cost_h,
                "gain_x": x + CHART_BAR + 2,
                "gain_y": round(zero_y - gain_h, 1),
                "gain_h": gain_h,
                "label_x": x + CHART_BAR + 1,
                "dot_x": x + CHART_BAR + 1,
                "dot_y": y(r.cumulative),
            }
        )
        points.append(f"{x + CHART_BAR + 1},{y(r.cumulative)}")
    return {
        "width": CHART_LEFT * 2 + max(len(rows), 1) * CHART_SLOT,
        "height": CHART_TOP * 2 + CHART_HEIGHT + 16,
        "zero_y": zero_y,
        "label_y": CHART_TOP + CHART_HEIGHT + 14,
        "bar": CHART_BAR,
        "years": years,
        "points": " ".join(points),
    }

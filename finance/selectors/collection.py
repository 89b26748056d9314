"""Reads of the bloktilskudsnøgle, agreed splits (R20) and the year's collection (R21)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Sum

from portfolio.models import Pejlemaerke, Region

from .. import rules
from ..models import AgreedSplit, BlockGrantKey, BusinessCase, BusinessCaseVersion, ChangeRequest, ExpenseLine
from ..rules import RequestStatus, Scope
from .versions import ZERO, counts, latest_counting_by_case


def block_grant_keys():
    return BlockGrantKey.objects.select_related("updated_by")


def block_grant_key(year: int) -> BlockGrantKey | None:
    return BlockGrantKey.objects.filter(year=year).first()


def agreed_split_of(case: BusinessCase) -> AgreedSplit | None:
    """The case's agreed split, if any (no query when it was select_related)."""
    try:
        return case.agreed_split
    except AgreedSplit.DoesNotExist:
        return None


def shares_for(case: BusinessCase, key: BlockGrantKey | None) -> tuple[dict[str, Decimal] | None, str]:
    """R20: the shares that split the case's joint expenses (rules.split_shares)."""
    split = agreed_split_of(case)
    return rules.split_shares(split.shares() if split else None, key.shares() if key else None)


@dataclass
class Collection:
    """R21: what the leading region collects from one region for one project and year."""

    project: object
    pejlemaerke: Pejlemaerke
    year: int
    leading_region: Region
    paying_region: Region
    basis: str  # "key" or "agreed"
    share: Decimal
    joint_expenses: Decimal
    buffer_drawings: Decimal
    amount: Decimal
    due: date
    version: BusinessCaseVersion


def collections_for_year(year: int, *, project=None) -> list[Collection]:
    """R21: the year's collection per project and paying region, from the versions that count (R23; ≤ 6 queries).

    Collected: the joint expense lines of the year (drift excluded) plus buffer drawings approved for
    that year. The sum is split once by the project's agreed split or else the year's bloktilskudsnøgle,
    and each letter's two lines are derived from the region's part (rules.collection_lines).
    """
    versions = BusinessCaseVersion.objects.select_related(
        "business_case__project__pejlemaerke__leading_region",
        "business_case__project__region",
        "business_case__agreed_split",
        "frame_matter",
    )
    if project is not None:
        versions = versions.filter(business_case__project=project)
    latest = latest_counting_by_case(versions)
    if not latest:
        return []
    joint = dict(
        ExpenseLine.objects.project_expenses()
        .filter(version__in=[v.pk for v in latest.values()], year=year, scope=Scope.JOINT)
        .values_list("version_id")
        .annotate(total=Sum("amount"))
    )
    drawings = dict(
        ChangeRequest.objects.filter(business_case__in=list(latest), status=RequestStatus.APPROVED, year=year)
        .values_list("business_case_id")
        .annotate(total=Sum("amount"))
    )
    key = block_grant_key(year)
    regions = {r.code: r for r in Region.objects.all()}
    result = []
    for case_id, version in latest.items():
        joint_total = rules.to_oere(joint.get(version.pk) or ZERO)  # SQLite sums decimals as floats
        drawn = rules.to_oere(drawings.get(case_id) or ZERO)
        total = joint_total + drawn
        if total == 0:
            continue
        shares, basis = shares_for(version.business_case, key)
        if shares is None:
            continue
        letters = rules.collection_lines(joint_total, drawn, shares)
        project_ = version.business_case.project
        for code, lines in letters.items():
            result.append(
                Collection(
                    project=project_,
                    pejlemaerke=project_.pejlemaerke,
                    year=year,
                    leading_region=project_.pejlemaerke.leading_region,
                    paying_region=regions[code],
                    basis=basis,
                    share=shares[code],
                    joint_expenses=lines.joint_expenses,
                    buffer_drawings=lines.buffer_drawings,
                    amount=lines.amount,
                    due=rules.collection_deadline(year),
                    version=version,
                )
            )
    result.sort(key=lambda c: (c.pejlemaerke.name, c.project.name, c.paying_region.sort_order))
    return result


def collection_for(year: int, project_pk: int, region_code: str) -> Collection | None:
    """R21: one paying region's collection for one project and year (for its letter)."""
    return next(
        (c for c in collections_for_year(year, project=project_pk) if c.paying_region.code == region_code),
        None,
    )


def collection_years() -> list[int]:
    """R21: the years with joint expenses in a version that counts (R23)."""
    versions = BusinessCaseVersion.objects.filter(counts())
    years = ExpenseLine.objects.filter(version__in=versions, scope=Scope.JOINT).values_list("year", flat=True)
    return sorted(set(years))

"""The budget overview (R22): every pejlemærke's approved figures for one year."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from portfolio.models import Pejlemaerke, Region
from portfolio.rules import Lifecycle

from .. import rules
from ..models import BusinessCaseVersion, ExpenseLine
from ..rules import Scope
from .collection import block_grant_key, shares_for
from .versions import ZERO, latest_counting_by_case


@dataclass
class OverviewRow:
    pejlemaerke: Pejlemaerke
    joint: Decimal = ZERO
    regional: Decimal = ZERO
    by_region: dict = field(default_factory=dict)  # region code -> regional amount
    joint_by_region: dict = field(default_factory=dict)  # region code -> share of joint
    operating: Decimal = ZERO
    last_approved: datetime | None = None
    has_case: bool = False
    flagged: bool = True

    @property
    def total(self) -> Decimal:
        return self.joint + self.regional


def budget_overview(year: int, *, today: date | None = None) -> list[OverviewRow]:
    """R22: every pejlemærke's approved business case for `year`, joint vs regional and by region (≤ 7 queries).

    A pejlemærke is flagged when any of its projects lacks a version approved since 1 January this year.
    The figures are whole kroner that add up (see _in_whole_kroner).
    """
    today = today or timezone.localdate()
    pejlemaerker = list(
        Pejlemaerke.objects.exclude(state__in=[Lifecycle.CLOSED, Lifecycle.IDEA])
        .prefetch_related("projects")
        .order_by("name")
    )
    versions = BusinessCaseVersion.objects.select_related("business_case__project", "business_case__agreed_split")
    latest = {v.business_case.project_id: v for v in latest_counting_by_case(versions).values()}
    lines = defaultdict(list)
    for line in ExpenseLine.objects.filter(version__in=[v.pk for v in latest.values()], year=year).select_related(
        "region"
    ):
        lines[line.version_id].append(line)
    key = block_grant_key(year)
    regions = list(Region.objects.all())
    rows = []
    for pejlemaerke in pejlemaerker:
        row = OverviewRow(
            pejlemaerke=pejlemaerke,
            by_region={r.code: ZERO for r in regions},
            joint_by_region={r.code: ZERO for r in regions},
        )
        current = True
        projects = list(pejlemaerke.projects.all())
        for project in projects:
            version = latest.get(project.pk)
            if version is None:
                current = False
                continue
            row.has_case = True
            if row.last_approved is None or version.decided_at > row.last_approved:
                row.last_approved = version.decided_at
            if not rules.approval_is_current(timezone.localdate(version.decided_at), today):
                current = False
            joint = ZERO
            for line in lines[version.pk]:
                if not rules.counts_towards_total(line.kind):
                    row.operating += line.amount
                elif line.scope == Scope.JOINT:
                    joint += line.amount
                else:
                    row.regional += line.amount
                    row.by_region[line.region.code] += line.amount
            row.joint += joint
            shares, _basis = shares_for(version.business_case, key)
            if shares and joint:
                for code, part in rules.split_by_key(joint, shares).items():
                    row.joint_by_region[code] += part
        row.flagged = not (projects and current)
        rows.append(_in_whole_kroner(row))
    return rows


def _in_whole_kroner(row: OverviewRow) -> OverviewRow:
    """R22: the row's key figures in whole kroner; the regions' parts share the rounded figure they make up,
    so the row and the totals add up to exactly what is shown."""
    row.joint = rules.to_kroner(row.joint)
    row.joint_by_region = rules.round_parts(row.joint_by_region)
    row.by_region = rules.round_parts(row.by_region)
    row.regional = sum(row.by_region.values(), ZERO)
    row.operating = rules.to_kroner(row.operating)
    return row


def overview_totals(rows: list[OverviewRow], regions) -> dict:
    """R22: the overview's bottom line, overall and per region: the sums of the rows' shown figures."""
    return {
        "joint": sum((r.joint for r in rows), ZERO),
        "regional": sum((r.regional for r in rows), ZERO),
        "total": sum((r.total for r in rows), ZERO),
        "by_region": {reg.code: sum((r.by_region[reg.code] for r in rows), ZERO) for reg in regions},
        "joint_by_region": {reg.code: sum((r.joint_by_region[reg.code] for r in rows), ZERO) for reg in regions},
    }

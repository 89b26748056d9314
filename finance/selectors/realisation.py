"""Reads of benefits realisation after a completed closure (R36): the Realisering view, the table, reminders."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch

from portfolio.models import Pejlemaerke
from portfolio.rules import Closure, Lifecycle
from rsi_portal.formatting import format_kr

from .. import rules
from ..models import BenefitLine, BusinessCaseVersion, RealisationPlanItem, RealisationReport
from ..rules import VersionStatus


def report_month() -> int:
    """R36: the month in which the previous year's realised benefits are reported (setting, default March)."""
    return int(settings.RSI.get("REALISATION_REPORT_MONTH", 3))


def in_realisation(pejlemaerke) -> bool:
    """R36: a pejlemærke closed as completed is followed in realisation (a stopped one is not)."""
    return pejlemaerke.state == Lifecycle.CLOSED and pejlemaerke.closure == Closure.COMPLETED


def default_years(pejlemaerke) -> tuple[int, int] | None:
    """R36: the plan's default years, the 3 after the close (None before the close)."""
    if not pejlemaerke.closed_on:
        return None
    years = rules.realisation_years(pejlemaerke.closed_on.year)
    return years[0], years[-1]


@dataclass
class YearCell:
    year: int
    due: date
    report: RealisationReport | None
    overdue: bool
    versions: int = 0

    @property
    def realised(self) -> Decimal | None:
        return self.report.realised if self.report else None


@dataclass
class PlanRow:
    item: RealisationPlanItem
    cells: list[YearCell]

    @property
    def overdue(self) -> bool:
        return any(c.overdue for c in self.cells)


@dataclass
class ProjectGroup:
    pejlemaerke: Pejlemaerke
    project: object
    rows: list[PlanRow] = field(default_factory=list)

    @property
    def overdue_count(self) -> int:
        return sum(1 for r in self.rows for c in r.cells if c.overdue)


def _items():
    return RealisationPlanItem.objects.select_related(
        "project__pejlemaerke", "region", "benefit", "reporter"
    ).prefetch_related(Prefetch("reports", queryset=RealisationReport.objects.select_related("submitted_by")))


def _row(item: RealisationPlanItem, month: int, today: date) -> PlanRow:
    latest: dict[int, RealisationReport] = {}
    counts: dict[int, int] = {}
    for report in item.reports.all():
        counts[report.year] = counts.get(report.year, 0) + 1
        if report.year not in latest or report.number > latest[report.year].number:
            latest[report.year] = report
    cells = [
        YearCell(
            year=year,
            due=rules.realisation_due(year, month),
            report=latest.get(year),
            overdue=rules.realisation_overdue(year, month, today, year in latest),
            versions=counts.get(year, 0),
        )
        for year in item.years
    ]
    return PlanRow(item=item, cells=cells)


def realisation_overview(today: date, *, project=None) -> list[ProjectGroup]:
    """R36: every project of a pejlemærke closed as completed, with its plan and each year's latest report
    and overdue flag (3 queries whatever the portfolio's size)."""
    month = report_month()
    pejlemaerker = (
        Pejlemaerke.objects.filter(state=Lifecycle.CLOSED, closure=Closure.COMPLETED)
        .select_related("leading_region")
        .prefetch_related("projects__region")
        .order_by("name")
    )
    if project is not None:
        pejlemaerker = pejlemaerker.filter(projects=project)
    groups = {}
    for pejlemaerke in pejlemaerker:
        for p in pejlemaerke.projects.all():
            if project is None or p.pk == project.pk:
                groups[p.pk] = ProjectGroup(pejlemaerke=pejlemaerke, project=p)
    if not groups:
        return []
    for item in _items().filter(project_id__in=groups):
        groups[item.project_id].rows.append(_row(item, month, today))
    return list(groups.values())


def plan_items(project):
    """The project's realisation plan with its reports (2 queries)."""
    return list(_items().filter(project=project))


def plan_item(pk: int) -> RealisationPlanItem:
    return _items().get(pk=pk)


def report_history(item: RealisationPlanItem, year: int) -> list[RealisationReport]:
    """R36: every version of a year's report, newest first (from the prefetch)."""
    return sorted((r for r in item.reports.all() if r.year == year), key=lambda r: -r.number)


def reminders_due(today: date) -> list[tuple[RealisationPlanItem, int]]:
    """R36: in the report month, each planned benefit whose previous year is planned and not reported yet;
    nothing after a plan's last year (2 queries)."""
    month = report_month()
    year = today.year - 1
    if today.month != month:
        return []
    due = []
    items = _items().filter(
        first_year__lte=year,
        last_year__gte=year,
        project__pejlemaerke__state=Lifecycle.CLOSED,
        project__pejlemaerke__closure=Closure.COMPLETED,
    )
    for item in items:
        if rules.realisation_reminder_year(today, item.years, month) is None:
            continue
        if not any(r.year == year for r in item.reports.all()):
            due.append((item, year))
    return due


@dataclass
class FollowUpRow:
    """R36: one line of IT5's yearly follow-up: a pejlemærke and region, targeted against realised."""

    pejlemaerke: Pejlemaerke
    region: object
    benefit: str
    unit: str
    year: int
    target: Decimal
    realised: Decimal | None
    overdue: bool


def follow_up_table(today: date, year: int | None = None) -> dict:
    """R36: IT5's yearly follow-up, per pejlemærke and region: the year's target and realised value, overdue
    reports flagged (year default: the previous one; 2 queries)."""
    year = year or today.year - 1
    month = report_month()
    items = _items().filter(
        first_year__lte=year,
        last_year__gte=year,
        project__pejlemaerke__state=Lifecycle.CLOSED,
        project__pejlemaerke__closure=Closure.COMPLETED,
    )
    rows = []
    for item in sorted(items, key=lambda i: (i.project.pejlemaerke.name, i.region.sort_order, i.benefit.description)):
        cell = next(c for c in _row(item, month, today).cells if c.year == year)
        rows.append(
            FollowUpRow(
                pejlemaerke=item.project.pejlemaerke,
                region=item.region,
                benefit=item.benefit.description,
                unit=item.benefit.unit,
                year=year,
                target=item.target,
                realised=cell.realised,
                overdue=cell.overdue,
            )
        )
    by_pejlemaerke: dict = {}
    for r in rows:
        by_pejlemaerke.setdefault(r.pejlemaerke, []).append(r)
    return {
        "year": year,
        "groups": list(by_pejlemaerke.items()),
        "rows": rows,
        "overdue": sum(1 for r in rows if r.overdue),
    }


def follow_up_text(table: dict) -> str:
    """R36: the follow-up table as the text of an agenda item's Sagsfremstilling."""
    lines = []
    for pejlemaerke, rows in table["groups"]:
        lines.append(f"{pejlemaerke.name}")
        for r in rows:
            realised = "ikke indberettet" if r.realised is None else f"{format_kr(r.realised)} {r.unit}"
            flag = " – OVERSKREDET FRIST" if r.overdue else ""
            target = format_kr(r.target)
            lines.append(f"  {r.region.name} · {r.benefit}: mål {target} {r.unit}, realiseret {realised}{flag}")
        lines.append("")
    return "\n".join(lines).strip() or "Ingen gevinster i realisering for året."


@dataclass
class TargetedBenefit:
    """A benefit line of the version that counts, with what was last reported realised for it (R35, R36)."""

    benefit: BenefitLine
    realised: Decimal | None  # the newest reported year's latest reports, summed over the plan's regions
    realised_year: int | None


def benefits_targeted_and_realised(pejlemaerke_ids) -> list[TargetedBenefit]:
    """For a set of pejlemærker (a strategy goal's, R40): every benefit of each project's latest approved version,
    its target, and the realised value of the newest year reported. Three queries whatever the numbers."""
    approved: dict[int, int] = {}  # business case -> its latest approved version (as R27 and R38 read it)
    for case_id, version_id in (
        BusinessCaseVersion.objects.filter(
            business_case__project__pejlemaerke_id__in=list(pejlemaerke_ids), status=VersionStatus.APPROVED
        )
        .order_by("business_case_id", "-decided_at", "-number")
        .values_list("business_case_id", "pk")
    ):
        approved.setdefault(case_id, version_id)
    benefits = list(
        BenefitLine.objects.filter(version_id__in=list(approved.values()))
        .select_related("version__business_case__project__pejlemaerke", "region")
        .order_by("version__business_case__project__pejlemaerke__name", "pk")
    )
    latest: dict[tuple[int, int, int], tuple[int, Decimal]] = {}  # (benefit, region, year) -> (number, realised)
    for benefit_id, region_id, year, number, realised in RealisationReport.objects.filter(
        item__benefit__in=benefits
    ).values_list("item__benefit_id", "item__region_id", "year", "number", "realised"):
        if (benefit_id, region_id, year) not in latest or number > latest[(benefit_id, region_id, year)][0]:
            latest[(benefit_id, region_id, year)] = (number, realised)
    result = []
    for benefit in benefits:
        years = [year for (b, _r, year) in latest if b == benefit.pk]
        newest = max(years) if years else None
        realised = (
            sum((v for (b, _r, year), (_n, v) in latest.items() if b == benefit.pk and year == newest), Decimal("0"))
            if newest is not None
            else None
        )
        result.append(TargetedBenefit(benefit, realised, newest))
    return result

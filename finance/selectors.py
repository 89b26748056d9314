"""Every non-trivial read of business cases, buffer, keys, collections and the budget overview."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Prefetch, Q, Sum
from django.utils import timezone

from portfolio.models import Pejlemaerke, Region
from portfolio.rules import Lifecycle

from . import rules
from .models import AgreedSplit, BlockGrantKey, BusinessCase, BusinessCaseVersion, ChangeRequest, ExpenseLine
from .rules import LineKind, RequestStatus, Scope, VersionStatus

ZERO = Decimal("0.00")


# --- Contracts used by other areas (GATES: R8, R27) -------------------------------------------


def approved_business_case_since(project, since: datetime | None) -> bool:
    """R8/R23: a business-case version of `project` approved after `since` (any approved one when None)."""
    versions = BusinessCaseVersion.objects.filter(business_case__project=project, status=VersionStatus.APPROVED)
    if since is not None:
        versions = versions.filter(decided_at__gt=since)
    return versions.exists()


def project_budget_total(project) -> Decimal | None:
    """R17/R27: total expenses of the latest approved version (the buffer base); None without one."""
    version = latest_approved_version(project)
    return version.expense_total if version else None


# --- Versions ----------------------------------------------------------------------------------


def latest_approved_version(project) -> BusinessCaseVersion | None:
    """R23: the version that counts: the most recently approved."""
    return (
        BusinessCaseVersion.objects.filter(business_case__project=project, status=VersionStatus.APPROVED)
        .order_by("-decided_at", "-number")
        .first()
    )


def version_with_lines(pk: int) -> BusinessCaseVersion:
    """A version with its project, people and lines (3 queries)."""
    return (
        BusinessCaseVersion.objects.select_related(
            "business_case__project__pejlemaerke__steering_group",
            "business_case__project__pejlemaerke__leading_region",
            "business_case__project__region",
            "created_by",
            "decided_by",
            "based_on",
        )
        .prefetch_related(Prefetch("lines", queryset=ExpenseLine.objects.select_related("region")))
        .get(pk=pk)
    )


def case_for_project(project) -> BusinessCase | None:
    """The business case with versions (newest first) and change requests (3 queries)."""
    return (
        BusinessCase.objects.select_related("project__pejlemaerke", "project__region")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=BusinessCaseVersion.objects.select_related("created_by", "decided_by").order_by("-number"),
            ),
            Prefetch("change_requests", queryset=ChangeRequest.objects.select_related("filed_by", "decided_by")),
        )
        .filter(project=project)
        .first()
    )


@dataclass
class Totals:
    """R16: a version's totals per year, per category, per region and overall; drift apart."""

    expenses: Decimal = ZERO
    buffer: Decimal = ZERO
    max_buffer: Decimal = ZERO
    operating: Decimal = ZERO
    joint: Decimal = ZERO
    regional: Decimal = ZERO
    years: list[int] = field(default_factory=list)
    by_year: dict = field(default_factory=dict)  # year -> {"joint", "regional", "total", "operating"}
    by_kind: dict = field(default_factory=dict)  # kind label -> amount
    by_region: dict = field(default_factory=dict)  # Region -> amount (regional lines)
    staff_aarsvaerk: Decimal = ZERO

    @property
    def with_buffer(self) -> Decimal:
        return self.expenses + self.buffer


def version_totals(version: BusinessCaseVersion) -> Totals:
    """R16/R17 totals computed from the (prefetched) lines; no queries if lines are prefetched."""
    totals = Totals(buffer=version.buffer)
    by_year: dict = defaultdict(lambda: {"joint": ZERO, "regional": ZERO, "total": ZERO, "operating": ZERO})
    by_kind: dict = defaultdict(lambda: ZERO)
    by_region: dict = defaultdict(lambda: ZERO)
    hours = ZERO
    for line in version.lines.all():
        if line.kind == LineKind.OPERATING:
            totals.operating += line.amount
            by_year[line.year]["operating"] += line.amount
            continue
        totals.expenses += line.amount
        by_year[line.year][line.scope] += line.amount
        by_year[line.year]["total"] += line.amount
        by_kind[line.get_kind_display()] += line.amount
        if line.scope == Scope.JOINT:
            totals.joint += line.amount
        else:
            totals.regional += line.amount
            by_region[line.region] += line.amount
        if line.kind == LineKind.STAFF:
            hours += line.budget_hours
    totals.max_buffer = rules.max_buffer(totals.expenses)
    totals.years = sorted(by_year)
    totals.by_year = {y: by_year[y] for y in totals.years}
    totals.by_kind = dict(by_kind)
    totals.by_region = dict(sorted(by_region.items(), key=lambda item: item[0].sort_order))
    totals.staff_aarsvaerk = rules.staff_aarsvaerk(hours=hours)
    return totals


def buffer_status(business_case: BusinessCase) -> dict:
    """R18: the buffer of the counting version, what approved change requests drew and what is left."""
    version = latest_approved_version(business_case.project)
    buffer = version.buffer if version else ZERO
    drawn = (
        ChangeRequest.objects.filter(business_case=business_case, status=RequestStatus.APPROVED).aggregate(
            total=Sum("amount")
        )["total"]
        or ZERO
    )
    return {"buffer": buffer, "drawn": drawn, "remaining": rules.buffer_remaining(buffer, [drawn])}


# --- Version diff (R23) ------------------------------------------------------------------------


@dataclass
class DiffRow:
    label: str
    a: object
    b: object

    @property
    def changed(self) -> bool:
        return self.a != self.b

    @property
    def delta(self):
        if isinstance(self.a, Decimal) and isinstance(self.b, Decimal):
            return self.b - self.a
        return None


def _line_key(line: ExpenseLine) -> tuple:
    return (line.year, line.kind, line.scope, line.region.code if line.region_id else "", line.description)


def version_diff(a: BusinessCaseVersion, b: BusinessCaseVersion) -> dict:
    """R23: what changed between two versions in time, money and scope (both prefetched with lines)."""
    ta, tb = version_totals(a), version_totals(b)
    time = [
        DiffRow(str(BusinessCaseVersion._meta.get_field("start_date").verbose_name), a.start_date, b.start_date),
        DiffRow(str(BusinessCaseVersion._meta.get_field("end_date").verbose_name), a.end_date, b.end_date),
    ]
    from django.utils.translation import gettext as _

    money = [
        DiffRow(_("Samlede udgifter"), ta.expenses, tb.expenses),
        DiffRow(_("Heraf fællesregionalt"), ta.joint, tb.joint),
        DiffRow(_("Heraf regionalt"), ta.regional, tb.regional),
        DiffRow(_("Buffer"), ta.buffer, tb.buffer),
        DiffRow(_("Drift efter projektet"), ta.operating, tb.operating),
    ]
    for year in sorted(set(ta.years) | set(tb.years)):
        money.append(
            DiffRow(
                _("Udgifter %(year)s") % {"year": year},
                ta.by_year.get(year, {}).get("total", ZERO),
                tb.by_year.get(year, {}).get("total", ZERO),
            )
        )
    lines_a = {_line_key(line): line for line in a.lines.all()}
    lines_b = {_line_key(line): line for line in b.lines.all()}
    line_changes = []
    for key in sorted(set(lines_a) | set(lines_b)):
        la, lb = lines_a.get(key), lines_b.get(key)
        amount_a = la.amount if la else None
        amount_b = lb.amount if lb else None
        if amount_a != amount_b:
            line_changes.append({"line": lb or la, "a": amount_a, "b": amount_b})
    return {
        "time": time,
        "money": money,
        "scope": DiffRow(_("Omfang og leverancer"), a.scope, b.scope),
        "lines": line_changes,
    }


# --- Keys and splits (R20) ---------------------------------------------------------------------


def block_grant_keys():
    return BlockGrantKey.objects.select_related("updated_by").order_by("-year")


def split_shares(business_case: BusinessCase, year: int) -> tuple[dict[str, Decimal] | None, str]:
    """R20: the shares that split this case's joint expenses in `year`: its agreed split, else the year's key."""
    split = AgreedSplit.objects.filter(business_case=business_case).first()
    if split is not None:
        return split.shares(), "agreed"
    key = BlockGrantKey.objects.filter(year=year).first()
    return (key.shares(), "key") if key else (None, "missing")


# --- Collection (R21) --------------------------------------------------------------------------


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
    """R21: the year's collection per project and paying region, from the approved versions (≤ 6 queries).

    Collected: the joint expense lines of the year (drift excluded) plus buffer drawings approved for
    that year, split by the project's agreed split or else the year's bloktilskudsnøgle.
    """
    versions = (
        BusinessCaseVersion.objects.filter(status=VersionStatus.APPROVED)
        .select_related(
            "business_case__project__pejlemaerke__leading_region",
            "business_case__project__region",
            "business_case__agreed_split",
        )
        .order_by("business_case_id", "-decided_at", "-number")
    )
    if project is not None:
        versions = versions.filter(business_case__project=project)
    latest: dict[int, BusinessCaseVersion] = {}
    for version in versions:
        latest.setdefault(version.business_case_id, version)
    if not latest:
        return []
    joint = dict(
        ExpenseLine.objects.filter(version__in=[v.pk for v in latest.values()], year=year, scope=Scope.JOINT)
        .exclude(kind=LineKind.OPERATING)
        .values_list("version_id")
        .annotate(total=Sum("amount"))
    )
    drawings = dict(
        ChangeRequest.objects.filter(business_case__in=list(latest), status=RequestStatus.APPROVED, year=year)
        .values_list("business_case_id")
        .annotate(total=Sum("amount"))
    )
    key = BlockGrantKey.objects.filter(year=year).first()
    regions = {r.code: r for r in Region.objects.all()}
    result = []
    for case_id, version in latest.items():
        joint_total = joint.get(version.pk) or ZERO
        drawn = drawings.get(case_id) or ZERO
        total = joint_total + drawn
        if total == 0:
            continue
        case = version.business_case
        split = getattr(case, "agreed_split", None) if _has_split(case) else None
        shares, basis = (split.shares(), "agreed") if split else ((key.shares(), "key") if key else (None, "missing"))
        if shares is None:
            continue
        joint_parts = rules.split_by_key(joint_total, shares)
        drawing_parts = rules.split_by_key(drawn, shares)
        parts = rules.split_by_key(total, shares)
        project_ = case.project
        for code, amount in parts.items():
            result.append(
                Collection(
                    project=project_,
                    pejlemaerke=project_.pejlemaerke,
                    year=year,
                    leading_region=project_.pejlemaerke.leading_region,
                    paying_region=regions[code],
                    basis=basis,
                    share=shares[code],
                    joint_expenses=joint_parts[code],
                    buffer_drawings=drawing_parts[code],
                    amount=amount,
                    due=rules.collection_deadline(year),
                    version=version,
                )
            )
    result.sort(key=lambda c: (c.pejlemaerke.name, c.project.name, c.paying_region.sort_order))
    return result


def _has_split(case: BusinessCase) -> bool:
    try:
        return case.agreed_split is not None
    except AgreedSplit.DoesNotExist:
        return False


def collection_years() -> list[int]:
    years = ExpenseLine.objects.filter(version__status=VersionStatus.APPROVED, scope=Scope.JOINT).values_list(
        "year", flat=True
    )
    return sorted(set(years))


# --- Budget overview (R22) ---------------------------------------------------------------------


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
    """
    today = today or timezone.localdate()
    pejlemaerker = list(
        Pejlemaerke.objects.exclude(state__in=[Lifecycle.CLOSED, Lifecycle.IDEA])
        .prefetch_related("projects")
        .order_by("name")
    )
    versions = (
        BusinessCaseVersion.objects.filter(status=VersionStatus.APPROVED)
        .select_related("business_case__project", "business_case__agreed_split")
        .order_by("business_case_id", "-decided_at", "-number")
    )
    latest: dict[int, BusinessCaseVersion] = {}
    for version in versions:
        latest.setdefault(version.business_case.project_id, version)
    lines = defaultdict(list)
    for line in ExpenseLine.objects.filter(version__in=[v.pk for v in latest.values()], year=year).select_related(
        "region"
    ):
        lines[line.version_id].append(line)
    key = BlockGrantKey.objects.filter(year=year).first()
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
                if line.kind == LineKind.OPERATING:
                    row.operating += line.amount
                elif line.scope == Scope.JOINT:
                    joint += line.amount
                else:
                    row.regional += line.amount
                    row.by_region[line.region.code] += line.amount
            row.joint += joint
            case = version.business_case
            shares = case.agreed_split.shares() if _has_split(case) else (key.shares() if key else None)
            if shares and joint:
                for code, part in rules.split_by_key(joint, shares).items():
                    row.joint_by_region[code] += part
        row.flagged = not (projects and current)
        rows.append(row)
    return rows


def cases_list(**filters):
    """Every business case with its latest approved and draft versions (3 queries)."""
    queryset = BusinessCase.objects.select_related(
        "project__pejlemaerke", "project__region", "project__pejlemaerke__leading_region"
    ).prefetch_related(
        Prefetch(
            "versions",
            queryset=BusinessCaseVersion.objects.filter(
                Q(status=VersionStatus.APPROVED) | Q(status=VersionStatus.DRAFT)
            ).order_by("-number"),
        )
    )
    q = filters.get("q")
    if q:
        queryset = queryset.filter(Q(project__name__icontains=q) | Q(project__pejlemaerke__short_name__icontains=q))
    return queryset


def projects_without_case(user):
    """Projects the user may edit that have no business case yet (for the "opret" shortcut)."""
    from projects.models import Project
    from rsi_portal.permissions import restrict

    queryset = Project.objects.filter(business_case__isnull=True).select_related("pejlemaerke", "region")
    return restrict(queryset, user, "projects.change_project").order_by("pejlemaerke__name", "name")

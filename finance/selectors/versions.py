"""Reads of business-case versions (R16–R18, R23): the version that counts, totals, buffer and diff."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db.models import BooleanField, DecimalField, ExpressionWrapper, F, OuterRef, Prefetch, Q, Subquery, Sum
from django.utils.translation import gettext as _

from .. import hooks, rules
from ..models import BusinessCase, BusinessCaseVersion, ChangeRequest, ExpenseLine
from ..rules import LineKind, RequestStatus, Scope, VersionStatus

ZERO = Decimal("0.00")


# Contracts read by projects' gates (R8, R27).


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


def latest_approved_version(project) -> BusinessCaseVersion | None:
    """R23: the version that counts: the most recently approved."""
    return (
        BusinessCaseVersion.objects.filter(business_case__project=project, status=VersionStatus.APPROVED)
        .order_by("-decided_at", "-number")
        .first()
    )


def approved_versions_by_project(project_ids) -> dict[int, list[BusinessCaseVersion]]:
    """R8/R23/R27: {project id: its approved versions, the most recently approved first} (one query)."""
    by_project: dict[int, list[BusinessCaseVersion]] = defaultdict(list)
    for version in (
        BusinessCaseVersion.objects.filter(
            business_case__project_id__in=list(project_ids), status=VersionStatus.APPROVED
        )
        .annotate(project_id=F("business_case__project_id"))
        .order_by("-decided_at", "-number")
    ):
        by_project[version.project_id].append(version)
    return dict(by_project)


def approved_baselines(project_ids) -> dict[int, tuple[Decimal, date]]:
    """R38: {project id: (approved total with buffer, approved end date)} from each project's most recently
    approved version; projects without one are left out. One query."""
    baselines: dict[int, tuple[Decimal, date]] = {}
    for project_id, total, buffer, end_date in (
        BusinessCaseVersion.objects.filter(business_case__project_id__in=project_ids, status=VersionStatus.APPROVED)
        .order_by("business_case__project_id", "-decided_at", "-number")
        .values_list("business_case__project_id", "expense_total", "buffer", "end_date")
    ):
        baselines.setdefault(project_id, (total + (buffer or ZERO), end_date))
    return baselines


def baseline_sources() -> list:
    """R38: the querysets whose rows decide approved_baseline_annotations(), for a read's fingerprint."""
    return [BusinessCase.objects.all(), BusinessCaseVersion.objects.all()]


def approved_baseline_annotations(project_field: str = "project_id") -> dict:
    """R38: annotations giving each row its project's approved baseline (`baseline_cost`: total with buffer,
    `baseline_end`: end date) from the most recently approved version, as subqueries: no extra query."""
    latest = BusinessCaseVersion.objects.filter(
        business_case__project_id=OuterRef(project_field), status=VersionStatus.APPROVED
    ).order_by("-decided_at", "-number")
    total = ExpressionWrapper(
        F("expense_total") + F("buffer"), output_field=DecimalField(max_digits=14, decimal_places=2)
    )
    return {
        "baseline_cost": Subquery(latest.annotate(baseline=total).values("baseline")[:1]),
        "baseline_end": Subquery(latest.values("end_date")[:1]),
    }


def counts() -> Q:
    """R23: the versions that count for the collection (R21) and the budget overview (R22): approved by the
    steering group and, when above the joint frame, by the body their matter went to (IT5 or RSI DK)."""
    return Q(status=VersionStatus.APPROVED) & (
        Q(frame_matter__isnull=True) | Q(frame_matter__in=hooks.call(hooks.approved_matters))
    )


def with_counts(versions):
    """Versions annotated with `counts` (see counts())."""
    return versions.annotate(counts=ExpressionWrapper(counts(), output_field=BooleanField()))


def latest_counting_by_case(versions) -> dict[int, BusinessCaseVersion]:
    """R23: {business case id: the version that counts}: of those that count, the newest decision."""
    latest: dict[int, BusinessCaseVersion] = {}
    for version in versions.filter(counts()).order_by("business_case_id", "-decided_at", "-number"):
        latest.setdefault(version.business_case_id, version)
    return latest


def counting_version(case: BusinessCase) -> BusinessCaseVersion | None:
    """R23: the version that counts, from the case's prefetched versions (with_counts; no query)."""
    counting = [v for v in case.versions.all() if v.counts]
    return max(counting, key=lambda v: (v.decided_at, v.number)) if counting else None


def joint_by_year(version: BusinessCaseVersion) -> dict[int, Decimal]:
    """R23: a version's joint project expenses per budget year (drift excluded)."""
    rows = (
        version.lines.project_expenses()
        .filter(scope=Scope.JOINT)
        .order_by()
        .values_list("year")
        .annotate(total=Sum("amount"))
    )
    return {year: rules.to_oere(total) for year, total in rows}  # to the øre: SQLite sums decimals as floats


def joint_economy(version: BusinessCaseVersion) -> Decimal:
    """R23: the version's joint economy (joint project expenses plus buffer)."""
    return rules.joint_economy(joint_expenses=sum(joint_by_year(version).values(), ZERO), buffer=version.buffer)


def frame_version(case: BusinessCase, *, before: BusinessCaseVersion) -> BusinessCaseVersion | None:
    """R23: the version whose joint economy is the frame: the newest one (other than `before`) that IT5 or
    RSI DK approved through its matter; None before the first financing."""
    return (
        case.versions.filter(frame_matter__in=hooks.call(hooks.approved_matters))
        .exclude(pk=before.pk)
        .order_by("-number")
        .first()
    )


@dataclass(frozen=True)
class FrameState:
    """R23: where a version above its frame stands with the body its matter went to."""

    matter: object
    settled: bool | None  # True approved, False rejected, None waiting

    @property
    def body(self) -> str:
        return self.matter.get_route_body_display()

    @property
    def label(self) -> str:
        return {True: "✓", False: _("afvist"), None: _("afventer")}[self.settled]


def frame_state(version: BusinessCaseVersion) -> FrameState | None:
    """R23: the state of the version's frame matter (select_related("frame_matter") avoids a query)."""
    if version.frame_matter_id is None:
        return None
    return FrameState(version.frame_matter, hooks.call(hooks.matter_settled, version.frame_matter))


def draft_version(case: BusinessCase) -> BusinessCaseVersion | None:
    """The case's open draft, from its prefetched versions (no query)."""
    return next((v for v in case.versions.all() if v.status == VersionStatus.DRAFT), None)


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
            "frame_matter",
        )
        .prefetch_related(Prefetch("lines", queryset=ExpenseLine.objects.select_related("region")))
        .get(pk=pk)
    )


def other_versions(version: BusinessCaseVersion):
    """The case's other versions, newest first (for the link to the diff)."""
    return (
        BusinessCaseVersion.objects.filter(business_case_id=version.business_case_id)
        .exclude(pk=version.pk)
        .order_by("-number")
    )


def case_for_project(project) -> BusinessCase | None:
    """The business case with versions (newest first) and change requests (3 queries)."""
    return (
        BusinessCase.objects.select_related("project__pejlemaerke", "project__region")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=with_counts(
                    BusinessCaseVersion.objects.select_related("created_by", "decided_by", "frame_matter")
                ).order_by("-number"),
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
        if not rules.counts_towards_total(line.kind):
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


def staff_variances(lines) -> list[tuple[ExpenseLine, rules.StaffVariance]]:
    """R19: each staff line with recorded actual use, next to its variance."""
    return [
        (line, rules.staff_variance(budget_hours=line.budget_hours, actual_hours=line.actual_hours))
        for line in lines
        if line.kind == LineKind.STAFF and line.actual_hours is not None
    ]


def buffer_drawn(business_case: BusinessCase) -> Decimal:
    """R18: what approved change requests have drawn on the case's buffer."""
    drawn = ChangeRequest.objects.filter(business_case=business_case, status=RequestStatus.APPROVED).aggregate(
        total=Sum("amount")
    )["total"]
    return drawn or ZERO


def buffer_status(business_case: BusinessCase) -> dict:
    """R18: the buffer of the counting version, what approved change requests drew and what is left."""
    version = latest_approved_version(business_case.project)
    buffer = version.buffer if version else ZERO
    drawn = buffer_drawn(business_case)
    return {"buffer": buffer, "drawn": drawn, "remaining": rules.buffer_remaining(buffer, [drawn])}


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

"""What awaits a steering group's decision: draft business-case versions and submitted change requests
(R18, R23), each version with what changed since the version before it."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q

from ..models import BusinessCase, BusinessCaseVersion, ChangeRequest, ExpenseLine
from ..rules import RequestStatus, VersionStatus
from .versions import version_diff, version_totals, with_counts


@dataclass
class PendingVersion:
    """A draft version with its total and its changed rows against the version before it (None for the first)."""

    version: BusinessCaseVersion
    previous: BusinessCaseVersion | None
    total: Decimal
    previous_total: Decimal | None
    changed: list = field(default_factory=list)  # DiffRow of time and money that changed
    lines: list = field(default_factory=list)  # {"line", "a", "b"} of the expense lines that changed
    scope_changed: bool = False

    @property
    def delta(self) -> Decimal | None:
        return None if self.previous_total is None else self.total - self.previous_total


@dataclass
class PendingCase:
    project: object
    case: BusinessCase
    versions: list[PendingVersion]
    requests: list[ChangeRequest]


def _pending_version(draft: BusinessCaseVersion, earlier: list[BusinessCaseVersion]) -> PendingVersion:
    previous = next((v for v in earlier if v.number < draft.number and v.status != VersionStatus.REJECTED), None)
    total = version_totals(draft).with_buffer
    if previous is None:
        return PendingVersion(version=draft, previous=None, total=total, previous_total=None)
    diff = version_diff(previous, draft)
    return PendingVersion(
        version=draft,
        previous=previous,
        total=total,
        previous_total=version_totals(previous).with_buffer,
        changed=[row for row in diff["time"] + diff["money"] if row.changed],
        lines=diff["lines"],
        scope_changed=diff["scope"].changed,
    )


def pending_decisions(*, steering_group_ids=None) -> list[PendingCase]:
    """R18/R23: the business cases (of the pejlemærker these steering groups steer, or all) with a draft version
    or a submitted change request, newest versions first, each draft diffed against the version before it.
    Four queries."""
    cases = BusinessCase.objects.filter(
        Q(versions__status=VersionStatus.DRAFT) | Q(change_requests__status=RequestStatus.SUBMITTED)
    )
    if steering_group_ids is not None:
        cases = cases.filter(project__pejlemaerke__steering_group__in=list(steering_group_ids))
    cases = (
        cases.distinct()
        .select_related("project__pejlemaerke", "project__region")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=with_counts(BusinessCaseVersion.objects.all())
                .order_by("-number")
                .prefetch_related(Prefetch("lines", queryset=ExpenseLine.objects.select_related("region"))),
            ),
            Prefetch(
                "change_requests",
                queryset=ChangeRequest.objects.filter(status=RequestStatus.SUBMITTED).select_related("filed_by"),
                to_attr="submitted_requests",
            ),
        )
        .order_by("project__pejlemaerke__name", "project__name")
    )
    pending = []
    for case in cases:
        versions = list(case.versions.all())
        drafts = [_pending_version(v, versions) for v in versions if v.status == VersionStatus.DRAFT]
        if drafts or case.submitted_requests:
            pending.append(PendingCase(case.project, case, drafts, case.submitted_requests))
    return pending

"""R23: versions; a new version starts as a copy; only approved versions count; the diff. And the contracts."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from finance import selectors, services
from finance.models import BusinessCaseVersion

from .factories import BusinessCaseVersionFactory, ExpenseLineFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def chair():
    return UserFactory()


def _draft(joint=D("1000000.00"), buffer=D("0.00")):
    """A draft with one joint line of `joint` kr. and the given buffer, built with factories."""
    version = ExpenseLineFactory(amount=joint).version
    if buffer:
        version = services.version_update(
            actor=version.created_by,
            version=version,
            start_date=version.start_date,
            end_date=version.end_date,
            scope=version.scope,
            buffer=buffer,
        )
    version.refresh_from_db()
    return version


def _project(version):
    return version.business_case.project


def test_r23_only_approved_versions_count(chair):
    version = _draft(D("2000000.00"))
    project = _project(version)
    assert selectors.project_budget_total(project) is None
    assert not selectors.approved_business_case_since(project, None)
    services.version_approve(actor=chair, version=version)
    assert selectors.project_budget_total(project) == D("2000000.00")
    assert selectors.approved_business_case_since(project, None)


def test_r23_approved_since_is_strictly_after(chair):
    version = services.version_approve(actor=chair, version=_draft())
    project = _project(version)
    assert selectors.approved_business_case_since(project, version.decided_at - timedelta(seconds=1))
    assert not selectors.approved_business_case_since(project, version.decided_at)


def test_r23_new_version_is_a_copy_and_the_draft_does_not_count(chair):
    v1 = services.version_approve(actor=chair, version=_draft(buffer=D("50000")))
    leader = v1.created_by
    v2 = services.version_new(actor=leader, business_case=v1.business_case, change_reason="Forsinket udbud")
    assert v2.number == 2 and v2.based_on == v1 and v2.status == "draft"
    assert v2.buffer == v1.buffer and v2.scope == v1.scope
    assert [(li.description, li.amount) for li in v2.lines.all()] == [
        (li.description, li.amount) for li in v1.lines.all()
    ]
    services.line_add(
        actor=leader,
        version=v2,
        kind="external",
        scope="joint",
        year=2028,
        description="Jurist",
        hours=D("200"),
        hourly_rate=D("1200"),
    )
    v2.refresh_from_db()
    assert v2.expense_total == D("1240000.00")
    assert selectors.project_budget_total(_project(v1)) == D("1000000.00")  # the draft does not count
    v1.refresh_from_db()
    assert v1.lines.count() == 1  # the approved version is untouched


def test_r23_approved_version_cannot_be_edited(chair):
    v1 = services.version_approve(actor=chair, version=_draft())
    with pytest.raises(ValidationError):
        services.line_add(
            actor=v1.created_by,
            version=v1,
            kind="other",
            scope="joint",
            year=2027,
            description="Snyd",
            amount=D("1"),
        )


def test_r23_only_one_draft_at_a_time():
    v1 = _draft()
    with pytest.raises(ValidationError):
        services.version_new(actor=v1.created_by, business_case=v1.business_case, change_reason="x")


def test_r23_diff_shows_time_money_and_scope(chair):
    v1 = services.version_approve(actor=chair, version=_draft())
    leader = v1.created_by
    v2 = services.version_new(actor=leader, business_case=v1.business_case, change_reason="Udvidet omfang")
    services.version_update(
        actor=leader,
        version=v2,
        start_date=v2.start_date,
        end_date=v2.end_date + timedelta(days=90),
        scope="Også integration til CPR.",
        buffer=D("0"),
    )
    services.line_add(
        actor=leader, version=v2, kind="staff", scope="joint", year=2028, description="Projektleder", aarsvaerk=D("1")
    )
    diff = selectors.version_diff(selectors.version_with_lines(v1.pk), selectors.version_with_lines(v2.pk))
    end = [row for row in diff["time"] if row.changed]
    assert len(end) == 1 and end[0].b == date(2028, 12, 31) + timedelta(days=90)
    total = diff["money"][0]
    assert (total.a, total.b, total.delta) == (D("1000000.00"), D("1675000.00"), D("675000.00"))
    assert diff["scope"].changed
    assert [(c["a"], c["b"]) for c in diff["lines"]] == [(None, D("675000.00"))]


def test_r23_rejected_version_never_counts(chair):
    version = _draft()
    with pytest.raises(ValidationError):
        services.version_reject(actor=chair, version=version, note="")
    services.version_reject(actor=chair, version=version, note="Mangler gevinster")
    assert selectors.project_budget_total(_project(version)) is None
    assert BusinessCaseVersion.objects.get(pk=version.pk).decided_at <= timezone.now()


def test_r23_a_version_without_lines_cannot_be_approved(chair):
    version = BusinessCaseVersionFactory()
    with pytest.raises(ValidationError) as error:
        services.version_approve(actor=chair, version=version)
    assert "uden udgiftslinjer" in " ".join(error.value.messages)
    assert BusinessCaseVersion.objects.get(pk=version.pk).status == "draft"

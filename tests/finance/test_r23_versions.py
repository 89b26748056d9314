"""R23: versions; a new version starts as a copy; only approved versions count; the diff. And the contracts."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from finance import selectors, services
from finance.models import BusinessCaseVersion

from .conftest import make_case


def test_r23_only_approved_versions_count(fresh_luna, people):
    version = make_case(fresh_luna, people["projektleder"], joint=D("2000000.00"))
    assert selectors.project_budget_total(fresh_luna) is None
    assert not selectors.approved_business_case_since(fresh_luna, None)
    services.version_approve(actor=people["formand"], version=version)
    assert selectors.project_budget_total(fresh_luna) == D("2000000.00")
    assert selectors.approved_business_case_since(fresh_luna, None)


def test_r23_approved_since_is_strictly_after(fresh_luna, people):
    version = services.version_approve(actor=people["formand"], version=make_case(fresh_luna, people["projektleder"]))
    assert selectors.approved_business_case_since(fresh_luna, version.decided_at - timedelta(seconds=1))
    assert not selectors.approved_business_case_since(fresh_luna, version.decided_at)


def test_r23_new_version_is_a_copy_and_the_draft_does_not_count(fresh_luna, people):
    leader = people["projektleder"]
    v1 = services.version_approve(actor=people["formand"], version=make_case(fresh_luna, leader, buffer=D("50000")))
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
    assert selectors.project_budget_total(fresh_luna) == D("1000000.00")  # the draft does not count
    v1.refresh_from_db()
    assert v1.lines.count() == 1  # the approved version is untouched


def test_r23_approved_version_cannot_be_edited(fresh_luna, people):
    v1 = services.version_approve(actor=people["formand"], version=make_case(fresh_luna, people["projektleder"]))
    with pytest.raises(ValidationError):
        services.line_add(
            actor=people["projektleder"],
            version=v1,
            kind="other",
            scope="joint",
            year=2027,
            description="Snyd",
            amount=D("1"),
        )


def test_r23_only_one_draft_at_a_time(fresh_luna, people):
    v1 = make_case(fresh_luna, people["projektleder"])
    with pytest.raises(ValidationError):
        services.version_new(actor=people["projektleder"], business_case=v1.business_case, change_reason="x")


def test_r23_diff_shows_time_money_and_scope(fresh_luna, people):
    leader = people["projektleder"]
    v1 = services.version_approve(actor=people["formand"], version=make_case(fresh_luna, leader))
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


def test_r23_rejected_version_never_counts(fresh_luna, people):
    version = make_case(fresh_luna, people["projektleder"])
    with pytest.raises(ValidationError):
        services.version_reject(actor=people["formand"], version=version, note="")
    services.version_reject(actor=people["formand"], version=version, note="Mangler gevinster")
    assert selectors.project_budget_total(fresh_luna) is None
    assert BusinessCaseVersion.objects.get(pk=version.pk).decided_at <= timezone.now()

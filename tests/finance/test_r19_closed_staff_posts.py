"""R19: actual staff use is shown next to the budget and never turned into a claim."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from finance import selectors, services
from finance.rules import staff_variance

from .conftest import make_case


def test_r19_variance_is_shown_and_the_claim_is_always_zero():
    under = staff_variance(budget_hours=D("1350"), actual_hours=D("1300"))
    assert (under.difference_hours, under.difference_kroner, under.label, under.claim) == (
        D("-50"),
        D("-25000.00"),
        "Underforbrug",
        D("0.00"),
    )
    over = staff_variance(budget_hours=D("1350"), actual_hours=D("1351"))
    assert (over.difference_kroner, over.label, over.claim) == (D("500.00"), "Overforbrug", D("0.00"))
    assert staff_variance(budget_hours=D("1350"), actual_hours=D("1350")).label == "Som budgetteret"


def test_r19_recording_actuals_changes_neither_budget_nor_collection(fresh_luna, people):
    leader = people["projektleder"]
    version = make_case(fresh_luna, leader)
    line = services.line_add(
        actor=leader,
        version=version,
        kind="staff",
        scope="joint",
        year=2027,
        description="Projektleder",
        aarsvaerk=D("1"),
    )
    services.version_approve(actor=people["formand"], version=version)
    before = [(c.paying_region.code, c.amount) for c in selectors.collections_for_year(2027, project=fresh_luna)]
    services.staff_actual_record(actor=leader, line=line, actual_hours=D("1700"))
    version.refresh_from_db()
    line.refresh_from_db()
    assert line.actual_hours == D("1700.00") and line.amount == D("675000.00")
    assert version.expense_total == D("1675000.00")
    after = [(c.paying_region.code, c.amount) for c in selectors.collections_for_year(2027, project=fresh_luna)]
    assert after == before


def test_r19_actuals_only_on_staff_lines_and_only_by_the_leader(fresh_luna, people):
    leader = people["projektleder"]
    version = make_case(fresh_luna, leader)
    other = version.lines.get()
    with pytest.raises(ValidationError):
        services.staff_actual_record(actor=leader, line=other, actual_hours=D("10"))


def test_r19_version_page_shows_under_use_and_no_claim(fresh_luna, people, client, login):
    leader = people["projektleder"]
    version = make_case(fresh_luna, leader)
    line = services.line_add(
        actor=leader, version=version, kind="staff", scope="joint", year=2027, description="Arkitekt", hours=D("1350")
    )
    services.version_approve(actor=people["formand"], version=version)
    login("projektleder")
    response = client.post(reverse("finance:staff_actual", args=[line.pk]), {"actual_hours": "1000"})
    assert response.status_code == 302
    html = client.get(reverse("finance:version_detail", args=[version.pk])).content.decode()
    assert "Underforbrug" in html and "-175.000,00" in html and "ingen efterregulering" in html

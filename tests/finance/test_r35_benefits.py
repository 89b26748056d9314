"""R35: benefit lines, the economic picture per version and per region, and the negative case's justification."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from finance import rules, services
from finance.models import BenefitJustification, BenefitLine, BlockGrantKey
from finance.selectors.benefits import benefit_diff, version_economy
from finance.services import benefits as benefit_services
from portfolio.audit import AuditEntry
from portfolio.models import Region

from .conftest import make_case

pytestmark = pytest.mark.django_db


def _benefit(version, actor, **overrides):
    data = {
        "description": "Sparet licens",
        "kind": "economic",
        "region": None,
        "baseline": D("0"),
        "target": D("600000"),
        "unit": "kr.",
        "start_year": 2028,
        "profile": [D("100"), D("100")],
        "owner_region": Region.objects.get(code="RM"),
    }
    data.update(overrides)
    return benefit_services.benefit_add(actor=actor, version=version, **data)


# Pure rules


def _rows(costs, benefits):
    return rules.yearly_net({y: D(v) for y, v in costs.items()}, {y: D(v) for y, v in benefits.items()})


def test_r35_yearly_net_and_cumulative_fill_every_year():
    rows = _rows({2027: "1000"}, {2029: "400"})
    assert [(r.year, r.costs, r.benefits, r.net, r.cumulative) for r in rows] == [
        (2027, D("1000.00"), D("0.00"), D("-1000.00"), D("-1000.00")),
        (2028, D("0.00"), D("0.00"), D("0.00"), D("-1000.00")),
        (2029, D("0.00"), D("400.00"), D("400.00"), D("-600.00")),
    ]


def test_r35_break_even_at_the_boundary_counts_exactly_zero():
    exactly = _rows({2027: "1000"}, {2028: "500", 2029: "500"})
    assert exactly[-1].cumulative == 0
    assert rules.break_even_year(exactly) == 2029
    one_oere_short = _rows({2027: "1000"}, {2028: "500", 2029: "499.99"})
    assert rules.break_even_year(one_oere_short) is None
    # Break-even is the year from which the cumulative net stays at or above zero.
    dips_again = _rows({2027: "100", 2029: "300"}, {2027: "100", 2028: "50", 2030: "400"})
    assert [r.cumulative for r in dips_again] == [D("0.00"), D("50.00"), D("-250.00"), D("150.00")]
    assert rules.break_even_year(dips_again) == 2030
    assert rules.break_even_year([]) is None


def test_r35_npv_against_a_hand_computed_example():
    # -1,000,000 in year 0, +600,000 in years 1 and 2, at 3.5 % real:
    # -1,000,000 + 600,000/1.035 + 600,000/1.035² = -1,000,000 + 579,710.1449 + 560,106.4202 = 139,816.57
    rows = _rows({2027: "1000000"}, {2028: "600000", 2029: "600000"})
    assert rules.net_present_value(rows, D("3.5")) == D("139816.57")
    # At 0 % the NPV is the plain sum; a higher rate gives a lower value.
    assert rules.net_present_value(rows, D("0")) == D("200000.00")
    assert rules.net_present_value(rows, D("10")) == D("41322.31")
    assert not rules.case_is_negative(D("0.00")) and rules.case_is_negative(D("-0.01"))


def test_r35_benefit_profile_and_capacity_through_r14():
    by_year = rules.benefit_by_year(baseline=D("100"), target=D("300"), start_year=2028, profile=["50", "100"])
    assert by_year == {2028: D("100.00"), 2029: D("200.00")}
    assert rules.capacity_kroner(D("1"), "årsværk") == rules.staff_cost(aarsvaerk=D("1")) == D("675000.00")
    assert rules.capacity_kroner(D("1350"), "timer") == D("675000.00")
    assert rules.benefit_unit_ok("economic", "kr.") and not rules.benefit_unit_ok("economic", "timer")
    assert rules.benefit_unit_ok("capacity", "Årsværk") and not rules.benefit_unit_ok("capacity", "stk")
    assert rules.benefit_unit_ok("quality", "%") and not rules.benefit_unit_ok("quality", " ")


# Services, selectors and the approval gate


def test_r35_positive_case_is_approved_without_justification(fresh_luna, people):
    version = make_case(fresh_luna, people["projektleder"], joint=D("1000000.00"))
    _benefit(version, people["projektleder"])
    economy = version_economy(version)
    assert economy["picture"].npv == D("139816.57")
    assert economy["picture"].break_even == 2029
    assert not economy["needs_justification"]
    approved = services.version_approve(actor=people["formand"], version=version)
    assert approved.status == "approved"


def test_r35_negative_case_needs_justification_before_approval(fresh_luna, people):
    leader = people["projektleder"]
    version = make_case(fresh_luna, leader, joint=D("1000000.00"))
    _benefit(version, leader, target=D("100000"))
    _benefit(version, leader, description="Færre genindlæggelser", kind="patient", unit="antal", target=D("40"))
    economy = version_economy(version)
    assert economy["picture"].negative and economy["needs_justification"]
    with pytest.raises(ValidationError, match="økonomisk negativ"):
        services.version_approve(actor=people["formand"], version=version)
    version.refresh_from_db()
    assert version.status == "draft"
    with pytest.raises(ValidationError):
        benefit_services.justification_set(actor=leader, version=version, text="For kort")
    benefit_services.justification_set(
        actor=leader, version=version, text="Patienterne undgår genindlæggelser; kvaliteten stiger markant."
    )
    approved = services.version_approve(actor=people["formand"], version=version)
    assert approved.status == "approved"
    assert AuditEntry.objects.filter(action="benefit.justification_set").exists()


def test_r35_only_the_project_leader_adds_benefits(fresh_luna, people):
    version = make_case(fresh_luna, people["projektleder"])
    from django.core.exceptions import PermissionDenied  # noqa: PLC0415 - only this test needs it

    with pytest.raises(PermissionDenied):
        _benefit(version, people["kontakt"])


def test_r35_units_and_one_owner_are_checked_in_the_service(fresh_luna, people):
    leader = people["projektleder"]
    version = make_case(fresh_luna, leader)
    with pytest.raises(ValidationError) as error:
        _benefit(version, leader, kind="capacity", unit="stk")
    assert "timer eller årsværk" in str(error.value)
    with pytest.raises(ValidationError):
        _benefit(version, leader, owner_user=leader)  # both a person and a region
    with pytest.raises(ValidationError):
        _benefit(version, leader, profile=[D("120")])
    assert not BenefitLine.objects.filter(version=version).exists()


def test_r35_per_region_pictures_split_joint_by_the_key(fresh_luna, people):
    leader = people["projektleder"]
    BlockGrantKey.objects.filter(year__in=[2027, 2028, 2029]).delete()
    shares = {"share_rh": D("20"), "share_rsj": D("20"), "share_rsd": D("20"), "share_rm": D("20"), "share_rn": D("20")}
    for year in (2027, 2028, 2029):
        BlockGrantKey.objects.create(year=year, updated_by=leader, **shares)
    version = make_case(fresh_luna, leader, joint=D("1000000.00"), regional=D("50000.00"))  # regional: RN
    _benefit(version, leader, target=D("500000"), profile=[D("100")])  # joint, 2028
    _benefit(version, leader, description="RN's egen gevinst", region=Region.objects.get(code="RN"), target=D("80000"))
    economy = version_economy(version)
    by_code = {p.region.code: p for p in economy["regions"]}
    assert list(by_code) == ["RH", "RSJ", "RSD", "RM", "RN"]
    rh, rn = by_code["RH"], by_code["RN"]
    assert [(r.year, r.costs, r.benefits) for r in rh.rows] == [
        (2027, D("200000.00"), D("0.00")),
        (2028, D("0.00"), D("100000.00")),
    ]
    assert [(r.year, r.costs, r.benefits) for r in rn.rows] == [
        (2027, D("250000.00"), D("0.00")),
        (2028, D("0.00"), D("180000.00")),
        (2029, D("0.00"), D("80000.00")),
    ]
    # The regions' pictures add up to the whole one, year by year.
    whole = {r.year: (r.costs, r.benefits) for r in economy["picture"].rows}
    for row in economy["picture"].rows:
        parts = [next((x for x in p.rows if x.year == row.year), None) for p in economy["regions"]]
        assert sum((x.costs for x in parts if x), D("0")) == whole[row.year][0]
        assert sum((x.benefits for x in parts if x), D("0")) == whole[row.year][1]
    assert rh.npv == rules.net_present_value(rh.rows, D("3.5"))


def test_r35_benefits_are_copied_to_a_new_version_and_diffed(fresh_luna, people):
    leader = people["projektleder"]
    first = make_case(fresh_luna, leader)
    _benefit(first, leader)
    services.version_approve(actor=people["formand"], version=first)
    second = services.version_new(actor=leader, business_case=first.business_case, change_reason="Ny gevinst")
    copied = BenefitLine.objects.get(version=second)
    assert (copied.description, copied.target, copied.profile) == ("Sparet licens", D("600000.00"), ["100.00"] * 2)
    assert not BenefitJustification.objects.filter(version=second).exists()
    benefit_services.benefit_delete(actor=leader, benefit=copied)
    _benefit(second, leader, target=D("700000"))
    diff = benefit_diff(first, second)
    assert len(diff) == 1 and "600000.00" in diff[0]["a"] and "700000.00" in diff[0]["b"]
    with pytest.raises(ValidationError):
        _benefit(first, leader)  # an approved version is frozen


# Pages


def test_r35_version_page_shows_picture_rate_and_chart(client, login, fresh_luna, people):
    version = make_case(fresh_luna, people["projektleder"])
    _benefit(version, people["projektleder"])
    login("formand")
    response = client.get(reverse("finance:version_detail", args=[version.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "3,5 %" in body and "<svg" in body and "Nutidsværdi" in body and "139.816,57" in body
    pdf = client.get(reverse("finance:version_economy_pdf", args=[version.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    from rsi_portal.pdf import pdf_text  # noqa: PLC0415 - pypdf only for this assertion

    text = pdf_text(pdf.content)
    assert "139.816,57" in text and "3,5 %" in text


def test_r35_bad_input_keeps_what_was_typed(client, login, fresh_luna, people):
    version = make_case(fresh_luna, people["projektleder"])
    login("projektleder")
    url = reverse("finance:benefit_add", args=[version.pk])
    response = client.post(
        url,
        {
            "description": "Frigjort tid på afdelingen",
            "kind": "capacity",
            "baseline": "0",
            "target": "abc",
            "unit": "stk",
            "start_year": "2028",
            "profile": "50; x",
            "owner_region": Region.objects.get(code="RH").pk,
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Frigjort tid på afdelingen" in body and "50; x" in body
    assert "Indtast et tal" in body or "tal" in body
    assert "timer eller årsværk" in body
    assert not BenefitLine.objects.filter(version=version).exists()
    login("kontakt")
    assert client.get(url).status_code == 403


def test_r35_negative_case_shown_on_the_approval_page(client, login, fresh_luna, people):
    version = make_case(fresh_luna, people["projektleder"])
    _benefit(version, people["projektleder"], kind="quality", unit="%", target=D("30"))
    login("formand")
    response = client.post(reverse("finance:version_decide", args=[version.pk]), {"decision": "approve"})
    assert response.status_code == 400
    assert "økonomisk negativ" in response.content.decode()
    version.refresh_from_db()
    assert version.status == "draft"


def test_r35_discount_rate_is_a_setting(settings, fresh_luna, people):
    settings.RSI = {**settings.RSI, "BENEFIT_DISCOUNT_RATE": D("0")}
    version = make_case(fresh_luna, people["projektleder"])
    _benefit(version, people["projektleder"])
    assert version_economy(version)["picture"].npv == D("200000.00")

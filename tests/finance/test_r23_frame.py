"""R23 frame with R24 routing: a version within the joint economy last approved by IT5 or RSI DK is the steering
group's to approve alone; a version above it opens a routed matter on the increase, and it counts for the
collection (R21) and the budget overview (R22) only once that body has approved the matter."""

import re
from decimal import Decimal as D

import pytest
from django.urls import reverse

from finance import selectors, services
from finance.models import BusinessCaseVersion
from governance.models import Matter
from portfolio.rules import REGION_CODES
from projects.models import Project

from .factories import BlockGrantKeyFactory, ExpenseLineFactory, UserFactory, body_decides, region

pytestmark = pytest.mark.django_db

YEAR = 2027


@pytest.fixture
def chair():
    for code in REGION_CODES:
        region(code)
    BlockGrantKeyFactory(year=YEAR)
    return UserFactory()


def _first(chair, joint=D("10000000.00")):
    """A case whose first version (one joint line) the steering group and then RSI DK have approved."""
    version = ExpenseLineFactory(amount=joint, year=YEAR).version
    version = services.version_approve(actor=chair, version=version)
    body_decides(version)
    return version


def _next(chair, previous, *, add=D("0"), buffer=None):
    """A new version with `add` kr. more on a new joint line (and optionally another buffer), approved by the chair."""
    version = services.version_new(actor=chair, business_case=previous.business_case, change_reason="Ændret økonomi")
    if add:
        services.line_add(
            actor=chair, version=version, kind="other", scope="joint", year=YEAR, description="Ekstra", amount=add
        )
    if buffer is not None:
        version.refresh_from_db()
        services.version_update(
            actor=chair,
            version=version,
            start_date=version.start_date,
            end_date=version.end_date,
            scope=version.scope,
            buffer=buffer,
        )
    return services.version_approve(actor=chair, version=version)


def _collected(version) -> D:
    return sum((c.amount for c in selectors.collections_for_year(YEAR, project=version.business_case.project)), D(0))


def _matters(version):
    return list(Matter.objects.filter(project=version.business_case.project).order_by("pk"))


def test_r23_first_financing_goes_to_rsi_dk_and_counts_only_after_its_decision(chair):
    version = ExpenseLineFactory(amount=D("400000.00"), year=YEAR).version
    version = services.version_approve(actor=chair, version=version)
    assert version.status == "approved"  # the steering group's approval
    (matter,) = _matters(version)
    assert (matter.kind, matter.route_body, matter.amount) == ("financing", "RSI_DK", D("400000.00"))
    assert "altid finansieringen" in matter.route_reason
    assert _collected(version) == 0
    body_decides(version)
    assert _collected(version) == D("400000.00")


@pytest.mark.parametrize(
    ("increase", "body"),
    [(D("1000000.00"), "IT5"), (D("1000000.01"), "RSI_DK"), (D("5000000.00"), "RSI_DK")],
)
def test_r23_a_rise_above_the_frame_is_routed_on_the_increase(chair, increase, body):
    v1 = _first(chair)
    v2 = _next(chair, v1, add=increase)
    matter = _matters(v2)[-1]
    assert (matter.kind, matter.route_body, matter.amount) == ("economy", body, increase)
    assert BusinessCaseVersion.objects.get(pk=v2.pk).frame_matter == matter
    assert _collected(v2) == D("10000000.00")  # still the first version's figures
    body_decides(v2)
    assert _collected(v2) == D("10000000.00") + increase


def test_r23_within_the_frame_the_steering_group_approves_alone(chair):
    v1 = _first(chair)
    v2 = services.version_new(actor=chair, business_case=v1.business_case, change_reason="Flyttet indkøb")
    services.line_add(
        actor=chair, version=v2, kind="other", scope="joint", year=YEAR + 1, description="Flyttet", amount=D("1")
    )
    services.line_delete(actor=chair, line=v2.lines.filter(year=YEAR).first())
    services.line_add(
        actor=chair, version=v2, kind="other", scope="joint", year=YEAR, description="Rest", amount=D("9999999")
    )
    v2 = services.version_approve(actor=chair, version=v2)
    assert len(_matters(v2)) == 1 and v2.frame_matter is None  # only the first financing was routed
    assert _collected(v2) == D("9999999.00")  # the new version counts at once


def test_r23_the_frame_is_the_last_body_approved_economy_not_a_lower_version_since(chair):
    v1 = _first(chair)
    v2 = services.version_new(actor=chair, business_case=v1.business_case, change_reason="Billigere")
    line = v2.lines.get()
    services.line_delete(actor=chair, line=line)
    services.line_add(
        actor=chair, version=v2, kind="other", scope="joint", year=YEAR, description="Billigere", amount=D("8000000")
    )
    v2 = services.version_approve(actor=chair, version=v2)
    v3 = _next(chair, v2, add=D("1500000.00"))  # 9.5 mio. kr.: still within the 10 mio. kr. RSI DK approved
    assert v3.frame_matter is None and len(_matters(v3)) == 1
    assert _collected(v3) == D("9500000.00")


def test_r23_the_buffer_is_part_of_the_joint_economy(chair):
    v1 = _first(chair)
    v2 = _next(chair, v1, buffer=D("200000.00"))
    matter = _matters(v2)[-1]
    assert (matter.route_body, matter.amount) == ("IT5", D("200000.00"))


def test_r23_a_rise_the_body_rejects_never_counts(chair):
    v1 = _first(chair)
    v2 = _next(chair, v1, add=D("5000000.00"))
    body_decides(v2, outcome="rejected")
    assert _collected(v2) == D("10000000.00")
    case = selectors.case_for_project(v2.business_case.project)
    assert selectors.counting_version(case).pk == v1.pk


def test_r23_chair_alone_cannot_raise_next_years_collection(demo, people):
    """The probe: the chair approves a draft that adds a 5 mio. kr. joint line; the collection must not move."""
    luna = Project.objects.get(pejlemaerke__short_name="LUNA")
    draft = BusinessCaseVersion.objects.get(business_case__project=luna, status="draft")
    before = _collected(draft)
    assert before > 0
    services.line_add(
        actor=people["projektleder"],
        version=draft,
        kind="other",
        scope="joint",
        year=YEAR,
        description="Ny fællesregional komponent",
        amount=D("5000000"),
    )
    services.version_approve(actor=people["formand"], version=draft)
    assert _collected(draft) == before
    matter = Matter.objects.get(pk=BusinessCaseVersion.objects.get(pk=draft.pk).frame_matter_id)
    assert matter.route_body == "RSI_DK" and matter.amount > D("5000000")
    assert "over 1.000.000 kr." in matter.route_reason


def test_r23_case_and_version_pages_show_where_the_version_stands(demo, people, client, login):
    luna = Project.objects.get(pejlemaerke__short_name="LUNA")
    draft = BusinessCaseVersion.objects.get(business_case__project=luna, status="draft")
    services.version_approve(actor=people["formand"], version=draft)
    matter = Matter.objects.get(pk=BusinessCaseVersion.objects.get(pk=draft.pk).frame_matter_id)
    login("formand")
    for url in (reverse("finance:case_detail", args=[luna.pk]), draft.get_absolute_url()):
        html = client.get(url).content.decode()
        text = _text(html)
        assert "Styregruppen ✓" in text and "RSI DK afventer" in text, url
        assert f'href="{matter.get_absolute_url()}"' in html and matter.route_reason in text, url
    body_decides(draft)
    text = _text(client.get(reverse("finance:case_detail", args=[luna.pk])).content.decode())
    assert "RSI DK ✓" in text and "afventer" not in text


def _text(html: str) -> str:
    """The page as a reader sees it: tags dropped, white space collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())

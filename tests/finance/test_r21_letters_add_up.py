"""R21: a collection letter's lines (joint expenses, buffer drawings) always add up to its total, and the
regions' totals add up to the project's joint total, for any øre amounts and any key."""

from decimal import Decimal as D

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from finance import selectors
from finance.models import ChangeRequest
from finance.pdf import collection_letter_pdf
from finance.rules import RequestStatus, collection_lines, split_by_key
from portfolio.rules import REGION_CODES
from rsi_portal.formatting import format_kr
from rsi_portal.pdf import pdf_text

from .factories import BlockGrantKeyFactory, BusinessCaseVersionFactory, ExpenseLineFactory, region

pytestmark = pytest.mark.django_db

YEAR = 2027
ONE_HUNDRED_PERCENT = 1_000_000  # shares are stored to 0.0001 %
EQUAL = {code: D("20") for code in REGION_CODES}
UNEVEN = {"RH": D("60"), "RSJ": D("0"), "RSD": D("20"), "RM": D("10"), "RN": D("10")}
DEMO_2027 = {"RH": D("31.78"), "RSJ": D("14.51"), "RSD": D("21.18"), "RM": D("22.66"), "RN": D("9.87")}


def _collections(joint: D, drawings: D, shares: dict[str, D]):
    """The year's collection of one approved case with one joint line and one approved buffer drawing."""
    for code in REGION_CODES:
        region(code)
    BlockGrantKeyFactory(year=YEAR, **{f"share_{code.lower()}": share for code, share in shares.items()})
    version = BusinessCaseVersionFactory(approved=True)
    ExpenseLineFactory(version=version, amount=joint, year=YEAR)
    if drawings:
        ChangeRequest.objects.create(
            business_case=version.business_case,
            title="Buffertræk",
            description="Uforudset",
            amount=drawings,
            year=YEAR,
            status=RequestStatus.APPROVED,
            filed_by=version.created_by,
            decided_by=version.created_by,
            decided_at=timezone.now(),
        )
    return selectors.collections_for_year(YEAR, project=version.business_case.project)


def _assert_letters_add_up(collections, joint: D, drawings: D):
    assert [c.paying_region.code for c in collections] == list(REGION_CODES)
    for c in collections:
        assert c.joint_expenses >= 0 and c.buffer_drawings >= 0, c.paying_region.code
        assert c.joint_expenses + c.buffer_drawings == c.amount, c.paying_region.code
    assert sum(c.amount for c in collections) == joint + drawings
    assert sum(c.joint_expenses for c in collections) == joint
    assert sum(c.buffer_drawings for c in collections) == drawings


def test_r21_minimal_case_one_oere_plus_one_oere_adds_up_on_every_letter():
    collections = _collections(D("0.01"), D("0.01"), EQUAL)
    _assert_letters_add_up(collections, D("0.01"), D("0.01"))
    first = collections[0]
    text = " ".join(pdf_text(collection_letter_pdf(first)).split())
    assert f"(regionens andel) {format_kr(first.joint_expenses)} kr." in text
    assert f"buffertræk i året (regionens andel) {format_kr(first.buffer_drawings)} kr." in text
    assert f"I alt {format_kr(first.amount)} kr." in text and first.amount == D("0.01")


def _share_sets():
    """Five non-negative shares in 0.0001 % that sum to exactly 100 %."""
    cuts = st.lists(st.integers(0, ONE_HUNDRED_PERCENT), min_size=4, max_size=4).map(sorted)
    return cuts.map(
        lambda c: {
            code: D(b - a) / 10_000 for code, a, b in zip(REGION_CODES, [0, *c], [*c, ONE_HUNDRED_PERCENT], strict=True)
        }
    )


OERE = st.integers(0, 10**11).map(lambda n: D(n) / 100)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(joint=OERE, drawings=OERE, shares=_share_sets())
@example(joint=D("0.01"), drawings=D("0.01"), shares=EQUAL)
@example(joint=D("200000.01"), drawings=D("10000.01"), shares=DEMO_2027)
@example(joint=D("0.03"), drawings=D("0.02"), shares=UNEVEN)
def test_r21_letter_lines_always_add_up_for_any_amounts_and_key(joint, drawings, shares):
    if joint + drawings == 0:
        return  # nothing to collect, no letters
    with transaction.atomic():
        _assert_letters_add_up(_collections(joint, drawings, shares), joint, drawings)
        transaction.set_rollback(True)


@settings(max_examples=500)
@given(joint=OERE, drawings=OERE, shares=_share_sets())
@example(joint=D("0.01"), drawings=D("0.01"), shares=EQUAL)
def test_r21_rule_lines_add_up_and_are_never_negative(joint, drawings, shares):
    letters = collection_lines(joint, drawings, shares)
    assert list(letters) == list(REGION_CODES)
    for lines in letters.values():
        assert lines.joint_expenses >= 0 and lines.buffer_drawings >= 0
        assert lines.joint_expenses + lines.buffer_drawings == lines.amount
    assert sum(x.amount for x in letters.values()) == joint + drawings
    assert {k: x.amount for k, x in letters.items()} == split_by_key(joint + drawings, shares)  # split once
    assert sum(x.joint_expenses for x in letters.values()) == joint
    assert sum(x.buffer_drawings for x in letters.values()) == drawings


def test_r21_rule_minimal_case_is_one_oere_on_each_of_two_letters():
    letters = collection_lines(D("0.01"), D("0.01"), EQUAL)
    assert [(k, x.joint_expenses, x.buffer_drawings) for k, x in letters.items() if x.amount] == [
        ("RH", D("0.01"), D("0.00")),
        ("RSJ", D("0.00"), D("0.01")),
    ]
    with pytest.raises(ValueError):
        collection_lines(D("-0.01"), D("0.01"), EQUAL)

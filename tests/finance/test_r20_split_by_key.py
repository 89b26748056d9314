"""R20: joint expenses split by the bloktilskudsnøgle, exact to the øre (largest remainder)."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from finance.rules import shares_are_valid, split_by_key

KEY = {"RH": D("31.6000"), "RSJ": D("14.3000"), "RSD": D("21.4000"), "RM": D("22.7000"), "RN": D("10.0000")}


def test_r20_split_is_exact_and_adds_up():
    parts = split_by_key(D("1000000.00"), KEY)
    assert parts == {
        "RH": D("316000.00"),
        "RSJ": D("143000.00"),
        "RSD": D("214000.00"),
        "RM": D("227000.00"),
        "RN": D("100000.00"),
    }


def test_r20_largest_remainder_gives_the_leftover_oere():
    thirds = {"a": D("33.3333"), "b": D("33.3333"), "c": D("33.3334")}
    assert split_by_key(D("100.00"), thirds) == {"a": D("33.33"), "b": D("33.33"), "c": D("33.34")}
    five = {k: D("20") for k in "abcde"}
    assert split_by_key(D("0.03"), five) == {
        "a": D("0.01"),
        "b": D("0.01"),
        "c": D("0.01"),
        "d": D("0.00"),
        "e": D("0.00"),
    }


def test_r20_shares_must_sum_to_exactly_100():
    assert shares_are_valid(KEY)
    assert not shares_are_valid({**KEY, "RN": D("10.0001")})
    assert not shares_are_valid({**KEY, "RN": D("9.9999")})
    assert not shares_are_valid({"a": D("-1"), "b": D("101")})
    with pytest.raises(ValueError):
        split_by_key(D("10.00"), {**KEY, "RN": D("9.9999")})


def test_r20_amount_must_be_whole_oere():
    with pytest.raises(ValueError):
        split_by_key(D("10.005"), KEY)


@st.composite
def keys(draw):
    n = draw(st.integers(min_value=1, max_value=6))
    cuts = sorted(draw(st.lists(st.integers(0, 1_000_000), min_size=n - 1, max_size=n - 1)))
    bounds = [0, *cuts, 1_000_000]
    return {f"r{i}": D(bounds[i + 1] - bounds[i]) / 10_000 for i in range(n)}


@given(amount=st.integers(min_value=-(10**12), max_value=10**12), shares=keys())
def test_r20_property_parts_always_add_up_to_the_whole(amount, shares):
    whole = D(amount) / 100
    parts = split_by_key(whole, shares)
    assert sum(parts.values()) == whole
    assert set(parts) == set(shares)
    for key, part in parts.items():
        assert part == part.quantize(D("0.01"))
        exact = whole * shares[key] / 100
        assert abs(part - exact) < D("0.01")  # never more than one øre from the exact share

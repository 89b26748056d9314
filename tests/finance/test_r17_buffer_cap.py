"""R17: the buffer is at most 10 % of total expenses, rounded down to the øre; exactly 10 % is allowed."""

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from finance.rules import buffer_allowed, max_buffer


def test_r17_exactly_ten_percent_is_allowed():
    assert max_buffer(D("1000000.00")) == D("100000.00")
    assert buffer_allowed(D("100000.00"), D("1000000.00"))


def test_r17_one_oere_above_the_cap_is_refused():
    assert not buffer_allowed(D("100000.01"), D("1000000.00"))


def test_r17_cap_rounds_down_never_up():
    # 10 % of 1,234,567.89 is 123,456.789 -> 123,456.78 (down), not .79
    assert max_buffer(D("1234567.89")) == D("123456.78")
    assert not buffer_allowed(D("123456.79"), D("1234567.89"))
    assert max_buffer(D("0.09")) == D("0.00")


def test_r17_no_negative_buffer_and_zero_total_gives_zero_cap():
    assert not buffer_allowed(D("-0.01"), D("1000.00"))
    assert max_buffer(D("0")) == D("0.00")


@given(st.integers(min_value=0, max_value=10**13))
def test_r17_cap_is_never_above_ten_percent(oere):
    total = D(oere) / 100
    cap = max_buffer(total)
    assert cap * 10 <= total
    assert (cap + D("0.01")) * 10 > total  # and it is the largest such øre amount

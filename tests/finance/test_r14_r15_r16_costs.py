"""R14 årsværk, R15 external assistance, R16 joint/regional structure with drift kept apart."""

from decimal import Decimal as D

import pytest

from finance.rules import (
    HOURLY_RATE,
    HOURS_PER_AARSVAERK,
    LineKind,
    counts_towards_total,
    external_cost,
    staff_aarsvaerk,
    staff_cost,
)


def test_r14_one_aarsvaerk_is_1350_hours_at_500_kr():
    assert HOURS_PER_AARSVAERK == 1350
    assert D("500") == HOURLY_RATE
    assert staff_cost(aarsvaerk=D("1")) == D("675000.00")
    assert staff_cost(hours=D("1350")) == D("675000.00")


def test_r14_aarsvaerk_and_hours_give_the_same_kroner():
    assert staff_cost(aarsvaerk=D("2.5")) == staff_cost(hours=D("3375")) == D("1687500.00")
    assert staff_aarsvaerk(hours=D("3375")) == D("2.50")


def test_r14_rounds_half_up_to_the_oere():
    # 0.001 hour × 500 = 0.50 kr.; 0.00001 hour × 500 = 0.005 kr. -> 0.01 (half up)
    assert staff_cost(hours=D("0.00001")) == D("0.01")
    assert staff_cost(hours=D("0.000009")) == D("0.00")


def test_r14_needs_exactly_one_of_aarsvaerk_or_hours():
    with pytest.raises(ValueError):
        staff_cost()
    with pytest.raises(ValueError):
        staff_cost(aarsvaerk=D("1"), hours=D("1350"))


def test_r15_external_is_hours_times_own_rate():
    assert external_cost(hours=D("400"), hourly_rate=D("1150")) == D("460000.00")
    assert external_cost(hours=D("0.5"), hourly_rate=D("999.99")) == D("500.00")  # 499.995 -> half up


def test_r16_drift_does_not_count_towards_the_project_total():
    assert not counts_towards_total(LineKind.OPERATING)
    assert all(counts_towards_total(k) for k in (LineKind.STAFF, LineKind.EXTERNAL, LineKind.OTHER))

"""R38: the reported colour held against the numbers (pure rules, thresholds at their boundaries)."""

from datetime import date
from decimal import Decimal

import pytest

from projects.rules import (
    STALE_MONTHS,
    Colour,
    colour_from_numbers,
    cost_overrun_percent,
    is_stale,
    months_unchanged,
    sanity_flag,
    sanity_of,
    worst,
)
from projects.sanity import millions_text, percent_text, plus_months

BASE = Decimal("10000000.00")
END = date(2026, 12, 31)


def cost(forecast: str) -> str | None:
    return colour_from_numbers(BASE, Decimal(forecast), None, None)


def slip(expected: date, planned: date = END) -> str | None:
    return colour_from_numbers(None, None, planned, expected)


@pytest.mark.parametrize(
    ("forecast", "colour"),
    [
        ("10000000.00", Colour.GREEN),  # on budget
        ("9000000.00", Colour.GREEN),  # under budget
        ("10499999.99", Colour.GREEN),  # 4.9999999 %
        ("10500000.00", Colour.YELLOW),  # 5.00 %
        ("11000000.00", Colour.YELLOW),  # 10.00 % is yellow
        ("11000000.01", Colour.RED),  # a single øre above 10 % is red
        ("11001000.00", Colour.RED),  # 10.01 % is red
        ("12400000.00", Colour.RED),
    ],
)
def test_r38_cost_thresholds_at_the_boundaries(forecast, colour):
    assert cost(forecast) == colour


def test_r38_ten_point_zero_zero_percent_is_yellow_and_ten_point_zero_one_red():
    base = Decimal("10800000.00")
    assert cost_overrun_percent(base, Decimal("11880000.00")) == Decimal("10")
    assert colour_from_numbers(base, Decimal("11880000.00"), None, None) == Colour.YELLOW
    assert cost_overrun_percent(base, Decimal("11881080.00")) == Decimal("10.01")
    assert colour_from_numbers(base, Decimal("11881080.00"), None, None) == Colour.RED


@pytest.mark.parametrize(
    ("expected", "colour"),
    [
        (END, Colour.GREEN),
        (date(2027, 1, 30), Colour.GREEN),  # a day short of one month
        (date(2027, 1, 31), Colour.YELLOW),  # one month
        (date(2027, 3, 31), Colour.YELLOW),  # exactly 3 months is yellow
        (date(2027, 4, 1), Colour.RED),  # 3 months and 1 day is red
        (date(2026, 6, 30), Colour.GREEN),  # earlier than planned
    ],
)
def test_r38_time_thresholds_at_the_boundaries(expected, colour):
    assert slip(expected) == colour


def test_r38_three_months_from_the_middle_of_a_month():
    assert slip(date(2026, 9, 15), planned=date(2026, 6, 15)) == Colour.YELLOW
    assert slip(date(2026, 9, 16), planned=date(2026, 6, 15)) == Colour.RED


def test_r38_months_are_counted_to_the_end_of_a_short_month():
    assert plus_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert slip(date(2027, 2, 28), planned=date(2026, 11, 30)) == Colour.YELLOW
    assert slip(date(2027, 3, 1), planned=date(2026, 11, 30)) == Colour.RED


def test_r38_the_worse_of_cost_and_time_wins():
    assert colour_from_numbers(BASE, Decimal("10600000"), END, date(2027, 5, 1)) == Colour.RED
    assert colour_from_numbers(BASE, Decimal("12000000"), END, END) == Colour.RED
    assert colour_from_numbers(BASE, BASE, END, date(2027, 2, 1)) == Colour.YELLOW


def test_r38_a_missing_forecast_gives_no_colour_and_no_flag():
    assert colour_from_numbers(BASE, None, END, None) is None
    assert colour_from_numbers(None, Decimal("99000000"), None, date(2030, 1, 1)) is None  # no baseline
    assert colour_from_numbers(Decimal("0"), Decimal("5"), None, None) is None  # no usable baseline
    assert sanity_flag(Colour.GREEN, None) is None
    assert sanity_of(Colour.GREEN, baseline_cost=BASE, forecast_cost=None, planned_end=END, expected_end=None) is None


def test_r38_only_one_dimension_given_is_read_alone():
    assert colour_from_numbers(BASE, Decimal("11500000"), END, None) == Colour.RED
    assert colour_from_numbers(BASE, None, END, date(2027, 2, 15)) == Colour.YELLOW


@pytest.mark.parametrize(
    ("reported", "numbers", "flag"),
    [
        (Colour.GREEN, Colour.RED, Colour.RED),
        (Colour.GREEN, Colour.YELLOW, Colour.YELLOW),
        (Colour.GREEN, Colour.GREEN, None),
        (Colour.YELLOW, Colour.RED, Colour.RED),
        (Colour.YELLOW, Colour.YELLOW, None),
        (Colour.YELLOW, Colour.GREEN, None),  # numbers better than the colour: never flagged
        (Colour.RED, Colour.RED, None),
        (Colour.RED, Colour.GREEN, None),
        (Colour.DONE, Colour.RED, None),
        (None, Colour.RED, None),
        ("", Colour.RED, None),
    ],
)
def test_r38_the_flag_is_raised_only_when_the_numbers_are_worse(reported, numbers, flag):
    assert sanity_flag(reported, numbers) == flag


def test_r38_the_flag_carries_its_figures():
    flag = sanity_of(
        Colour.GREEN,
        baseline_cost=Decimal("10800000"),
        forecast_cost=Decimal("12400000"),
        planned_end=END,
        expected_end=END,
    )
    assert flag.colour == Colour.RED
    assert percent_text(flag.percent) == "+14,8 %"
    assert millions_text(flag.forecast_cost) == "12,4 mio. kr."
    assert millions_text(flag.baseline_cost) == "10,8 mio. kr."
    assert percent_text(Decimal("-3.25")) == "−3,3 %"


def test_r38_the_worst_region_flag_is_shown():
    yellow = sanity_of(
        Colour.GREEN, baseline_cost=BASE, forecast_cost=Decimal("10600000"), planned_end=None, expected_end=None
    )
    red = sanity_of(
        Colour.GREEN, baseline_cost=BASE, forecast_cost=Decimal("12000000"), planned_end=None, expected_end=None
    )
    assert worst([None, yellow, red, None]) is red
    assert worst([yellow, None]) is yellow
    assert worst([None, None]) is None


def test_r38_stale_after_six_unchanged_months():
    months = 1
    for _month in range(STALE_MONTHS - 1):
        assert not is_stale(months)
        months = months_unchanged(months, same_as_previous=True)
    assert months == STALE_MONTHS
    assert is_stale(months)
    assert months_unchanged(months, same_as_previous=False) == 1
    assert not is_stale(None)

from datetime import date

import pytest

from rsi_portal.dates import add_months, add_working_days, is_working_day, months_between, nth_working_day


def test_add_months_crosses_years():
    assert add_months(date(2026, 11, 1), 3) == date(2027, 2, 1)
    assert add_months(date(2026, 1, 1), -1) == date(2025, 12, 1)


def test_months_between_includes_both_ends():
    assert months_between(date(2026, 11, 15), date(2027, 1, 3)) == [
        date(2026, 11, 1),
        date(2026, 12, 1),
        date(2027, 1, 1),
    ]


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 12, 25), False),  # juledag
        (date(2026, 12, 24), False),  # juleaftensdag: a day off in the regions' agreements (R13)
        (date(2026, 12, 23), True),
        (date(2027, 1, 1), False),  # nytårsdag
        (date(2026, 11, 28), False),  # Saturday
        (date(2026, 4, 2), False),  # skærtorsdag 2026
        (date(2026, 11, 24), True),
    ],
)
def test_danish_working_days(day, working):
    assert is_working_day(day) is working


def test_nth_working_day_skips_weekend_and_holidays():
    assert nth_working_day(date(2027, 1, 1)) == date(2027, 1, 4)  # 1 Jan holiday, 2-3 Jan weekend
    assert nth_working_day(date(2026, 12, 1), 3) == date(2026, 12, 3)


def test_add_working_days_both_ways():
    assert add_working_days(date(2026, 12, 23), 2) == date(2026, 12, 29)  # 24-27 Dec skipped
    assert add_working_days(date(2027, 1, 4), -1) == date(2026, 12, 30)  # 31 Dec and 1 Jan are off

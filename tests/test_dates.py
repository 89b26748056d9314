import re
from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from rsi_portal import formatting
from rsi_portal.dates import add_months, add_working_days, is_working_day, month_end, months_between, nth_working_day


def test_add_months_crosses_years():
    assert add_months(date(2026, 11, 1), 3) == date(2027, 2, 1)
    assert add_months(date(2026, 1, 1), -1) == date(2025, 12, 1)


def test_month_end_is_the_last_day_of_the_month():
    assert month_end(date(2026, 12, 1)) == date(2026, 12, 31)
    assert month_end(date(2028, 2, 10)) == date(2028, 2, 29)


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


# --- One date format everywhere (rsi_portal.formatting and its template filters) ---------------------------

DANISH_MONTHS = [
    *("januar", "februar", "marts", "april", "maj", "juni"),
    *("juli", "august", "september", "oktober", "november", "december"),
]
_CAPITALISED = "|".join(name.capitalize() for name in DANISH_MONTHS)
# "1. Dec 2026", "Sept", "Oktober 2026": Django's "M" format, its "N"/"b" abbreviations and a capitalised name.
WRONG_DATE = re.compile(
    rf"\b(?:\d{{1,2}}\. )?(?:{_CAPITALISED}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Okt|Nov|Dec)\.? \d{{4}}\b|\bSept\b"
)


NOON_PAST = datetime(2026, 12, 10, 14, 5)


@pytest.mark.parametrize(
    ("formatter", "value", "danish", "english"),
    [
        (formatting.date_long, date(2026, 12, 10), "10. december 2026", "10 December 2026"),
        (formatting.date_short, date(2026, 12, 10), "10.12.2026", "10.12.2026"),
        (formatting.month_long, date(2026, 10, 1), "oktober 2026", "October 2026"),
        (formatting.month_short, date(2026, 9, 1), "sep. 2026", "Sep 2026"),
        (formatting.month_abbreviation, date(2026, 5, 1), "maj", "May"),
        (formatting.month_name, date(2026, 12, 1), "december", "December"),
        (formatting.day_month, date(2026, 12, 31), "31. december", "31 December"),
        (
            formatting.datetime_long,
            datetime(2026, 12, 10, 14, 5),
            "10. december 2026 kl. 14.05",
            "10 December 2026, 14:05",
        ),
        (formatting.datetime_short, NOON_PAST, "10.12.2026 14.05", "10.12.2026 14:05"),
    ],
)
def test_one_date_format_in_danish_and_english(formatter, value, danish, english):
    assert formatter(value) == danish
    with translation.override("en"):
        assert formatter(value) == english


def test_every_danish_month_is_lower_case_long_and_abbreviated():
    for number, name in enumerate(DANISH_MONTHS, start=1):
        month = date(2026, number, 1)
        assert formatting.month_long(month) == f"{name} 2026"
        assert (
            formatting.month_abbreviation(month).rstrip(".")
            == name[: len(formatting.month_abbreviation(month).rstrip("."))]
        )
        assert not WRONG_DATE.search(formatting.date_long(month) + " " + formatting.month_short(month))


def test_datetime_filters_show_local_time():
    aware = datetime(2026, 12, 10, 13, 5, tzinfo=UTC)  # 14.05 in Copenhagen
    assert Template("{{ t|datetime_long }} · {{ t|date_short }}").render(Context({"t": aware})) == (
        "10. december 2026 kl. 14.05 · 10.12.2026"
    )


def test_date_filters_are_builtins_and_pass_nothing_through():
    rendered = Template('{{ d|date_long }}|{{ d|date_short|default:"–" }}|{{ text|month_long }}').render(
        Context({"d": None, "text": "ukendt"})
    )
    assert rendered == "|–|ukendt"


@pytest.fixture
def key_pages(demo):
    """The pages a user reads dates on, from the demo data: lists, detail pages, the monthly rhythm."""
    from finance.models import BusinessCaseVersion
    from governance.models import Meeting
    from portfolio.models import Pejlemaerke
    from projects.models import StatusReport

    meeting = Meeting.objects.order_by("day").first()
    report = StatusReport.objects.filter(versions__isnull=False).order_by("-period").first()
    pejlemaerke = Pejlemaerke.objects.order_by("pk").first()
    case_project = BusinessCaseVersion.objects.order_by("-number").values_list("business_case__project", flat=True)[0]
    return [
        reverse("portfolio:home"),
        reverse("portfolio:dashboard"),
        reverse("governance:meeting_list") + "?past=on",
        meeting.get_absolute_url(),
        reverse("governance:matter_list"),
        pejlemaerke.get_absolute_url(),
        reverse("projects:status_report_detail", args=[report.pk]),
        reverse("projects:risk_list"),
        reverse("finance:case_list"),
        reverse("finance:case_detail", args=[case_project]),
        reverse("portfolio:report_archive"),
        reverse("portfolio:calendar"),
    ]


def test_key_pages_use_the_one_date_format(client, login, key_pages):
    login("sekretariat")
    for url in key_pages:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        text = response.content.decode()
        wrong = sorted(set(match.group(0) for match in WRONG_DATE.finditer(text)))
        assert not wrong, f"{url}: {wrong}"

"""A status report's version history reads "Version 2, Version 1" with no list numbering, and the form says
when the reported month ends while it is still running."""

from datetime import date

import pytest
from django.urls import reverse
from lxml import html

from projects import services
from projects.views import status as status_views

from .status_support import MONTH, hm_project, submit, url_month, user


def test_version_history_lists_the_versions_newest_first_without_numbering(client, login, demo):
    report = submit(hm_project("RN"), "RN", "green")
    services.status_report_correct(
        actor=user("sekretariat"), report=report, reason="Forkert farve", colour="yellow", overall="Ny.", risici="R."
    )
    login("sekretariat")
    page = html.fromstring(client.get(reverse("projects:status_report_detail", args=[report.pk])).content)
    history = page.xpath("//section[@aria-labelledby='h-hist']")[0]

    assert history.xpath(".//ol") == []
    (versions,) = history.xpath(".//ul[contains(@class, 'plain-list')]")
    assert [li.xpath("./strong")[0].text_content() for li in versions.xpath("./li")] == ["Version 2", "Version 1"]


def _form(client, period: date) -> str:
    url = reverse("projects:status_report_edit", args=[hm_project("RSD").pk, "RSD", url_month(period)])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def reporting_on(client, login, demo, monkeypatch):
    """reporting_on(day): the secretariat at the status form, with the views' date.today() fixed to `day`."""
    login("sekretariat")

    def _on(today: date):
        fixed = type("FixedDate", (date,), {"today": classmethod(lambda cls: today)})
        monkeypatch.setattr(status_views, "date", fixed)
        return client

    return _on


def test_reporting_inside_december_says_when_december_ends(reporting_on):
    client = reporting_on(date(2031, 12, 2))
    assert "Du indberetter for december, som først slutter 31. december." in _form(client, date(2031, 12, 1))


def test_reporting_inside_a_shorter_month_names_its_own_last_day(reporting_on):
    client = reporting_on(date(2032, 2, 1))
    assert "Du indberetter for februar, som først slutter 29. februar." in _form(client, date(2032, 2, 1))


def test_no_hint_once_the_month_has_ended(reporting_on):
    client = reporting_on(MONTH.replace(day=2))
    assert "Du indberetter for" not in _form(client, date(2031, 2, 1))

"""R38 in Chromium: the project leader sees the numbers' warning on the form, submits green anyway, and the
dashboard shows the flag beside the green colour (filterable). Each page passes axe with no serious findings."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from rsi_portal.dates import add_months, month_start

from .conftest import axe_violations, format_violations

pytestmark = pytest.mark.e2e


def test_r38_leader_is_warned_submits_green_anyway_and_the_dashboard_flags_it(page, browser_login):
    from projects.models import Project, StatusReport

    project = Project.objects.get(pejlemaerke__short_name="Hjemmemonitorering", region__code="RN")
    last_month = add_months(month_start(timezone.localdate()), -1)
    form_url = reverse("projects:status_report_edit", args=[project.pk, "RN", last_month.strftime("%Y-%m")])

    browser_login("regional")
    page.goto(form_url)
    sanity = page.locator("#sanity")
    assert "1.950.000,00 kr." in sanity.inner_text()  # the approved baseline from the business case
    assert "Dine tal peger på" not in sanity.inner_text()

    page.get_by_role("radio", name=re.compile("^Grøn")).check()
    page.get_by_label("Overordnet status").fill("Alt kører efter planen.")
    page.get_by_label("Forventet samlet udgift (kr.)").fill("2300000")
    page.get_by_label("Forventet projektslut").fill("2027-12-31")
    page.get_by_label("Overordnet status").focus()  # leaving the field sends its change
    warning = page.locator(".sanity-warning")
    warning.wait_for()
    assert "Dine tal peger på rød – er grøn rigtig?" in warning.inner_text()
    assert "Prognose 2,3 mio. kr. mod 2,0 mio. kr. godkendt, +17,9 %" in warning.inner_text()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)

    page.get_by_role("button", name="Indsend").click()
    assert page.get_by_role("status").inner_text().strip() == "Rapporten er indsendt."
    report = StatusReport.objects.get(project=project, region__code="RN", period=last_month)
    assert report.colour == "green" and report.forecast_cost == 2300000

    browser_login("sekretariat")
    page.goto("/dashboard/")
    page.get_by_label("Tallene").select_option("flagged")
    page.wait_for_url(re.compile("numbers=flagged"))
    row = page.locator("table.dashboard tbody tr", has_text="Fælles mål for hjemmemonitorering")
    row.wait_for()
    flag = row.locator(".flag-numbers_red")
    assert flag.inner_text().startswith("Tallene peger på rød – prognose 2,3 mio. kr. mod 2,0 mio. kr. godkendt")
    # The LUNA demo row is green with its numbers pointing to red; the colour itself stays green.
    luna = page.locator("table.dashboard tbody tr", has_text="LUNA")
    assert luna.locator(".status-pill").inner_text() == "Grøn"
    assert "Tallene peger på rød" in luna.locator(".flag-numbers_red").inner_text()
    assert page.locator("table.dashboard tbody tr", has_text="Klinisk Immunologi IT").count() == 0
    violations = axe_violations(page)
    assert not violations, format_violations(violations)

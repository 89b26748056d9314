"""Issue 3, item 9: a regional project leader reports red; the secretariat sees it at the top of the dashboard."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from rsi_portal.dates import add_months, month_start

from .conftest import axe_violations, click_menu, format_violations

pytestmark = pytest.mark.e2e


def test_regional_submits_red_and_secretariat_sees_it_first_on_the_dashboard(page, browser_login):
    from projects.models import Project, StatusReport

    project = Project.objects.get(pejlemaerke__short_name="Hjemmemonitorering", region__code="RN")
    last_month = add_months(month_start(timezone.localdate()), -1)
    form_url = reverse("projects:status_report_edit", args=[project.pk, "RN", last_month.strftime("%Y-%m")])

    browser_login("regional")
    # The start page lists what is due, with a link to the form.
    due = page.get_by_role("region", name="Månedsstatus: det skal du indberette")
    assert "Hjemmemonitorering – RN" in due.inner_text()
    due.locator(f'a[href="{form_url}"]').click()
    assert page.get_by_role("heading", level=1).inner_text().endswith("Region Nordjylland")
    violations = axe_violations(page)
    assert not violations, format_violations(violations)

    # Red without a risk text is refused in Danish, and what was typed is kept.
    page.get_by_role("radio", name=re.compile("^Rød")).check()
    page.get_by_label("Overordnet status").fill("Leverandørens platform fejler i pilotdriften.")
    page.get_by_role("button", name="Indsend").click()
    alert = page.get_by_role("alert")
    assert "En rød eller gul status skal have en beskrivelse af de væsentligste risici." in alert.inner_text()
    assert page.get_by_label("Overordnet status").input_value() == "Leverandørens platform fejler i pilotdriften."
    assert page.get_by_role("radio", name=re.compile("^Rød")).is_checked()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)

    page.get_by_label("Væsentligste risici").fill("Pilotdriften kan ikke fortsætte; slutdatoen er i fare.")
    page.get_by_label("Udfordrer tid/deadline").check()
    page.get_by_role("button", name="Indsend").click()
    assert page.get_by_role("status").inner_text().strip() == "Rapporten er indsendt."
    report = StatusReport.objects.get(project=project, region__code="RN", period=last_month)
    assert report.is_submitted and report.colour == "red"

    browser_login("sekretariat")
    click_menu(page, "Dashboard")
    first = page.locator("table.dashboard tbody tr").first
    assert first.locator("th").inner_text() == "Fælles mål for hjemmemonitorering"
    rollup = first.locator("td.cell-rollup")
    assert rollup.locator(".status-pill").inner_text() == "Rød"
    assert "Region Nordjylland" in rollup.locator(".why").inner_text()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)

    # Drill down to the region reports and the history.
    first.get_by_role("link", name="Fælles mål for hjemmemonitorering").click()
    assert "Pilotdriften kan ikke fortsætte" in page.locator("main").inner_text()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)

"""A long paste into a status text is kept whole: the live count warns, the server refuses, nothing is cut."""

import pytest
from django.urls import reverse
from django.utils import timezone

from rsi_portal.dates import add_months, month_start

from .conftest import axe_violations, format_violations

pytestmark = pytest.mark.e2e

PASTE = ("Leverandøren har meldt forsinkelse på integrationen. " * 60)[:2649] + "."


def test_r9_a_paste_over_the_limit_is_counted_warned_and_kept(page, browser_login):
    from projects.models import Project, StatusReport

    project = Project.objects.get(pejlemaerke__short_name="Hjemmemonitorering", region__code="RN")
    last_month = add_months(month_start(timezone.localdate()), -1)
    browser_login("regional")
    page.goto(reverse("projects:status_report_edit", args=[project.pk, "RN", last_month.strftime("%Y-%m")]))
    overall = page.get_by_label("Overordnet status")
    counter = page.locator("#id_overall-count")

    overall.fill("")
    overall.focus()
    page.keyboard.insert_text("x" * 1850)  # as a paste: a maxlength attribute would cut it
    assert counter.inner_text() == "1.850 af 2.000 tegn – du nærmer dig grænsen"
    page.keyboard.insert_text(PASTE[:800])
    assert len(overall.input_value()) == 2650
    assert counter.inner_text() == "2.650 af 2.000 tegn – 650 for mange. Forkort teksten, før du gemmer."
    violations = axe_violations(page)
    assert not violations, format_violations(violations)

    overall.fill(PASTE)
    page.get_by_role("button", name="Gem kladde").click()
    assert "Teksten er på 2650 tegn; der er plads til højst 2000." in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Overordnet status").input_value() == PASTE
    assert page.locator("#id_overall-count").inner_text().startswith("2.650 af 2.000 tegn")
    assert not StatusReport.objects.filter(project=project, region__code="RN", overall=PASTE).exists()

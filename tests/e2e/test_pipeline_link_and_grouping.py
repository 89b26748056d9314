"""R34/R40 in Chromium: the secretariat links a submitted idea to an existing pejlemærke (the reason is
required, the choice is kept, the step shows in the idea's history) and asks for a monthly report grouped by
strategy goal. Both pages pass axe."""

import pytest
from django.contrib.auth import get_user_model

from portfolio.models import AuditEntry, MonthlyReport, Region
from portfolio.pipeline import services
from portfolio.rhythm import services as rhythm_services
from tests.projects.factories import MONTH, PejlemaerkeFactory

from .conftest import axe_violations, format_violations

pytestmark = pytest.mark.e2e


def _no_axe(page):
    violations = axe_violations(page)
    assert not violations, format_violations(violations)


def test_r34_the_secretariat_links_an_idea_to_an_existing_pejlemaerke(page, browser_login):
    k = services.kommissorium_save(
        actor=get_user_model().objects.get(username="kontakt"),
        title="Fælles vagtplan for akutlæger",
        problem="Fem vagtplaner.",
        benefits="Én plan.",
        rough_cost=900_000,
        timeframe="1 år",
        source="oa",
        regions=[Region.objects.get(code="RN")],
        submit=True,
    )
    pejlemaerke = PejlemaerkeFactory(name="Akutlægernes vagtplan (ØA)")
    browser_login("sekretariat")
    page.goto(f"/ideer/{k.pk}/")
    _no_axe(page)
    page.get_by_role("combobox", name="Pejlemærke").select_option(label=pejlemaerke.name)
    page.get_by_role("button", name="Knyt til pejlemærket").click()
    assert "Skriv en begrundelse." in page.get_by_role("alert").inner_text()
    assert page.get_by_role("combobox", name="Pejlemærke").input_value() == str(pejlemaerke.pk)
    _no_axe(page)
    page.get_by_label("Begrundelse").fill("Igangsat via ØA 2027 før portalen.")
    page.get_by_role("button", name="Knyt til pejlemærket").click()
    assert "Idéen er knyttet til pejlemærket." in page.locator("body").inner_text()
    history = page.locator("ul.history").last.inner_text()
    assert "Kommissorium knyttet til pejlemærke" in history and "Igangsat via ØA 2027 før portalen." in history


def test_r40_the_secretariat_asks_for_the_report_grouped_by_goal(page, browser_login, settings, tmp_path, eager_tasks):
    """The new version is made in process (eager_tasks): a worker still writing it when the test ends would
    hold its rows while the test's database is emptied."""
    settings.MEDIA_ROOT = tmp_path
    report = rhythm_services.monthly_report_generate(period=MONTH, notify=False)
    browser_login("sekretariat")
    page.goto(f"/rapporter/{report.pk}/")
    page.get_by_label("Gruppér efter strategimål").check()
    _no_axe(page)
    page.get_by_label("Hvorfor dannes måneden igen?").fill("RSI DK bad om rapporten pr. strategisk mål.")
    page.get_by_role("button", name="Dan ny version").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Porteføljerapporter"  # back in the archive
    requested = AuditEntry.objects.filter(action="monthly_report.regenerate_requested").latest("at")
    assert requested.data["by_goal"] is True
    current = MonthlyReport.objects.get(period=MONTH, is_current=True)
    assert current.version == report.version + 1 and current.summary["grouped_by_goal"] is True

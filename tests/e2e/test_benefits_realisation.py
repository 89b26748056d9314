"""R35/R36 in Chromium: the project leader adds a benefit to a draft, the chair sees the economic picture and
approves, `regional` reports a realised value after close, and the secretariat's Gevinstrealisering view shows it.
Every page passes axe with no serious or critical findings."""

from decimal import Decimal

import pytest

from finance.models import BenefitLine, BusinessCaseVersion, RealisationPlanItem, RealisationReport

from .conftest import axe_violations, format_violations

pytestmark = pytest.mark.e2e


def _axe(page):
    violations = axe_violations(page)
    assert not violations, format_violations(violations)


def _luna_draft():
    return BusinessCaseVersion.objects.get(business_case__project__pejlemaerke__short_name="LUNA", status="draft")


def test_leader_adds_a_benefit_and_the_chair_approves(page, browser_login):
    draft = _luna_draft()
    browser_login("projektleder")
    page.goto(f"/oekonomi/version/{draft.pk}/")
    page.get_by_role("link", name="Tilføj gevinst").click()
    _axe(page)
    page.get_by_label("Beskrivelse").fill("Færre manuelle afregninger")
    page.get_by_label("Art").select_option("economic")
    page.get_by_label("Udgangspunkt").fill("0")
    page.locator("#id_target").fill("abc")
    page.get_by_label("Første år med gevinst").fill("2029")
    page.get_by_label("Årlig profil (% af den fulde gevinst)").fill("50; 100; 100")
    page.get_by_label("Ejer (region)").select_option(label="Region Midtjylland")
    page.get_by_role("button", name="Tilføj gevinst").click()
    assert page.get_by_role("alert").is_visible()  # bad number: the form comes back with what was typed
    assert page.get_by_label("Beskrivelse").input_value() == "Færre manuelle afregninger"
    _axe(page)
    page.locator("#id_target").fill("2000000")
    page.get_by_role("button", name="Tilføj gevinst").click()
    assert "Gevinsten er tilføjet" in page.get_by_role("status").first.inner_text()
    assert (
        page.get_by_role("cell", name="Færre manuelle afregninger").count()
        + page.get_by_role("rowheader", name="Færre manuelle afregninger").count()
        >= 1
    )
    assert "3,5 %" in page.locator("#h-economy + p").inner_text()
    assert page.locator("svg.benefit-chart").first.is_visible()
    _axe(page)
    assert BenefitLine.objects.filter(version=draft, description="Færre manuelle afregninger").exists()
    # LUNA's costs outweigh this one benefit: the leader says why it is still recommended.
    page.get_by_role("link", name="Skriv begrundelsen").click()
    _axe(page)
    page.get_by_label("Hvorfor anbefales business casen trods negativ økonomi?").fill(
        "Et fælles system giver ens afregning for praksis i alle regioner og færre fejl for patienterne."
    )
    page.get_by_role("button", name="Gem begrundelse").click()
    assert "Begrundelsen er gemt" in page.get_by_role("status").first.inner_text()

    browser_login("formand")
    page.goto(f"/oekonomi/version/{draft.pk}/")
    decide = page.get_by_role("region", name="Styregruppens afgørelse")
    assert "Nutidsværdi" in decide.inner_text() and "ens afregning for praksis" in decide.inner_text()
    assert page.get_by_role("table", name="Økonomisk billede: LUNA – administration af praksissektoren").is_visible()
    _axe(page)
    page.get_by_role("button", name="Godkend version").click()
    assert f"Version {draft.number} er godkendt" in page.get_by_role("status").first.inner_text()
    assert BusinessCaseVersion.objects.get(pk=draft.pk).status == "approved"


def test_regional_reports_and_the_secretariat_sees_it(page, browser_login):
    item = RealisationPlanItem.objects.get(project__pejlemaerke__short_name="Patologi", region__code="RN")
    browser_login("regional")
    page.goto(f"/oekonomi/realisering/{item.project_id}/")
    assert "mangler" in page.get_by_role("table").first.inner_text()  # 2025 is overdue
    _axe(page)
    page.get_by_label("Gevinst og region").select_option(str(item.pk))
    page.locator("#id_year").fill("2025")
    page.get_by_label("Realiseret værdi").fill("2450,5")
    page.get_by_label("Kort tekst").fill("Det sidste sygehus kom med i efteråret.")
    page.get_by_role("button", name="Indberet").click()
    assert "indberettet" in page.get_by_role("status").first.inner_text()
    report = RealisationReport.objects.get(item=item, year=2025)
    assert report.realised == Decimal("2450.50") and report.submitted_by.username == "regional"

    browser_login("sekretariat")
    page.goto("/dashboard/")
    page.get_by_role("navigation", name="Dashboardets faner").get_by_role("link", name="Gevinstrealisering").click()
    table = page.get_by_role("table", name="Det fællesregionale patologisystem: gevinster 2025, mål og realiseret")
    assert "2.450,50" in table.inner_text()
    _axe(page)
    menu = page.get_by_role("navigation", name="Hovedmenu")
    link = menu.get_by_role("link", name="Realisering", exact=True)
    if not link.is_visible():  # it sits in the Økonomi drop-down
        menu.locator('li.submenu:has(a[href="/oekonomi/realisering/"]) button.js-dropdown').click()
    link.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Realisering"
    assert "2.450,50" in page.get_by_role("region", name="Opfølgning 2025: realiseret mod mål").inner_text() or (
        "2.450,50" in page.locator("#h-follow-up").locator("..").inner_text()
    )
    _axe(page)

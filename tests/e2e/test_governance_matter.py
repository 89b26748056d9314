"""The secretariat sees a matter's route and reason before saving (htmx), and the meeting page passes axe."""

from datetime import date

import pytest

from governance.models import Matter, Meeting

from .conftest import axe_violations, format_violations

pytestmark = pytest.mark.e2e


def test_route_preview_updates_before_saving(page, browser_login):
    browser_login("sekretariat")
    page.goto("/styring/sager/ny/")
    page.get_by_label("Titel").fill("Ny integration til LUNA")
    page.get_by_label("Pejlemærke").select_option(label="LUNA – administration af praksissektoren")
    page.get_by_label("Type").select_option("economy")
    page.get_by_label("Beløb (kr.)").fill("1000000.01")
    page.get_by_label("Budgetår").fill("2027")
    page.get_by_label("Budgetår").press("Tab")
    preview = page.locator("#route-preview")
    preview.get_by_text("Sagen besluttes af RSI DK.").wait_for()
    assert "1.000.000,01 kr." in preview.inner_text()
    assert not Matter.objects.filter(title="Ny integration til LUNA").exists()  # nothing saved yet
    page.get_by_label("Beløb (kr.)").fill("1000000")
    page.get_by_label("Beløb (kr.)").press("Tab")
    preview.get_by_text("Sagen besluttes af IT5.").wait_for()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
    page.get_by_role("button", name="Gem og send til beslutning").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Ny integration til LUNA"
    assert Matter.objects.get(title="Ny integration til LUNA").route_body == "IT5"


def test_meeting_page_passes_axe_for_the_secretariat(page, browser_login):
    upcoming = Meeting.objects.filter(body__kind="RSI_DK", day__gte=date.today()).order_by("day").first()
    browser_login("sekretariat")
    page.goto(upcoming.get_absolute_url())
    assert page.get_by_role("heading", level=2, name="Dagsorden", exact=True).is_visible()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)

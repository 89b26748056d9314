"""Details users hit, in Chromium against the live server with the demo data: focus lands on the error summary
after a form error, "Fremlægges af" can be searched, and at phone width the menu is DKFDS's drawer."""

import pytest
from django.db.models import Count
from django.urls import reverse

from governance.models import Meeting

from .conftest import axe_violations, format_violations

pytestmark = pytest.mark.e2e

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def _meeting_with_agenda() -> Meeting:
    return Meeting.objects.annotate(n=Count("items")).filter(n__gt=3).order_by("day").first()


def _assert_axe_clean(page) -> None:
    violations = axe_violations(page)
    assert not violations, format_violations(violations)


def test_a_form_error_moves_focus_to_the_error_summary(page, browser_login):
    page.set_viewport_size({"width": 1366, "height": 768})
    browser_login("sekretariat")
    page.goto(reverse("governance:item_create", args=[_meeting_with_agenda().pk]))
    page.get_by_label("Sagsbehandler").fill("Typed text stays")
    page.get_by_role("button", name="Gem punkt").click()  # no title: the form comes back with an error
    summary = page.locator(".error-summary")
    summary.wait_for()
    assert page.evaluate("document.activeElement === document.querySelector('.error-summary')")
    assert summary.get_by_role("link").first.inner_text().startswith("Titel")  # the link to the field in error
    assert page.get_by_label("Sagsbehandler").input_value() == "Typed text stays"
    _assert_axe_clean(page)


def test_the_presenter_list_puts_the_bodys_members_first_and_can_be_searched(page, browser_login):
    page.set_viewport_size({"width": 1366, "height": 768})
    browser_login("sekretariat")
    page.goto(reverse("governance:item_create", args=[_meeting_with_agenda().pk]))
    select = page.get_by_label("Fremlægges af")
    groups = select.locator("optgroup").evaluate_all("groups => groups.map(g => g.label)")
    assert groups == ["Forummets medlemmer", "Øvrige"]
    others = select.locator("optgroup[label='Øvrige'] option")
    wanted = others.nth(others.count() // 2).inner_text()
    search = page.get_by_label("Søg i listen")
    search.fill(wanted)
    shown = select.locator("option:not([hidden]):not([value=''])").evaluate_all(
        "options => options.map(o => o.textContent)"
    )
    assert wanted in shown and len(shown) < 10
    total = select.locator("option:not([value=''])").count()
    assert page.locator(".select-search [aria-live]").inner_text() == f"Viser {len(shown)} af {total} personer."
    select.select_option(label=wanted)
    search.fill("")
    assert select.locator("option[hidden]").count() == 0
    _assert_axe_clean(page)


@pytest.mark.parametrize("where", ["home", "dashboard", "meeting"])
def test_at_phone_width_the_menu_is_a_drawer_and_nothing_scrolls_sideways(page, browser_login, where):
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login("sekretariat")
    url = {
        "home": reverse("portfolio:home"),
        "dashboard": reverse("portfolio:dashboard"),
        "meeting": _meeting_with_agenda().get_absolute_url(),
    }[where]
    page.goto(url)
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert not page.locator(".navigation-menu .mainmenu").is_visible()  # the desktop menu is hidden
    menu_button = page.get_by_role("button", name="Menu", exact=True)
    drawer = page.locator("#mobile-drawer")
    assert menu_button.is_visible() and not drawer.is_visible()
    _assert_axe_clean(page)

    menu_button.focus()
    page.keyboard.press("Enter")
    drawer.wait_for(state="visible")
    close = page.get_by_role("button", name="Luk menuen")
    assert page.evaluate("document.activeElement.classList.contains('js-menu-close')")
    # The drawer holds every menu group and the user's log-out, and its groups open from the keyboard.
    nav = page.get_by_role("navigation", name="Hovedmenu")
    assert nav.get_by_role("link", name="Mit overblik").is_visible()
    group = nav.get_by_role("button", name="Møder")
    group.focus()
    page.keyboard.press("Enter")
    assert group.get_attribute("aria-expanded") == "true"
    assert nav.get_by_role("link", name="Møder", exact=True).is_visible()
    assert drawer.get_by_role("button", name="Log ud").is_visible()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    _assert_axe_clean(page)

    page.keyboard.press("Escape")
    drawer.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.classList.contains('js-menu-open')")
    assert close.is_hidden()


def test_at_1366_the_menu_is_one_line_without_a_menu_button(page, browser_login):
    page.set_viewport_size({"width": 1366, "height": 768})
    browser_login("sekretariat")
    page.goto(reverse("portfolio:home"))
    assert not page.get_by_role("button", name="Menu", exact=True).is_visible()
    tops = page.evaluate(
        """() => [...document.querySelectorAll('.navigation-menu .mainmenu > li')]
            .filter(li => li.offsetParent !== null).map(li => Math.round(li.getBoundingClientRect().top))"""
    )
    assert len(tops) >= 5 and len(set(tops)) == 1, tops
    assert page.evaluate(NO_SIDEWAYS_SCROLL)

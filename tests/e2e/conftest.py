"""Browser tests: Playwright drives Debian's Chromium (never a downloaded browser) against live_server."""

import json
from pathlib import Path

from tests.conftest import require_component

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

# The browser fixtures (browser, page, csp_violations, browser_login) live in tests/browser.py, one `browser` per
# session for tests/e2e and tests/sso alike.


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """Run axe-core (npm package, injected into the page) and return the serious/critical violations."""
    require_component("axe-core", AXE_JS.exists(), f"{AXE_JS} is missing: run npm install")
    # Evaluated through DevTools, which the page's CSP does not govern (add_script_tag would
    # inline it, and the CSP rightly refuses inline script).
    page.evaluate(AXE_JS.read_text())
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
    )
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in impacts
    ]


def format_violations(violations: list[dict]) -> str:
    return json.dumps(violations, indent=2, ensure_ascii=False)


def click_menu(page, name: str) -> None:
    """Click a main-menu entry, opening its group's drop-down first when the entry sits in one."""
    link = page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name=name, exact=True)
    if not link.is_visible():
        # A collapsed drop-down's links are hidden, so outside the accessibility tree: find the group by CSS.
        group = page.locator(".mainmenu > li.submenu").filter(has=page.locator(f'a:text-is("{name}")'))
        group.locator("button.js-dropdown").click()
    link.click()

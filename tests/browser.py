"""The browser fixtures (Playwright on Debian's Chromium), shared by tests/e2e and tests/sso.

Registered once for the whole suite through `pytest_plugins` in tests/conftest.py, so a session has exactly
one `browser`: a second `sync_playwright()` started while the first one's event loop runs fails with
"using Playwright Sync API inside the asyncio loop" (which is what importing the fixtures into another
test module did, since an imported fixture is a second definition with its own session instance).
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import require_component

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser():
    require_component(
        "Chromium",
        shutil.which(CHROMIUM) is not None or Path(CHROMIUM).exists(),
        f"{CHROMIUM} is missing: apt-get install chromium chromium-driver",
    )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop; Django must still allow its ORM in this thread.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def csp_violations() -> list[str]:
    """The Content-Security-Policy violations the browser reported on `page` (checked empty after each test)."""
    return []


@pytest.fixture
def page(browser, live_server, transactional_db, demo, csp_violations):
    """A page on the live server with the portal's real headers: the CSP is enforced; a violation fails the test."""
    context = browser.new_context(base_url=live_server.url, locale="da-DK", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.on("console", lambda message: _record_csp_violation(csp_violations, message))
    yield page
    context.close()
    assert csp_violations == [], "Content-Security-Policy violations:\n" + "\n".join(csp_violations)


def _record_csp_violation(violations: list[str], message) -> None:
    if message.type == "error" and "Content Security Policy" in message.text:
        violations.append(f"{message.location.get('url', '')}: {message.text[:300]}")


@pytest.fixture
def browser_login(page):
    """browser_login("regional") logs in through the real login form."""

    def _login(username: str, password: str = "demo"):
        page.context.clear_cookies()
        page.goto("/login/")
        page.get_by_label("Brugernavn").fill(username)
        page.get_by_label("Adgangskode").fill(password)
        page.get_by_role("button", name="Log ind").click()
        page.wait_for_url(lambda url: "/login/" not in url)
        return page

    return _login

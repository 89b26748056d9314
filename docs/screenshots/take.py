"""Screenshots of every role's home page and of the dashboard at 1366 px (`make screenshots`).

Reads BASE_URL (a running portal with the demo data, default http://127.0.0.1:8765) and drives Debian's
Chromium through Playwright, as the browser tests do. The PNGs are written next to this file.
"""

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8765")
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
OUT = Path(__file__).resolve().parent
HOMES = ("sekretariat", "projektleder", "regional", "formand", "direktoer", "kontakt")


def login(page, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{BASE_URL}/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill("demo")
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(lambda url: "/login/" not in url)


def main() -> int:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="da-DK")
        for username in HOMES:
            login(page, username)
            page.goto(f"{BASE_URL}/")
            page.screenshot(path=OUT / f"home-{username}.png", full_page=True)
            print(f"home-{username}.png")
        login(page, "sekretariat")
        page.goto(f"{BASE_URL}/dashboard/")
        page.screenshot(path=OUT / "dashboard-1366.png", full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=OUT / "dashboard-390.png", full_page=True)
        print("dashboard-1366.png dashboard-390.png")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

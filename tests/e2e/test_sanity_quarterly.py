"""R37 in Chromium: the secretariat sees RITA's missing quarterly report flagged, files SYS's report, and it
lands on IT5's agenda as an orientation item. Each page passes axe with no serious findings."""

import pytest
from django.utils import timezone

from .conftest import axe_violations, format_violations

pytestmark = pytest.mark.e2e


def test_r37_sys_report_lands_on_the_it5_agenda_and_ritas_missing_report_is_flagged(page, browser_login):
    from governance.quarterly_reads import recent_quarters
    from governance.rules import quarter_label
    from governance.selectors import quarterly_missing
    from portfolio.models import Body

    today = timezone.localdate()
    last, before = recent_quarters(today)[:2]
    missing = quarterly_missing(today)[0]

    browser_login("sekretariat")
    page.goto("/")
    panel = page.get_by_role("region", name="Manglende kvartalsrapporter til IT5")
    assert f"RITA: {quarter_label(before)}" in panel.inner_text()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)

    panel.get_by_role("link", name="Gå til kvartalsrapporterne").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Kvartalsrapporter til IT5"
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
    page.locator("#id_body").select_option(value=str(Body.objects.get(kind="SYS").pk))
    page.locator("#id_quarter").select_option(label=quarter_label(last))
    page.locator("#id_text").fill("Stabil drift af de fælles systemer i kvartalet.")
    page.get_by_role("button", name="Sæt på IT5's dagsorden").click()
    notice = page.get_by_role("status").first
    assert "Rapporten er sat på IT5's dagsorden" in notice.inner_text()

    row = page.locator("tbody tr", has_text=quarter_label(last)).filter(has_text="SYS")
    assert "Indsendt" in row.inner_text()
    row.get_by_role("link").click()
    item = page.get_by_text(f"Kvartalsrapport fra SYS, {quarter_label(last)}")
    assert item.count() >= 1
    violations = axe_violations(page)
    assert not violations, format_violations(violations)

    page.goto(missing.meeting.get_absolute_url())
    note = page.locator(".quarterly-missing")
    assert f"RITA har ikke indsendt rapporten for {quarter_label(before)}" in note.inner_text()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)

"""R25 in Chromium: LUNA's steering-group chair escalates an IT-technical question from the pejlemærke page;
it appears in the secretariat's escalation log and on IT5's next agenda. The pages pass axe (0 serious)."""

import pytest
from django.utils import timezone

from .conftest import axe_violations, format_violations

pytestmark = pytest.mark.e2e


def test_r25_steering_group_escalation_appears_in_the_log_and_on_it5s_next_agenda(page, browser_login):
    from governance.models import Escalation, Meeting
    from portfolio.models import BodyKind, Pejlemaerke

    luna = Pejlemaerke.objects.get(short_name="LUNA")
    next_it5 = Meeting.objects.filter(body__kind=BodyKind.IT5, day__gt=timezone.localdate()).order_by("day").first()
    reason = "Styregruppen er uenig om databasen til LUNA-integrationen (e2e)."

    browser_login("formand")
    page.goto(f"/pejlemaerker/{luna.pk}/")
    page.get_by_role("link", name="Eskalér fra styregruppen").click()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
    page.get_by_role("button", name="Eskalér").click()  # no reason: a Danish error, nothing saved
    assert "Skriv hvorfor sagen eskaleres." in page.locator(".error-summary").inner_text()
    page.get_by_label("Type").select_option(value="it_technical")
    page.get_by_label("Begrundelse").fill(reason)
    page.get_by_role("button", name="Eskalér").click()
    notice = page.get_by_role("status").first
    assert f"mødet i IT5 {next_it5.day:%d.%m.%Y}" in notice.inner_text()
    escalation = Escalation.objects.get(reason=reason)

    page.context.clear_cookies()
    browser_login("sekretariat")
    page.goto("/styring/eskalationer/?source=styregruppe_it&state=open")
    assert page.get_by_role("heading", level=1).inner_text() == "Eskalationslog"
    row = page.locator("tbody tr", has_text=reason[:60])
    assert row.count() == 1 and "Projektstyregruppe → IT5" in row.inner_text()
    assert "Til behandling: IT5" in row.inner_text()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)

    page.goto(next_it5.get_absolute_url())
    assert escalation.item.meeting == next_it5
    assert page.get_by_text(escalation.item.title).count() >= 1
    violations = axe_violations(page)
    assert not violations, format_violations(violations)

""" "Mit overblik": every role's home page lists what to do now, its links work, and it passes axe."""

import re

import pytest
from django.utils import timezone

from .conftest import axe_violations, format_violations

pytestmark = pytest.mark.e2e


def _home(page, browser_login, username: str):
    page.set_viewport_size({"width": 1366, "height": 768})
    browser_login(username)
    page.goto("/")
    assert page.get_by_role("heading", level=1).inner_text() == "Mit overblik"
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
    # The grouped menu holds one line at 1366 px.
    tops = page.evaluate(
        """() => [...document.querySelectorAll('nav.main-nav .mainmenu > li')]
            .filter(li => li.offsetParent !== null).map(li => Math.round(li.getBoundingClientRect().top))"""
    )
    assert len(tops) >= 3 and len(set(tops)) == 1, tops
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    return page


def test_sekretariat_sees_missing_reports_per_person_reds_agenda_decisions_and_meetings(
    page, browser_login, eager_tasks
):
    from django.core import mail
    from django.urls import reverse

    from finance.models import ChangeRequest
    from portfolio.models import ReminderKind, ReminderLog

    _home(page, browser_login, "sekretariat")
    missing = page.get_by_role("region", name="Mangler indberetning for")
    # The demo leaves Hjemmemonitorering RN unreported: the person, the region and a one-click reminder.
    row = missing.locator("tbody tr", has_text="Hjemmemonitorering")
    assert "RN" in row.inner_text()
    person = row.locator("th").inner_text()
    mail.outbox.clear()
    row.get_by_role("button", name=f"Send påmindelse – {person}").click()
    assert page.get_by_role("status").first.inner_text().strip() == f"Påmindelsen til {person} er sendt."
    assert ReminderLog.objects.filter(kind=ReminderKind.MANUAL).count() == 1
    assert len(mail.outbox) == 1
    row = page.get_by_role("region", name="Mangler indberetning for").locator("tbody tr", has_text=person).first
    assert "påmindet" in row.inner_text()
    assert row.get_by_role("button", name=f"Send påmindelse – {person}").count() == 0  # once a month
    for heading in (
        "Forsinkede rapporter",
        "Nye røde",
        "Til næste RSI DK-møde",
        "Afventer beslutning",
        "Ændringsanmodninger",
        "Gatebeslutninger",
        "Næste møder",
        "Årshjulet i denne uge",
    ):
        assert page.get_by_role("heading", name=heading).is_visible(), heading
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
    # A change request awaiting the steering group links to its business case.
    request = ChangeRequest.objects.filter(status="submitted").select_related("business_case__project").first()
    page.get_by_role("region", name="Afventer beslutning").get_by_role(
        "link", name=re.compile(re.escape(request.title))
    ).click()
    assert page.url.endswith(reverse("finance:case_detail", args=[request.business_case.project_id]))
    page.goto("/")
    meetings = page.get_by_role("region", name="Næste møder")
    assert "Udsendes senest" in meetings.inner_text()
    assert "Dine projekter uden business case" not in page.locator("main").inner_text()
    # A link that does it: to the dashboard filtered on the missing reports.
    missing.get_by_role("link", name="Se dem på dashboardet").click()
    assert "colour=missing" in page.url
    assert page.locator("#dashboard-table tbody tr").count() >= 1


def test_project_leader_sees_due_forms_submits_one_region_and_the_next_opens(page, browser_login):
    _home(page, browser_login, "projektleder")
    due = page.get_by_role("region", name="Månedsstatus: det skal du indberette")
    assert due.locator("tbody tr").count() >= 1
    # LUNA reports per region: after one region's report the next region's form for the month opens.
    due.locator("tbody tr", has_text="LUNA").filter(has_not_text=re.compile(r"\bIndsendt")).first.locator("a").click()
    first = page.get_by_role("heading", level=1).inner_text()
    page.get_by_role("radio", name=re.compile("^Grøn")).check()
    page.get_by_label("Overordnet status").fill("Som planlagt.")
    page.get_by_role("button", name="Indsend").click()
    message = page.get_by_role("status").first.inner_text()
    assert "er indsendt – nu" in message, message
    assert page.get_by_role("heading", level=1).inner_text() != first
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
    page.goto("/")
    gate = page.locator("section", has=page.get_by_role("heading", name="Næste gate:"))
    assert gate.count() >= 1
    gate.first.get_by_role("link", name="Gå til gate-tjeklisten").click()
    assert "/faser/" in page.url


def test_regional_project_leader_opens_the_form_from_home_and_copies_last_month_on_request(page, browser_login):
    _home(page, browser_login, "regional")
    due = page.get_by_role("region", name="Månedsstatus: det skal du indberette")
    due.locator("tbody a").first.click()
    assert page.get_by_role("button", name="Indsend").is_visible()
    overall = page.get_by_label("Overordnet status")
    assert overall.input_value() == ""  # last month's text is not copied unasked
    copy = page.get_by_role("link", name="Kopiér sidste måneds tekst")
    if copy.count():  # the demo's month before is reported
        copy.click()
        assert page.get_by_label("Overordnet status").input_value() != ""
        assert not page.locator("#id_colour input:checked").count()  # the colour is chosen anew
    violations = axe_violations(page)
    assert not violations, format_violations(violations)


def test_formand_decides_a_change_request_from_home_with_buttons_first(page, browser_login):
    from finance.models import ChangeRequest

    pending = ChangeRequest.objects.filter(status="submitted", business_case__project__pejlemaerke__short_name="LUNA")
    assert pending.exists(), "the demo has a pending change request for formand"
    _home(page, browser_login, "formand")
    section = page.get_by_role("region", name="Afventer din beslutning")
    request = pending.first()
    item = section.locator("li", has_text=request.title)
    approve = item.get_by_role("button", name=f"Godkend – {request.title}")
    text = item.get_by_text(request.title, exact=True)
    # The buttons sit at the top of the item, above the title and amount.
    assert approve.bounding_box()["y"] <= text.bounding_box()["y"]
    assert " kr." in item.inner_text()
    versions = section.locator("li", has=page.locator("form[action*='/version/']"))
    if versions.count():  # a draft version shows what it changes against the version before it
        assert "version" in versions.first.inner_text()
    approve.click()
    request.refresh_from_db()
    assert request.status == "approved"


def test_director_reaches_the_published_pack_in_one_click(page, browser_login):
    from governance.models import Meeting, PackVersion

    meeting = Meeting.objects.filter(body__kind="RSI_DK", day__gte=timezone.localdate()).order_by("day").first()
    version = PackVersion.objects.filter(meeting=meeting).order_by("-number").first()
    assert version is not None, "the demo publishes the next RSI DK meeting's pack"
    _home(page, browser_login, "direktoer")
    meetings = page.get_by_role("region", name="Dine næste møder")
    assert "Udsendt" in meetings.inner_text()
    for heading in ("Røde pejlemærker", "Sager, dit forum skal beslutte", "Månedsrapporten"):
        assert page.get_by_role("heading", name=heading).first.is_visible(), heading
    meetings.get_by_role("link", name="Åbn dagsordenspakken").first.click()
    assert str(version.members_pack.uuid) in page.url
    violations = axe_violations(page)
    assert not violations, format_violations(violations)


def test_contact_sees_the_regions_colours_missing_reports_payments_and_opt_outs(page, browser_login):
    _home(page, browser_login, "kontakt")
    region = page.get_by_role("region", name="Kontaktperson for Region Sjælland")
    for heading in ("Røde og gule", "Mangler indberetning", "Regionen betaler i", "Regionen afstår eller afventer"):
        assert region.get_by_role("heading", name=heading).is_visible(), heading
    region.get_by_role("link", name="Se alle pejlemærker").click()
    assert "/pejlemaerker/" in page.url

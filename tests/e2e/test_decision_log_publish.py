"""R28/R29 in Chromium: the secretariat publishes the decision log ("Udsend beslutningsprotokol"), a member
gets the e-mail with a link and downloads version 1 with the closed item's decision, and a non-member reads
the published copy without it; the pages pass axe."""

import re
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from governance import services
from governance.models import Access, MeetingFormat, Outcome
from portfolio.models import Body, BodyKind
from rsi_portal.pdf import pdf_text

from .conftest import axe_violations, format_violations

pytestmark = pytest.mark.e2e
CLOSED_TITLE = "Lukket forhandling om drift"


@pytest.fixture
def eager(settings, tmp_path):
    """Tasks run in the live server's process, so the members' mail lands in the locmem outbox here."""
    from rsi_portal.celery import app

    settings.MEDIA_ROOT = tmp_path
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    mail.outbox = []
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def meeting(page, eager):
    actor = get_user_model().objects.get(username="sekretariat")
    day = date.today() - timedelta(days=2)
    meeting = services.meeting_save(
        actor=actor,
        body=Body.objects.get(kind=BodyKind.RSI_DK),
        day=day - timedelta(days=1) if day.weekday() == 3 else day,
        format=MeetingFormat.PHYSICAL,
        location="Dampfærgevej 22",
    )
    for title, access, text in (
        ("Status for LUNA", Access.PUBLIC, "Status blev godkendt."),
        (CLOSED_TITLE, Access.CLOSED, "HEMMELIG-MANDAT"),
    ):
        item = services.agenda_item_save(
            actor=actor, meeting=meeting, title=title, access=access, indstilling="at sagen godkendes"
        )
        services.agenda_item_decide(actor=actor, item=item, outcome=Outcome.APPROVED, text=text, decided_on=meeting.day)
    return meeting


def _download(page, name: str) -> str:
    page.get_by_role("link", name=name).click()
    link = page.get_by_role("link", name="Download beslutningsprotokollen (PDF)")
    link.wait_for(timeout=120_000)
    with page.expect_download() as info:
        link.click()
    with open(info.value.path(), "rb") as handle:
        return " ".join(pdf_text(handle.read()).split())


def test_publish_decision_log_notify_and_read_it_per_audience(page, browser_login, meeting):
    browser_login("sekretariat")
    page.goto(meeting.get_absolute_url())
    assert page.get_by_text("Beslutningsprotokollen er ikke udsendt endnu.").is_visible()
    page.get_by_role("button", name="Udsend beslutningsprotokol", exact=True).click()
    page.get_by_text("Version 1 af beslutningsprotokollen er udsendt").wait_for()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)

    direktoer = get_user_model().objects.get(username="direktoer")
    message = next(m for m in mail.outbox if m.to == [direktoer.email])
    assert "Beslutningsprotokol" in message.subject and message.attachments == []
    link = re.search(r"https?://\S+/styring/moeder/\d+/", message.body).group(0)
    browser_login("direktoer")
    page.goto(urlsplit(link).path)
    text = _download(page, "Hent beslutningsprotokol, version 1 (PDF)")
    assert "Version 1" in text and "Status blev godkendt." in text and "HEMMELIG-MANDAT" in text

    browser_login("projektleder")
    page.goto(meeting.get_absolute_url())
    assert CLOSED_TITLE not in page.content() and "HEMMELIG" not in page.content()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
    text = _download(page, "Hent beslutningsprotokol, version 1 (PDF)")
    assert "Status blev godkendt." in text and "HEMMELIG" not in text and CLOSED_TITLE not in text

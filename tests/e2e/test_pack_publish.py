"""R28/R30/R39 in Chromium: the secretariat publishes, a member gets the e-mail and downloads version 1,
the secretariat changes an item and republishes, the member sees "Ændret siden version 1" on the meeting
page and in the pack, and a non-member never sees a draft or a Lukket item in any version."""

import re
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from governance import services
from governance.models import Access, AgendaPack, MeetingFormat, PackVersion
from portfolio.models import Body, BodyKind
from rsi_portal.pdf import pdf_text

from .conftest import axe_violations, format_violations

pytestmark = pytest.mark.e2e
CLOSED_TITLE = "Lukket kontraktsag om drift"


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
    day = date.today() + timedelta(days=45)
    meeting = services.meeting_save(
        actor=actor,
        body=Body.objects.get(kind=BodyKind.RSI_DK),
        day=day + timedelta(days=1) if day.weekday() == 3 else day,
        format=MeetingFormat.PHYSICAL,
        location="Dampfærgevej 22",
    )
    services.agenda_item_save(
        actor=actor,
        meeting=meeting,
        title="Status for LUNA",
        resume="Første udgave.",
        indstilling="at status godkendes",
    )
    services.agenda_item_save(
        actor=actor, meeting=meeting, title=CLOSED_TITLE, access=Access.CLOSED, resume="HEMMELIG-DRIFT"
    )
    return meeting


def _download(page, name: str) -> str:
    page.get_by_role("link", name=name).click()
    link = page.get_by_role("link", name="Download dagsordenspakken (PDF)")
    link.wait_for(timeout=120_000)
    with page.expect_download() as info:
        link.click()
    with open(info.value.path(), "rb") as handle:
        return pdf_text(handle.read())


def test_publish_notify_download_republish_and_see_what_changed(page, browser_login, meeting):
    # The secretariat publishes version 1.
    browser_login("sekretariat")
    page.goto(meeting.get_absolute_url())
    assert page.get_by_text("Dagsordenen er ikke udsendt endnu.").is_visible()
    page.get_by_role("button", name="Udsend dagsorden", exact=True).click()
    page.get_by_text("Version 1 er udsendt").wait_for()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
    version = PackVersion.objects.get(meeting=meeting, number=1)

    # A member receives the e-mail with a link (no file) and downloads version 1.
    direktoer = get_user_model().objects.get(username="direktoer")
    message = next(m for m in mail.outbox if m.to == [direktoer.email])
    assert message.attachments == [] and "2 punkter" in message.body
    link = re.search(r"https?://\S+/styring/moeder/\d+/", message.body).group(0)
    browser_login("direktoer")
    page.goto(urlsplit(link).path)
    assert page.get_by_text("Udsendt version 1").is_visible()
    text = _download(page, "Hent dagsordenspakke, version 1 (PDF)")
    assert "Version 1" in text and CLOSED_TITLE in text and "Første udgave." in text

    # The secretariat changes an item and republishes with a reason.
    browser_login("sekretariat")
    item = meeting.items.get(title="Status for LUNA")
    page.goto(f"/styring/punkter/{item.pk}/rediger/")
    page.get_by_label("Resumé").fill("Rettet udgave efter styregruppen.")
    page.get_by_role("button", name="Gem punkt").click()
    page.goto(meeting.get_absolute_url())
    page.get_by_label("Hvorfor udsendes dagsordenen igen?").fill("Resuméet er rettet")
    page.get_by_role("button", name="Udsend dagsorden som version 2").click()
    page.get_by_text("Version 2 er udsendt").wait_for()

    # The member sees what changed on the meeting page and in the pack.
    browser_login("direktoer")
    page.goto(meeting.get_absolute_url())
    changes = page.locator("#aendringer")
    assert "Ændret siden version 1" in changes.inner_text()
    assert "Punkt 1. Status for LUNA: ændret i Resumé." in changes.inner_text()
    assert "Du har hentet version 1." in page.content()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
    text = _download(page, "Hent dagsordenspakke, version 2 (PDF)")
    assert "Ændret siden version 1" in text and "Rettet udgave efter styregruppen." in text

    # A non-member never sees a draft or the Lukket item, in any version.
    draft = AgendaPack.objects.create(meeting=meeting, audience="others", content_hash="d" * 64)
    browser_login("projektleder")
    page.goto(meeting.get_absolute_url())
    assert CLOSED_TITLE not in page.content() and "HEMMELIG" not in page.content()
    assert page.goto(f"/styring/pakker/{draft.uuid}/").status == 404
    for number in (1, 2):
        others = PackVersion.objects.get(meeting=meeting, number=number).others_pack
        response = page.request.get(f"/styring/pakker/{others.uuid}/hent/")
        assert response.status == 200
        text = pdf_text(response.body())
        assert CLOSED_TITLE not in text and "HEMMELIG" not in text and "Status for LUNA" in text
        members = PackVersion.objects.get(meeting=meeting, number=number).members_pack
        assert page.request.get(f"/styring/pakker/{members.uuid}/hent/").status == 403
    assert version.number == 1

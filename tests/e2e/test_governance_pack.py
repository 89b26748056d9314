"""A director downloads the next meeting's agenda pack from their meeting list, in Chromium."""

import os
import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from governance.models import Meeting
from rsi_portal.pdf import pdf_text
from tests.celery_worker import celery_worker_process  # noqa: F401 - used via getfixturevalue

from .conftest import axe_violations, click_menu, format_violations

pytestmark = pytest.mark.e2e


@pytest.fixture
def pack_worker(request, settings):
    """With Redis the pack is rendered by a real Celery worker; without it, in process (eager)."""
    if os.environ.get("REDIS_URL"):
        import shutil
        from pathlib import Path

        from governance.models import Attachment

        worker = request.getfixturevalue("celery_worker_process")
        # Web and worker share one file store in production; here the worker has its own MEDIA_ROOT,
        # so the demo's uploaded Bilag are copied there and the web side reads from it too.
        for attachment in Attachment.objects.all():
            target = Path(worker.media_root) / attachment.file.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(attachment.file.path, target)
        settings.MEDIA_ROOT = worker.media_root
        return worker
    return None


def test_direktoer_downloads_the_next_meetings_pack(page, browser_login, pack_worker):
    upcoming = Meeting.objects.filter(body__kind="RSI_DK", day__gte=date.today()).order_by("day").first()
    closed_title = upcoming.items.get(access="closed").title
    # R30: members only ever get a published pack; the secretariat publishes it first.
    from django.contrib.auth import get_user_model

    from governance import services
    from governance.models import AgendaPack, PackVersion

    demo_version = PackVersion.objects.filter(meeting=upcoming, kind="agenda").first()
    if demo_version is None:
        services.agenda_pack_publish(actor=get_user_model().objects.get(username="sekretariat"), meeting=upcoming)
    else:  # the demo published it while loading: its render job went to a queue no worker of this test reads
        AgendaPack.objects.filter(pk__in=[demo_version.members_pack_id, demo_version.others_pack_id]).exclude(
            status="done"
        ).update(started_at=timezone.now() - timedelta(days=1))  # past its lease: asked for, it is rendered again
    browser_login("direktoer")
    click_menu(page, "Møder")
    assert page.get_by_role("heading", level=1).inner_text() == "Møder"
    violations = axe_violations(page)
    assert not violations, format_violations(violations)

    day = upcoming.day.strftime("%-d. ")
    button = page.get_by_role("button", name=re.compile(rf"Hent dagsordenspakke {re.escape(day)}"))
    button.first.click()
    link = page.get_by_role("link", name="Download dagsordenspakken (PDF)")
    link.wait_for(timeout=120_000)  # htmx polls the progress until the worker is done
    assert page.get_by_role("status").first.is_visible()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as handle:
        text = pdf_text(handle.read())
    assert "Side 1 af" in text and upcoming.body.name in text
    assert closed_title in text  # a member of RSI DK gets the members' pack
    assert "status rød" in text

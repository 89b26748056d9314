"""R30 generation: a Celery task renders the pack once per content hash; progress is polled with htmx;
a real worker on Redis renders it in another process."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from governance import services
from governance.models import AgendaPack, PackStatus
from governance.tasks import render_agenda_pack
from rsi_portal.pdf import pdf_text
from tests.celery_worker import celery_worker_process  # noqa: F401
from tests.governance.helpers import add_item, make_meeting


def _user(name):
    return get_user_model().objects.get(username=name)


@pytest.fixture
def meeting(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = make_meeting(day=date(2031, 1, 20))
    add_item(meeting, "Punkt til pakken", indstilling="at pakken dannes")
    return meeting


@pytest.mark.django_db
def test_r30_same_agenda_is_never_rendered_twice(meeting, eager_tasks, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = services.agenda_pack_request(actor=_user("sekretariat"), meeting=meeting, members_view=True)
    assert len(callbacks) == 1
    first.refresh_from_db()
    assert first.status == PackStatus.DONE and first.pages >= 3 and first.progress == 100
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = services.agenda_pack_request(actor=_user("sekretariat"), meeting=meeting, members_view=True)
    assert again.pk == first.pk and callbacks == []  # cached by content hash: no second render
    add_item(meeting, "Nyt punkt")
    with django_capture_on_commit_callbacks(execute=True):
        changed = services.agenda_pack_request(actor=_user("sekretariat"), meeting=meeting, members_view=True)
    assert changed.pk != first.pk
    changed.refresh_from_db()
    assert "Nyt punkt" in pdf_text(changed.file.open("rb").read())


@pytest.mark.django_db
def test_r30_task_is_idempotent(meeting, eager_tasks, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        pack = services.agenda_pack_request(actor=_user("sekretariat"), meeting=meeting, members_view=False)
    pack.refresh_from_db()
    name = pack.file.name
    assert render_agenda_pack(pack.pk) == PackStatus.DONE
    pack.refresh_from_db()
    assert pack.file.name == name


@pytest.mark.django_db
def test_r30_progress_is_polled_with_htmx_and_page_works_without_js(client, login, meeting):
    pack = AgendaPack.objects.create(meeting=meeting, audience="others", content_hash="x" * 64, progress=40)
    login("sekretariat")  # a draft pack: only the secretariat sees it (R30)
    partial = client.get(f"/styring/pakker/{pack.uuid}/", HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in partial and 'aria-live="polite"' in partial and "40 %" in partial
    assert "<html" not in partial
    page = client.get(f"/styring/pakker/{pack.uuid}/").content.decode()
    assert '<meta http-equiv="refresh"' in page  # without JavaScript the page refreshes itself


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_r30_pack_rendered_by_a_real_worker(celery_worker_process, demo, settings):  # noqa: F811
    """The worker is another process with its own MEDIA_ROOT; the test reads the stored pack from there."""
    import time

    settings.MEDIA_ROOT = celery_worker_process.media_root

    meeting = make_meeting(day=date(2031, 1, 21))
    add_item(meeting, "Punkt til pakken", indstilling="at pakken dannes")
    pack = services.agenda_pack_request(actor=_user("sekretariat"), meeting=meeting, members_view=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        pack.refresh_from_db()
        if pack.status in (PackStatus.DONE, PackStatus.FAILED):
            break
        time.sleep(0.5)
    assert pack.status == PackStatus.DONE, celery_worker_process.log()
    with pack.file.open("rb") as handle:
        text = pdf_text(handle.read())
    assert "Punkt til pakken" in text and "Side 1 af" in text

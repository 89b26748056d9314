"""Agenda packs never stay stuck (failure 1c, 1d) and a missing stored file is a clean 404 or a new render
(failure 6). Tasks run in process here; the broker and worker faults are in test_broker_outage and
test_worker_kill."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from governance import services as governance_services
from governance.models import AgendaPack, PackStatus
from tests.governance.helpers import add_item, attach_file, make_meeting, sekretariat

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(demo, settings, tmp_path, eager_tasks):
    settings.MEDIA_ROOT = tmp_path
    meeting = make_meeting(day=date(2031, 5, 19))
    add_item(meeting, "Punkt til pakken", indstilling="at pakken dannes")
    return meeting


@pytest.fixture
def eager_tasks():
    from rsi_portal.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


def _publish(meeting, django_capture_on_commit_callbacks):
    """R30: a reader only gets a published pack; the secretariat publishes it (its render runs eagerly)."""
    with django_capture_on_commit_callbacks(execute=True):
        return governance_services.agenda_pack_publish(actor=sekretariat(), meeting=meeting)


def _request(client, meeting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/styring/moeder/{meeting.pk}/pakke/")
    assert response.status_code == 302
    return response


def test_r30_a_request_takes_over_a_pack_whose_render_stopped_past_its_lease(
    client, login, meeting, settings, django_capture_on_commit_callbacks
):
    _publish(meeting, django_capture_on_commit_callbacks)
    login("direktoer")
    _request(client, meeting, django_capture_on_commit_callbacks)
    pack = AgendaPack.objects.get(meeting=meeting, audience="members")
    # As a killed worker leaves it: running at 20 %, started longer ago than the lease, no file.
    started = timezone.now() - timedelta(seconds=settings.RSI["PACK_RENDER_LEASE_SECONDS"] + 60)
    AgendaPack.objects.filter(pk=pack.pk).update(status=PackStatus.RUNNING, progress=20, started_at=started, file="")
    page = client.get(pack.get_absolute_url()).content.decode()
    assert "Prøv igen</button>" in page  # stuck: the page offers a new try
    _request(client, meeting, django_capture_on_commit_callbacks)
    pack.refresh_from_db()
    assert pack.status == PackStatus.DONE and pack.file


def test_r30_a_failed_render_shows_a_danish_error_with_a_retry_button_that_works(
    client, login, meeting, monkeypatch, django_capture_on_commit_callbacks
):
    from governance.services import packs

    def broken(*args, **kwargs):
        raise RuntimeError("WeasyPrint crashed")

    login("direktoer")
    with monkeypatch.context() as patch:
        patch.setattr(packs, "render_pack", broken)
        _publish(meeting, django_capture_on_commit_callbacks)  # the publication's render fails
        response = _request(client, meeting, django_capture_on_commit_callbacks)  # and the reader's try
    pack = AgendaPack.objects.get(meeting=meeting, audience="members")
    assert pack.status == PackStatus.FAILED
    page = client.get(response["Location"]).content.decode()
    assert "Pakken kunne ikke dannes" in page and "Prøv igen</button>" in page
    assert f'action="/styring/moeder/{meeting.pk}/pakke/"' in page
    _request(client, meeting, django_capture_on_commit_callbacks)  # the button's POST
    pack.refresh_from_db()
    assert pack.status == PackStatus.DONE


def test_r30_a_done_pack_whose_file_is_missing_is_rendered_again_and_its_download_is_a_clean_404(
    client, login, meeting, django_capture_on_commit_callbacks
):
    _publish(meeting, django_capture_on_commit_callbacks)
    login("direktoer")
    _request(client, meeting, django_capture_on_commit_callbacks)
    pack = AgendaPack.objects.get(meeting=meeting, audience="members")
    path = pack.file.path
    pack.file.storage.delete(pack.file.name)  # the database restored, the media not
    client.raise_request_exception = False
    download = client.get(f"{pack.get_absolute_url()}hent/")
    assert download.status_code == 404 and "Siden findes ikke" in download.content.decode()
    _request(client, meeting, django_capture_on_commit_callbacks)
    pack.refresh_from_db()
    assert pack.status == PackStatus.DONE
    with open(path, "rb") as handle:
        assert handle.read(4) == b"%PDF"


def test_a_missing_attachment_file_is_a_clean_404(client, login, meeting):
    item = meeting.items.get(title="Punkt til pakken")
    attachment = attach_file(item, "bilag.txt", b"indhold")
    attachment.file.storage.delete(attachment.file.name)
    login("sekretariat")
    client.raise_request_exception = False
    response = client.get(f"/styring/bilag/{attachment.pk}/")
    assert response.status_code == 404 and "Siden findes ikke" in response.content.decode()


def test_the_pack_request_is_one_outbox_job_sent_on_commit(client, login, meeting, django_capture_on_commit_callbacks):
    from rsi_portal.models import JobState, OutboxJob

    login("sekretariat")  # R30: the secretariat's draft; a reader gets the published pack
    _request(client, meeting, django_capture_on_commit_callbacks)
    pack = AgendaPack.objects.get(meeting=meeting, audience="members")
    job = OutboxJob.objects.get(key=f"agenda_pack:{pack.pk}")
    assert (job.kind, job.arguments, job.state) == (
        "governance.tasks.render_agenda_pack",
        {"args": [pack.pk], "kwargs": {}},
        JobState.DONE,
    )
    assert governance_services.agenda_pack_queue_state(pack) == {"waiting": False, "stuck": False}

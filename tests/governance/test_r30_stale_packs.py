"""R30 with R29: a stored pack is served only while its content still matches what its readers may see now,
and pack addresses cannot be guessed (a UUID, not the row id)."""

import uuid
from datetime import date

import pytest

from governance import services
from governance.models import Access, AgendaPack, PackStatus
from rsi_portal.pdf import pdf_text
from tests.governance.helpers import add_item, attach_file, make_meeting, sekretariat

pytestmark = pytest.mark.django_db

SECRET = "SNART-LUKKET-6620"


@pytest.fixture
def meeting(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = make_meeting(day=date(2031, 6, 12))
    item = add_item(meeting, f"Udbud {SECRET}", resume=SECRET)
    attach_file(item, "udbud.txt", SECRET.encode())
    return meeting


def _publish(meeting, django_capture_on_commit_callbacks, reason=""):
    """R30: readers only get a published pack; the secretariat publishes (tasks run eagerly)."""
    with django_capture_on_commit_callbacks(execute=True):
        return services.agenda_pack_publish(actor=sekretariat(), meeting=meeting, reason=reason)


def _others_pack(client, login, meeting, django_capture_on_commit_callbacks):
    _publish(meeting, django_capture_on_commit_callbacks)
    login("projektleder")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/styring/moeder/{meeting.pk}/pakke/")
    pack = AgendaPack.objects.get(meeting=meeting, audience="others")
    assert pack.status == PackStatus.DONE
    return response, pack


def _download(client, pack):
    return client.get(f"/styring/pakker/{pack.uuid}/hent/")


def test_r30_pack_url_is_a_uuid_not_the_row_id(client, login, meeting, eager_tasks, django_capture_on_commit_callbacks):
    response, pack = _others_pack(client, login, meeting, django_capture_on_commit_callbacks)
    assert isinstance(pack.uuid, uuid.UUID)
    assert response["Location"] == f"/styring/pakker/{pack.uuid}/"
    assert client.get(f"/styring/pakker/{pack.pk}/").status_code == 404
    assert client.get(f"/styring/pakker/{pack.pk}/hent/").status_code == 404
    assert client.get(f"/styring/pakker/{uuid.uuid4()}/hent/").status_code == 404
    download = _download(client, pack)
    assert download.status_code == 200 and SECRET in pdf_text(b"".join(download.streaming_content))


def test_r30_pack_is_not_served_after_an_item_turns_closed(
    client, login, meeting, eager_tasks, django_capture_on_commit_callbacks
):
    _response, old = _others_pack(client, login, meeting, django_capture_on_commit_callbacks)
    item = meeting.items.get(title__contains=SECRET)
    services.agenda_item_save(actor=sekretariat(), meeting=meeting, item=item, access=Access.CLOSED)
    response = _download(client, old)
    assert response.status_code == 404
    assert SECRET.encode() not in b"".join(getattr(response, "streaming_content", [response.content]))
    page = client.get(f"/styring/pakker/{old.uuid}/").content.decode()
    assert "Download dagsordenspakken" not in page and "forældet" in page


def test_r30_stale_pack_answers_with_the_current_pack_when_there_is_one(
    client, login, meeting, eager_tasks, django_capture_on_commit_callbacks
):
    _response, old = _others_pack(client, login, meeting, django_capture_on_commit_callbacks)
    item = meeting.items.get(title__contains=SECRET)
    services.agenda_item_save(actor=sekretariat(), meeting=meeting, item=item, access=Access.CONFIDENTIAL)
    _publish(meeting, django_capture_on_commit_callbacks, reason="Punktet er fortroligt")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/styring/moeder/{meeting.pk}/pakke/")
    current = AgendaPack.objects.get(meeting=meeting, audience="others", status=PackStatus.DONE, pk__gt=old.pk)
    response = _download(client, old)
    assert response.status_code == 302 and response["Location"] == f"/styring/pakker/{current.uuid}/hent/"
    text = pdf_text(b"".join(client.get(response["Location"]).streaming_content))
    assert SECRET not in text and "Fortroligt punkt" in text


def test_r30_members_pack_is_still_served_to_members_while_current(
    client, login, meeting, eager_tasks, django_capture_on_commit_callbacks
):
    _publish(meeting, django_capture_on_commit_callbacks)
    login("direktoer")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/styring/moeder/{meeting.pk}/pakke/")
    pack = AgendaPack.objects.get(meeting=meeting, audience="members")
    assert _download(client, pack).status_code == 200
    login("projektleder")
    assert _download(client, pack).status_code == 403

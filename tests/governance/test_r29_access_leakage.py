"""R29 access: Lukket items only for the body's members and the secretariat; Fortrolig shows only its number.
Checked on the meeting page, the item page, the attachment download, the pack PDF and the pack download URL."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from governance import services
from governance.models import Access, AgendaPack
from governance.pdf import render_pack
from rsi_portal.pdf import pdf_text
from tests.governance.helpers import add_item, attach_file, make_meeting

pytestmark = pytest.mark.django_db

SECRET_CLOSED = "HEMMELIG-LUKKET-7731"
SECRET_CONFIDENTIAL = "HEMMELIG-FORTROLIG-4410"


@pytest.fixture
def meeting(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = make_meeting(day=date(2031, 4, 10))
    add_item(meeting, "Offentligt punkt", resume="Alle må læse dette.")
    closed = add_item(meeting, f"Lukket {SECRET_CLOSED}", access=Access.CLOSED, resume=SECRET_CLOSED)
    attach_file(closed, "lukket.txt", SECRET_CLOSED.encode())
    add_item(meeting, f"Fortrolig {SECRET_CONFIDENTIAL}", access=Access.CONFIDENTIAL, resume=SECRET_CONFIDENTIAL)
    return meeting


@pytest.mark.parametrize("username", ["projektleder", "regional", "formand", "kontakt"])
def test_r29_non_member_meeting_page_hides_closed_and_confidential(client, login, meeting, username):
    login(username)
    text = client.get(meeting.get_absolute_url()).content.decode()
    assert "Offentligt punkt" in text
    assert SECRET_CLOSED not in text and SECRET_CONFIDENTIAL not in text
    assert "3. Fortroligt punkt" in text


@pytest.mark.parametrize("username", ["direktoer", "sekretariat"])
def test_r29_members_and_secretariat_see_everything(client, login, meeting, username):
    login(username)
    text = client.get(meeting.get_absolute_url()).content.decode()
    assert SECRET_CLOSED in text and SECRET_CONFIDENTIAL in text


def test_r29_non_member_gets_403_on_closed_item_and_its_attachment(client, login, meeting):
    closed = meeting.items.get(access=Access.CLOSED)
    confidential = meeting.items.get(access=Access.CONFIDENTIAL)
    attachment = closed.attachments.get()
    login("projektleder")
    assert client.get(f"/styring/punkter/{closed.pk}/").status_code == 403
    assert client.get(f"/styring/punkter/{confidential.pk}/").status_code == 403
    response = client.get(f"/styring/bilag/{attachment.pk}/")
    assert response.status_code == 403 and SECRET_CLOSED.encode() not in response.content
    login("direktoer")
    response = client.get(f"/styring/bilag/{attachment.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == SECRET_CLOSED.encode()


def test_r29_non_member_pack_pdf_text_has_no_closed_content(meeting):
    text = pdf_text(render_pack(meeting, members_view=False)[0])
    assert SECRET_CLOSED not in text and SECRET_CONFIDENTIAL not in text
    assert "Offentligt punkt" in text and "Fortroligt punkt" in text


def test_r29_non_member_cannot_download_the_members_pack(
    client, login, meeting, eager_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # R30: readers get the published pack
        services.agenda_pack_publish(actor=get_user_model().objects.get(username="sekretariat"), meeting=meeting)
    login("direktoer")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/styring/moeder/{meeting.pk}/pakke/")
    pack = AgendaPack.objects.get(meeting=meeting, audience="members")
    assert response.status_code == 302
    members_pdf = client.get(f"/styring/pakker/{pack.uuid}/hent/")
    assert SECRET_CLOSED in pdf_text(b"".join(members_pdf.streaming_content))
    login("projektleder")
    assert client.get(f"/styring/pakker/{pack.uuid}/hent/").status_code == 403
    assert client.get(f"/styring/pakker/{pack.uuid}/").status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/styring/moeder/{meeting.pk}/pakke/")
    others = AgendaPack.objects.get(meeting=meeting, audience="others")
    response = client.get(f"/styring/pakker/{others.uuid}/hent/")
    text = pdf_text(b"".join(response.streaming_content))
    assert SECRET_CLOSED not in text and SECRET_CONFIDENTIAL not in text and "Offentligt punkt" in text


def test_r29_non_member_cannot_request_the_members_pack_through_the_service(meeting):
    from django.contrib.auth import get_user_model
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.agenda_pack_request(
            actor=get_user_model().objects.get(username="projektleder"), meeting=meeting, members_view=True
        )

"""R28/R30/R39: a pack is a draft until the secretariat publishes it; publishing renders both audiences'
packs in Celery and e-mails the members a link; a republished pack is version 2 with what changed."""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError

from governance import services
from governance.models import Access, AgendaPack, AuditAction, PackStatus, PackVersion
from portfolio.models import AuditEntry, BodyMembership
from rsi_portal.pdf import pdf_text
from tests.governance.helpers import add_item, make_meeting, sekretariat

pytestmark = pytest.mark.django_db
MEETING_PAGE_QUERIES = 28  # measured: 25 for a member, 28 for the secretariat (pack and decision log)


def _user(name):
    return get_user_model().objects.get(username=name)


@pytest.fixture
def meeting(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = make_meeting(day=date.today() + timedelta(days=40))
    add_item(meeting, "Budgetopfølgning", resume="Første resumé.")
    add_item(meeting, "Lukket personalesag", access=Access.CLOSED, resume="HEMMELIG-LUKKET")
    return meeting


@pytest.fixture
def publish(eager_tasks, django_capture_on_commit_callbacks):
    def _publish(meeting, reason=""):
        with django_capture_on_commit_callbacks(execute=True):
            version = services.agenda_pack_publish(actor=sekretariat(), meeting=meeting, reason=reason)
        version.refresh_from_db()
        return version

    return _publish


def _text(pack) -> str:
    pack.refresh_from_db()
    with pack.file.open("rb") as handle:
        return pdf_text(handle.read())


def test_r30_members_never_get_a_draft(meeting, client, login, eager_tasks, django_capture_on_commit_callbacks):
    with pytest.raises(ValidationError, match="ikke udsendt"):
        services.agenda_pack_request(actor=_user("direktoer"), meeting=meeting, members_view=True)
    with django_capture_on_commit_callbacks(execute=True):
        draft = services.agenda_pack_request(actor=sekretariat(), meeting=meeting, members_view=True)
    draft.refresh_from_db()
    assert draft.status == PackStatus.DONE and "Kladde – ikke udsendt" in _text(draft)
    login("direktoer")
    assert client.get(f"/styring/pakker/{draft.uuid}/").status_code == 404
    assert client.get(f"/styring/pakker/{draft.uuid}/hent/").status_code == 404
    response = client.post(f"/styring/moeder/{meeting.pk}/pakke/", follow=True)
    assert "Dagsordenen er ikke udsendt endnu." in response.content.decode()
    assert not AgendaPack.objects.filter(meeting=meeting, requested_by=_user("direktoer")).exists()


def test_r28_r30_publish_records_sent_renders_both_packs_and_mails_members_a_link(meeting, publish):
    version = publish(meeting)
    meeting.refresh_from_db()
    assert version.number == 1 and version.published_by == sekretariat()
    assert meeting.agenda_sent_on == date.today()
    assert services.publication_on_time(meeting) is True  # 40 days ahead: within R28's week
    assert AuditEntry.objects.filter(action=AuditAction.AGENDA_PACK_PUBLISH.value, object_id=meeting.pk).exists()
    assert AuditEntry.objects.filter(action=AuditAction.MEETING_SENT_AGENDA.value, object_id=meeting.pk).exists()
    for pack in (version.members_pack, version.others_pack):
        pack.refresh_from_db()
        assert pack.status == PackStatus.DONE, pack.error
    members_text, others_text = _text(version.members_pack), _text(version.others_pack)
    assert "Version 1" in members_text and "HEMMELIG-LUKKET" in members_text
    assert "Lukket personalesag" not in others_text and "HEMMELIG-LUKKET" not in others_text
    members = BodyMembership.objects.filter(body=meeting.body, user__is_active=True).exclude(user__email="")
    assert len(mail.outbox) == members.count() > 0
    message = next(m for m in mail.outbox if m.to == [_user("direktoer").email])
    assert meeting.body.name in message.subject and meeting.day.strftime("%d.%m.%Y") in message.subject
    assert "2 punkter" in message.body and "version 1" in message.body
    assert f"/styring/moeder/{meeting.pk}/" in message.body
    assert message.attachments == []  # a link, never the file
    assert "HEMMELIG" not in message.body


def test_r28_notification_is_sent_once(meeting, publish):
    version = publish(meeting)
    sent = len(mail.outbox)
    assert services.agenda_pack_publication_run(version_id=version.pk) == "done"
    assert services.notify_members(version=version) == 0
    assert len(mail.outbox) == sent


def test_r28_late_publication_is_recorded_as_late(demo, settings, tmp_path, publish):
    settings.MEDIA_ROOT = tmp_path
    meeting = make_meeting(day=date.today() + timedelta(days=3))
    add_item(meeting, "Sent punkt")
    publish(meeting)
    meeting.refresh_from_db()
    assert services.publication_on_time(meeting) is False
    entry = AuditEntry.objects.get(action=AuditAction.AGENDA_PACK_PUBLISH.value, object_id=meeting.pk)
    assert entry.data["on_time"] is False


def test_r39_republish_is_version_2_with_what_changed_and_version_1_kept(meeting, publish, client, login):
    first = publish(meeting)
    with pytest.raises(ValidationError):
        services.agenda_pack_publish(actor=sekretariat(), meeting=meeting, reason="")  # why is required
    with pytest.raises(ValidationError, match="Intet er ændret"):
        services.agenda_pack_publish(actor=sekretariat(), meeting=meeting, reason="igen")
    item = meeting.items.get(title="Budgetopfølgning")
    services.agenda_item_save(actor=sekretariat(), meeting=meeting, item=item, resume="Rettet resumé.")
    add_item(meeting, "Nyt punkt om FUT")
    add_item(meeting, "Ny lukket sag", access=Access.CLOSED, resume="HEMMELIG-NY")
    mail.outbox.clear()
    second = publish(meeting, reason="Rettet resumé og nyt punkt")
    assert second.number == 2 and PackVersion.objects.filter(meeting=meeting).count() == 2
    members_text = _text(second.members_pack)
    assert "Ændret siden version 1" in members_text
    assert "Punkt 1. Budgetopfølgning: ændret i Resumé." in members_text
    assert "Punkt 3. Nyt punkt om FUT er tilføjet." in members_text
    assert "Punkt 4. Ny lukket sag er tilføjet." in members_text
    others_text = _text(second.others_pack)
    assert "Ændret siden version 1" in others_text and "Nyt punkt om FUT er tilføjet" in others_text
    assert "Ny lukket sag" not in others_text and "HEMMELIG" not in others_text  # R29 in the change list too
    assert "Første resumé." in _text(first.members_pack)  # version 1 is kept as it was
    login("direktoer")
    response = client.get(f"/styring/pakker/{first.members_pack.uuid}/hent/")
    assert response.status_code == 200 and "Første resumé." in pdf_text(b"".join(response.streaming_content))
    message = next(m for m in mail.outbox if m.to == [_user("direktoer").email])
    assert "Ændret siden version 1:" in message.body and "Rettet resumé og nyt punkt" in message.body


def test_r39_member_who_downloaded_version_1_sees_what_version_2_changed(meeting, publish, client, login):
    first = publish(meeting)
    login("direktoer")
    page = client.get(f"/styring/moeder/{meeting.pk}/").content.decode()
    assert "Udsendt version 1" in page and "Ændret siden" not in page
    client.get(f"/styring/pakker/{first.members_pack.uuid}/hent/")
    add_item(meeting, "Tilføjet efter udsendelse")
    publish(meeting, reason="Nyt punkt")
    add_item(meeting, "Endnu et punkt")
    third = publish(meeting, reason="Endnu et punkt")
    page = client.get(f"/styring/moeder/{meeting.pk}/").content.decode()
    assert "Udsendt version 3" in page and "Du har hentet version 1." in page
    # since the version they downloaded (1), not only since version 2
    assert "Ændret siden version 1" in page
    assert "Tilføjet efter udsendelse er tilføjet." in page and "Endnu et punkt er tilføjet." in page
    message = next(m for m in reversed(mail.outbox) if m.to == [_user("direktoer").email])
    assert "version 3" in message.subject and "Ændret siden version 1:" in message.body
    assert third.number == 3


def test_r29_non_member_never_sees_a_draft_or_a_closed_item_in_any_version(meeting, publish, client, login):
    first = publish(meeting)
    add_item(meeting, "Anden lukket sag", access=Access.CLOSED, resume="HEMMELIG-TO")
    second = publish(meeting, reason="Lukket sag tilføjet")
    login("projektleder")
    page = client.get(f"/styring/moeder/{meeting.pk}/").content.decode()
    assert "Lukket personalesag" not in page and "Anden lukket sag" not in page and "HEMMELIG" not in page
    assert "Udsendt version 2" in page
    for version in (first, second):
        assert client.get(f"/styring/pakker/{version.members_pack.uuid}/hent/").status_code == 403
        response = client.get(f"/styring/pakker/{version.others_pack.uuid}/hent/")
        text = pdf_text(b"".join(response.streaming_content))
        assert "HEMMELIG" not in text and "lukket sag" not in text.lower()


def test_r29_kept_others_version_is_withheld_once_an_item_in_it_is_made_closed(meeting, publish, client, login):
    version = publish(meeting)
    item = meeting.items.get(title="Budgetopfølgning")
    services.agenda_item_save(actor=sekretariat(), meeting=meeting, item=item, access=Access.CLOSED)
    login("projektleder")
    assert client.get(f"/styring/pakker/{version.others_pack.uuid}/hent/").status_code == 404


def test_publish_view_keeps_the_reason_on_error_and_is_denied_to_members(meeting, publish, client, login):
    publish(meeting)
    login("direktoer")
    assert client.post(f"/styring/moeder/{meeting.pk}/udsend/").status_code == 403
    login("sekretariat")
    response = client.post(f"/styring/moeder/{meeting.pk}/udsend/", {"reason": "Min begrundelse <b>"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Intet er ændret siden version 1" in body and "Min begrundelse &lt;b&gt;" in body


def test_meeting_page_queries_do_not_grow_with_versions(meeting, publish, client, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    publish(meeting)
    login("direktoer")
    url = f"/styring/moeder/{meeting.pk}/"
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for n in range(3):
        add_item(meeting, f"Punkt {n}")
        publish(meeting, reason=f"runde {n}")
    login("sekretariat")
    with CaptureQueriesContext(connection) as secretariat:
        assert client.get(url).status_code == 200
    login("direktoer")
    with CaptureQueriesContext(connection) as four:
        assert client.get(url).status_code == 200
    assert len(four) == len(one)  # the member's page costs the same with four versions as with one
    assert len(four) <= MEETING_PAGE_QUERIES and len(secretariat) <= MEETING_PAGE_QUERIES

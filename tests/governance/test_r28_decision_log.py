"""R28/R29/R30: the decision log ("beslutningsprotokol") is a draft only the secretariat sees until it is
published with "Udsend beslutningsprotokol", which records when it went out against the one-week rule,
stores both audiences' PDFs, keeps every version and e-mails the members a link. The next meeting's
minutes item links to the published one."""

from datetime import date, timedelta
from io import BytesIO

import pikepdf
import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError

from governance import services
from governance.models import Access, AuditAction, Outcome, PackKind, PackStatus, PackVersion
from governance.pdf import render_pack
from portfolio.models import AuditEntry, BodyMembership
from rsi_portal.pdf import pdf_text
from tests.governance.helpers import add_item, make_meeting, sekretariat

pytestmark = pytest.mark.django_db
URL = "/styring/moeder/{pk}/beslutningsprotokol/"


def _user(name):
    return get_user_model().objects.get(username=name)


def _decide(item, text):
    services.agenda_item_decide(
        actor=sekretariat(), item=item, outcome=Outcome.APPROVED, text=text, decided_on=item.meeting.day
    )


@pytest.fixture
def meeting(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = make_meeting(day=date.today() - timedelta(days=2))
    _decide(add_item(meeting, "Budgetopfølgning"), "Budgetopfølgningen blev taget til efterretning.")
    _decide(add_item(meeting, "Lukket forhandling", access=Access.CLOSED), "HEMMELIG-MANDAT")
    _decide(add_item(meeting, "Fortroligt udbud", access=Access.CONFIDENTIAL), "HEMMELIG-UDBUD")
    return meeting


@pytest.fixture
def publish(eager_tasks, django_capture_on_commit_callbacks):
    def _publish(meeting, reason="", today=None):
        with django_capture_on_commit_callbacks(execute=True):
            version = services.decision_log_publish(actor=sekretariat(), meeting=meeting, reason=reason, today=today)
        version.refresh_from_db()
        return version

    return _publish


def _text(pack) -> str:
    pack.refresh_from_db()
    assert pack.status == PackStatus.DONE, pack.error
    with pack.file.open("rb") as handle:
        return " ".join(pdf_text(handle.read()).split())


def _download(client, url) -> str:
    response = client.get(url, follow=True)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return " ".join(pdf_text(content).split())


def test_r28_unpublished_decision_log_is_denied_to_readers_and_a_draft_for_the_secretariat(meeting, client, login):
    for username in ("direktoer", "projektleder"):
        login(username)
        assert client.get(URL.format(pk=meeting.pk)).status_code == 404
    login("sekretariat")
    text = _download(client, URL.format(pk=meeting.pk))
    assert "Kladde – ikke udsendt" in text and "HEMMELIG-MANDAT" in text
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Beslutningsprotokollen er ikke udsendt endnu." in page and "Udsend beslutningsprotokol" in page


def test_r28_publish_records_sent_out_stores_both_pdfs_and_mails_members_a_link(meeting, publish):
    version = publish(meeting)
    meeting.refresh_from_db()
    assert version.kind == PackKind.DECISION_LOG and version.number == 1 and version.published_by == sekretariat()
    assert meeting.decision_log_sent_on == date.today() and meeting.agenda_sent_on is None
    assert services.publication_on_time(meeting, PackKind.DECISION_LOG) is True
    entry = AuditEntry.objects.get(action=AuditAction.DECISION_LOG_PUBLISH.value, object_id=meeting.pk)
    assert entry.data["on_time"] is True and entry.data["version"] == 1
    assert AuditEntry.objects.filter(action=AuditAction.MEETING_SENT_DECISION_LOG.value, object_id=meeting.pk).exists()
    members, others = _text(version.members_pack), _text(version.others_pack)
    assert "Beslutningsprotokol" in members and "Version 1" in members and "Kladde" not in members
    assert "Budgetopfølgningen blev taget til efterretning." in members and "HEMMELIG-MANDAT" in members
    assert "Budgetopfølgningen blev taget til efterretning." in others
    assert "Lukket forhandling" not in others and "HEMMELIG" not in others
    assert "3. Fortroligt punkt" in others and "Fortroligt udbud" not in others  # only its number
    recipients = BodyMembership.objects.filter(body=meeting.body, user__is_active=True).exclude(user__email="")
    assert len(mail.outbox) == recipients.count() > 0
    message = next(m for m in mail.outbox if m.to == [_user("direktoer").email])
    assert "Beslutningsprotokol" in message.subject and "version 1" in message.subject
    assert f"/styring/moeder/{meeting.pk}/" in message.body and message.attachments == []
    assert "HEMMELIG" not in message.body
    # the agenda pack's versions are a separate series
    assert not PackVersion.objects.filter(meeting=meeting, kind=PackKind.AGENDA).exists()


def test_r28_decision_log_more_than_a_week_after_is_late(demo, settings, tmp_path, publish):
    settings.MEDIA_ROOT = tmp_path
    meeting = make_meeting(day=date.today() - timedelta(days=20))
    _decide(add_item(meeting, "Sent punkt"), "Godkendt.")
    publish(meeting)
    meeting.refresh_from_db()
    assert services.publication_on_time(meeting, PackKind.DECISION_LOG) is False
    entry = AuditEntry.objects.get(action=AuditAction.DECISION_LOG_PUBLISH.value, object_id=meeting.pk)
    assert entry.data["on_time"] is False


def test_r28_decision_log_is_published_only_after_the_meeting_and_with_decisions(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    future = make_meeting(day=date.today() + timedelta(days=10))
    _decide(add_item(future, "Punkt"), "Godkendt.")
    with pytest.raises(ValidationError, match="når mødet er holdt"):
        services.decision_log_publish(actor=sekretariat(), meeting=future)
    undecided = make_meeting(day=date.today() - timedelta(days=1))
    add_item(undecided, "Uafgjort punkt")
    with pytest.raises(ValidationError, match="Ingen punkter har en beslutning"):
        services.decision_log_publish(actor=sekretariat(), meeting=undecided)
    assert not PackVersion.objects.filter(meeting__in=[future, undecided]).exists()


def test_r28_republished_decision_log_is_version_2_with_what_changed_and_version_1_kept(
    meeting, publish, client, login
):
    first = publish(meeting)
    with pytest.raises(ValidationError):
        services.decision_log_publish(actor=sekretariat(), meeting=meeting)  # why is required
    with pytest.raises(ValidationError, match="Intet er ændret"):
        services.decision_log_publish(actor=sekretariat(), meeting=meeting, reason="igen")
    item = meeting.items.get(title="Budgetopfølgning")
    services.agenda_item_save(actor=sekretariat(), meeting=meeting, item=item, beslutning="Rettet beslutning.")
    second = publish(meeting, reason="Beslutningen i punkt 1 er rettet")
    assert second.number == 2 and PackVersion.objects.filter(meeting=meeting, kind=PackKind.DECISION_LOG).count() == 2
    text = _text(second.members_pack)
    assert "Version 2" in text and "Ændret siden version 1" in text
    assert "Punkt 1. Budgetopfølgning: ændret i Beslutning." in text and "Rettet beslutning." in text
    assert "Budgetopfølgningen blev taget til efterretning." in _text(first.members_pack)  # kept as it was
    meeting.refresh_from_db()
    assert meeting.decision_log_sent_on == date.today()  # R28's "sent out" is the first publication
    login("direktoer")
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Udsendt version 2" in page and "Hent beslutningsprotokol, version 2" in page


@pytest.mark.parametrize(
    ("username", "sees_closed"),
    [("sekretariat", True), ("direktoer", True), ("projektleder", False), ("kontakt", False)],
)
def test_r29_decision_log_role_matrix(meeting, publish, client, login, username, sees_closed):
    version = publish(meeting)
    user = login(username)
    text = _download(client, URL.format(pk=meeting.pk))
    assert "Budgetopfølgningen blev taget til efterretning." in text
    assert ("HEMMELIG-MANDAT" in text) is sees_closed
    assert ("Kladde – ikke udsendt" in text) is (username == "sekretariat")  # the secretariat reads the draft
    members_pack = f"/styring/pakker/{version.members_pack.uuid}/hent/"
    assert client.get(members_pack).status_code == (200 if sees_closed else 403)
    publish_url = f"/styring/moeder/{meeting.pk}/beslutningsprotokol/udsend/"
    response = client.post(publish_url, {"reason": "forsøg"})
    assert response.status_code == (400 if username == "sekretariat" else 403)  # nothing changed: kept, 400
    if username != "sekretariat":
        assert PackVersion.objects.filter(meeting=meeting, kind=PackKind.DECISION_LOG).count() == 1
        assert not user.has_perm("governance.change_meeting")


def test_r28_anonymous_reader_is_sent_to_login(meeting, publish, client):
    publish(meeting)
    response = client.get(URL.format(pk=meeting.pk))
    assert response.status_code == 302 and "login" in response.url


def test_r28_publish_view_keeps_the_reason_on_error(meeting, publish, client, login):
    publish(meeting)
    login("sekretariat")
    response = client.post(
        f"/styring/moeder/{meeting.pk}/beslutningsprotokol/udsend/", {"reason": "Min begrundelse <b>"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Intet er ændret siden version 1" in body and "Min begrundelse &lt;b&gt;" in body


def test_r28_next_meetings_minutes_item_links_to_the_published_decision_log(meeting, publish, client, login):
    later = make_meeting(day=meeting.day + timedelta(days=1))  # the body's next meeting
    services.agenda_draft(actor=sekretariat(), meeting=later)
    link = URL.format(pk=meeting.pk)

    def pack_links():
        pdf = pikepdf.open(BytesIO(render_pack(later, members_view=False)[0]))
        return [
            str(annot.A.URI)
            for page in pdf.pages
            for annot in page.get("/Annots", [])
            if "/A" in annot and "/URI" in annot.A
        ]

    login("direktoer")
    assert link not in client.get(later.get_absolute_url()).content.decode()
    assert not any(uri.endswith(link) for uri in pack_links())  # nothing to link to before it is published
    publish(meeting)
    assert link in client.get(later.get_absolute_url()).content.decode()
    assert any(uri.endswith(link) for uri in pack_links())


def test_r28_lost_decision_log_file_is_rendered_again_as_the_version_it_is(
    meeting, publish, client, login, django_capture_on_commit_callbacks
):
    version = publish(meeting)
    pack = version.others_pack
    pack.refresh_from_db()
    pack.file.storage.delete(pack.file.name)  # e.g. media not restored after a restore
    login("projektleder")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(URL.format(pk=meeting.pk))
    assert response.status_code == 302 and response.url == pack.get_absolute_url()  # its progress page
    pack.refresh_from_db()
    assert pack.status == PackStatus.DONE and pack.file.storage.exists(pack.file.name)
    text = _download(client, URL.format(pk=meeting.pk))
    assert "Version 1" in text and "HEMMELIG" not in text
    login("sekretariat")
    text = _download(client, URL.format(pk=meeting.pk) + "?udsendt=1")  # the published one, not the draft
    assert "Version 1" in text and "Kladde" not in text

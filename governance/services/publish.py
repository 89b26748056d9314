"""R28/R30/R39: publishing ("Udsend dagsorden", "Udsend beslutningsprotokol") an agenda pack or a decision
log as a numbered version.

Publishing records R28's "sent out" (who, when, on time?), keeps the version's snapshot, creates both
audiences' documents and, on commit, one outbox job that renders them in the worker and then e-mails the
body's members a link (never the file). A change after publishing is a new draft; publishing it again
is version 2, 3, … with who, when and why, and the list of what changed. The agenda pack and the decision
log are published by the same code; a `Document` says what differs between them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portfolio.audit import log_action
from portfolio.models import BodyMembership
from rsi_portal import outbox
from rsi_portal.permissions import require

from .. import publishing
from ..models import AgendaPack, AuditAction, Meeting, PackDownload, PackKind, PackStatus, PackVersion
from ..pdf import decision_log_content_hash, minutes_context, pack_content_hash, pack_context
from ..rules import agenda_due, follow_up_due, on_time
from .packs import LEASED, agenda_pack_render

PUBLISH_TASK = "governance.tasks.publish_agenda_pack"


def _check_agenda(meeting: Meeting, today: date) -> None:
    if not meeting.items.exists():
        raise ValidationError(_("Dagsordenen har ingen punkter endnu."))


def _check_decision_log(meeting: Meeting, today: date) -> None:
    if meeting.day > today:
        raise ValidationError(_("Beslutningsprotokollen kan først udsendes, når mødet er holdt."))
    if not meeting.items.exclude(beslutning="").exists():
        raise ValidationError(_("Ingen punkter har en beslutning endnu."))


@dataclass(frozen=True)
class Document:
    """What publishing one kind of document needs: how its readers' content is built and hashed, which R28
    "sent out" day it records against which due day, and how it is checked and announced."""

    kind: str
    items: Callable  # (meeting, members_view) -> the audience's context items, as the PDF shows them
    content_hash: Callable  # (meeting, members_view=, publication=) -> str
    sent_field: str
    sent_action: AuditAction
    publish_action: AuditAction
    due: Callable[[date], date]
    check: Callable[[Meeting, date], None]
    again_reason: str  # asked for when it is published again (lazy: translated when shown)


AGENDA = Document(
    kind=PackKind.AGENDA,
    items=lambda meeting, members_view: pack_context(meeting, members_view=members_view)["items"],
    content_hash=pack_content_hash,
    sent_field="agenda_sent_on",
    sent_action=AuditAction.MEETING_SENT_AGENDA,
    publish_action=AuditAction.AGENDA_PACK_PUBLISH,
    due=agenda_due,
    check=_check_agenda,
    again_reason=gettext_lazy("Skriv kort, hvorfor dagsordenen udsendes igen."),
)
DECISION_LOG = Document(
    kind=PackKind.DECISION_LOG,
    items=lambda meeting, members_view: minutes_context(meeting, members_view=members_view)["items"],
    content_hash=decision_log_content_hash,
    sent_field="decision_log_sent_on",
    sent_action=AuditAction.MEETING_SENT_DECISION_LOG,
    publish_action=AuditAction.DECISION_LOG_PUBLISH,
    due=follow_up_due,
    check=_check_decision_log,
    again_reason=gettext_lazy("Skriv kort, hvorfor beslutningsprotokollen udsendes igen."),
)
DOCUMENTS = {document.kind: document for document in (AGENDA, DECISION_LOG)}


def _publication(document: Document, meeting: Meeting, number: int, latest: PackVersion | None, *, members_view):
    """The new version's snapshot of one audience and what its document says about itself."""
    sections = publishing.SECTIONS_BY_KIND[document.kind]
    snapshot = publishing.snapshot_items(document.items(meeting, members_view), sections)
    changes = []
    if latest is not None:
        changes = publishing.version_changes(latest.snapshot.get(publishing.audience(members_view), []), snapshot)
    publication = {
        "number": number,
        "previous": latest.number if latest else None,
        "changes": changes,
        "draft": False,
    }
    return snapshot, publication


@transaction.atomic
def document_publish(
    *, actor, meeting: Meeting, document: Document, reason: str = "", today: date | None = None
) -> PackVersion:
    """Publish the meeting's current agenda or decision log as its next version (R28 "sent out", R30, R39)."""
    require(actor, "governance.change_meeting", meeting)
    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    today = today or timezone.localdate()
    reason = (reason or "").strip()
    latest = publishing.current_version(meeting, document.kind)
    document.check(meeting, today)
    if latest is not None and not reason:
        raise ValidationError({"reason": str(document.again_reason)})
    number = latest.number + 1 if latest else 1
    snapshot, packs = {}, {}
    for members_view in (True, False):
        key = publishing.audience(members_view)
        snapshot[key], publication = _publication(document, meeting, number, latest, members_view=members_view)
        packs[key], _created = AgendaPack.objects.get_or_create(
            content_hash=document.content_hash(meeting, members_view=members_view, publication=publication),
            defaults={"meeting": meeting, "audience": key, "kind": document.kind, "requested_by": actor},
        )
    if latest is not None and snapshot == latest.snapshot:
        raise ValidationError(
            _("Intet er ændret siden version %(n)s; der er intet at udsende igen.") % {"n": latest.number}
        )
    version = PackVersion.objects.create(
        meeting=meeting,
        kind=document.kind,
        number=number,
        published_by=actor,
        reason=reason,
        members_pack=packs["members"],
        others_pack=packs["others"],
        snapshot=snapshot,
    )
    for pack in packs.values():
        if pack.status != PackStatus.DONE:
            pack.status, pack.progress, pack.error, pack.started_at = PackStatus.PENDING, 0, "", timezone.now()
            pack.save(update_fields=["status", "progress", "error", "started_at"])
    due = document.due(meeting.day)
    if getattr(meeting, document.sent_field) is None:  # R28: "sent out" is the first publication
        setattr(meeting, document.sent_field, today)
        meeting.save(update_fields=[document.sent_field])
        log_action(
            actor=actor, action=document.sent_action, obj=meeting, data={document.sent_field: [None, str(today)]}
        )
    log_action(
        actor=actor,
        action=document.publish_action,
        obj=meeting,
        data={"version": number, "reason": reason, "on_time": on_time(today, due), "due": str(due)},
    )
    outbox.enqueue(PUBLISH_TASK, args=[version.pk], key=f"pack_publish:{version.pk}")
    return version


def agenda_pack_publish(*, actor, meeting: Meeting, reason: str = "", today: date | None = None) -> PackVersion:
    """ "Udsend dagsorden": publish the meeting's current agenda pack (R28, R30, R39)."""
    return document_publish(actor=actor, meeting=meeting, document=AGENDA, reason=reason, today=today)


def decision_log_publish(*, actor, meeting: Meeting, reason: str = "", today: date | None = None) -> PackVersion:
    """ "Udsend beslutningsprotokol": publish the meeting's decision log, due a week after the meeting (R28)."""
    return document_publish(actor=actor, meeting=meeting, document=DECISION_LOG, reason=reason, today=today)


def publication_on_time(meeting: Meeting, kind: str = PackKind.AGENDA) -> bool | None:
    """R28: whether the first publication was in time (the agenda a week before the meeting, the decision log
    within a week after it); None: not sent."""
    document = DOCUMENTS[kind]
    return on_time(getattr(meeting, document.sent_field), document.due(meeting.day))


def agenda_pack_publication_run(*, version_id: int) -> str:
    """Render both audiences' packs of a version (idempotent), then notify the members once.

    Returns LEASED while a render holds a live lease (the task tries again), else "done", or the failed
    status when a render failed (the members are not told about a pack that does not exist)."""
    version = PackVersion.objects.select_related("meeting__body").filter(pk=version_id).first()
    if version is None:
        return "missing"
    for pack_id in (version.members_pack_id, version.others_pack_id):
        status = agenda_pack_render(pack_id=pack_id)
        if status == LEASED:
            return LEASED
        if status != PackStatus.DONE:
            return status
    notify_members(version=version)
    return "done"


def _mail_text(version: PackVersion, user, *, since: PackVersion | None) -> tuple[str, str]:
    meeting = version.meeting
    day = meeting.day.strftime("%d.%m.%Y")
    items = len(version.snapshot.get("members", []))
    base = settings.PORTAL_BASE_URL.rstrip("/")
    names = {"body": meeting.body.name, "day": day, "n": version.number, "items": items}
    lines = [_("Kære %(name)s") % {"name": user.get_full_name() or user.username}, ""]
    if version.kind == PackKind.DECISION_LOG:
        subject = _("Beslutningsprotokol fra %(body)s %(day)s (version %(n)s)") % names
        lines.append(_("Beslutningsprotokollen fra %(body)s' møde den %(day)s er udsendt (version %(n)s).") % names)
    else:
        subject = _("Dagsorden til %(body)s %(day)s (version %(n)s)") % names
        lines.append(
            _("Dagsordenen til %(body)s' møde den %(day)s er udsendt (version %(n)s, %(items)s punkter).") % names
        )
        if meeting.start_time and meeting.end_time:
            lines.append(
                _("Mødet er kl. %(start)s–%(end)s.")
                % {"start": meeting.start_time.strftime("%H.%M"), "end": meeting.end_time.strftime("%H.%M")}
            )
        elif meeting.start_time:
            lines.append(_("Mødet begynder kl. %(time)s.") % {"time": meeting.start_time.strftime("%H.%M")})
        if meeting.location:
            lines.append(_("Sted: %(place)s") % {"place": meeting.location})
    if since is not None:
        changes = publishing.changes_between(since, version, members_view=True)
        lines += ["", _("Ændret siden version %(n)s:") % {"n": since.number}]
        lines += [f"- {line}" for line in changes] or [_("- Ingen ændringer i punkterne.")]
        if version.reason:
            lines.append(_("Sekretariatets begrundelse: %(reason)s") % {"reason": version.reason})
    lines += [
        "",
        _("Hent beslutningsprotokollen på mødets side i RSI Portal:")
        if version.kind == PackKind.DECISION_LOG
        else _("Hent dagsordenspakken på mødets side i RSI Portal:"),
        base + meeting.get_absolute_url(),
        "",
        _("Venlig hilsen"),
        _("RSI-sekretariatet"),
    ]
    return subject, "\n".join(str(line) for line in lines)


def notify_members(*, version: PackVersion) -> int:
    """E-mail the body's members a link to the published pack, once per version; returns the mails sent."""
    with transaction.atomic():
        locked = PackVersion.objects.select_for_update().get(pk=version.pk)
        if locked.notified_at is not None:
            return 0
        locked.notified_at = timezone.now()
        locked.save(update_fields=["notified_at"])
    previous = publishing.previous_version(version)
    downloaded = {
        row.user_id: row.version
        for row in PackDownload.objects.filter(
            version__meeting=version.meeting, version__kind=version.kind, version__number__lt=version.number
        )
        .select_related("version")
        .order_by("version__number")
    }
    sent = 0
    memberships = BodyMembership.objects.filter(body=version.meeting.body, user__is_active=True).select_related("user")
    for membership in memberships:
        user = membership.user
        if not user.email:
            continue
        since = downloaded.get(user.pk, previous)  # R39: what changed since the version they downloaded
        subject, body = _mail_text(version, user, since=since)
        sent += send_mail(subject, body, None, [user.email])
    return sent


def pack_download_record(*, user, version: PackVersion) -> None:
    """R39: remember the version a reader downloaded, so the page and the next mail say what changed since."""
    if getattr(user, "is_authenticated", False):
        PackDownload.objects.update_or_create(version=version, user=user)

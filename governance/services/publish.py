"""R28/R30/R39: publishing ("Udsend dagsorden") an agenda pack as a numbered version.

Publishing records R28's "sent out" (who, when, on time?), keeps the version's snapshot, creates both
audiences' packs and, on commit, one outbox job that renders them in the worker and then e-mails the
body's members a link (never the file). A change after publishing is a new draft; publishing it again
is version 2, 3, … with who, when and why, and the list of what changed.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portfolio.audit import log_action
from portfolio.models import BodyMembership
from rsi_portal import outbox
from rsi_portal.permissions import require

from .. import publishing
from ..models import AgendaPack, AuditAction, Meeting, PackDownload, PackStatus, PackVersion
from ..pdf import pack_content_hash, pack_context
from ..rules import agenda_due, on_time
from .packs import LEASED, agenda_pack_render

PUBLISH_TASK = "governance.tasks.publish_agenda_pack"


def _publication(meeting: Meeting, number: int, latest: PackVersion | None, *, members_view: bool):
    """The new version's snapshot of one audience and what its pack says about itself."""
    snapshot = publishing.snapshot_items(pack_context(meeting, members_view=members_view)["items"])
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
def agenda_pack_publish(*, actor, meeting: Meeting, reason: str = "", today: date | None = None) -> PackVersion:
    """Publish the meeting's current agenda as the next version (R28 "sent out", R30, R39)."""
    require(actor, "governance.change_meeting", meeting)
    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    today = today or timezone.localdate()
    reason = (reason or "").strip()
    latest = publishing.current_version(meeting)
    if not meeting.items.exists():
        raise ValidationError(_("Dagsordenen har ingen punkter endnu."))
    if latest is not None and not reason:
        raise ValidationError({"reason": _("Skriv kort, hvorfor dagsordenen udsendes igen.")})
    number = latest.number + 1 if latest else 1
    snapshot, packs = {}, {}
    for members_view in (True, False):
        key = publishing.audience(members_view)
        snapshot[key], publication = _publication(meeting, number, latest, members_view=members_view)
        packs[key], _created = AgendaPack.objects.get_or_create(
            content_hash=pack_content_hash(meeting, members_view=members_view, publication=publication),
            defaults={"meeting": meeting, "audience": key, "requested_by": actor},
        )
    if latest is not None and snapshot == latest.snapshot:
        raise ValidationError(
            _("Intet er ændret siden version %(n)s; der er intet at udsende igen.") % {"n": latest.number}
        )
    version = PackVersion.objects.create(
        meeting=meeting,
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
    due = agenda_due(meeting.day)
    if meeting.agenda_sent_on is None:
        meeting.agenda_sent_on = today
        meeting.save(update_fields=["agenda_sent_on"])
        log_action(
            actor=actor,
            action=AuditAction.MEETING_SENT_AGENDA,
            obj=meeting,
            data={"agenda_sent_on": [None, str(today)]},
        )
    log_action(
        actor=actor,
        action=AuditAction.AGENDA_PACK_PUBLISH,
        obj=meeting,
        data={"version": number, "reason": reason, "on_time": on_time(today, due), "due": str(due)},
    )
    outbox.enqueue(PUBLISH_TASK, args=[version.pk], key=f"pack_publish:{version.pk}")
    return version


def publication_on_time(meeting: Meeting) -> bool | None:
    """R28: whether the first publication was at least a week before the meeting (None: not sent)."""
    return on_time(meeting.agenda_sent_on, agenda_due(meeting.day))


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
    subject = _("Dagsorden til %(body)s %(day)s (version %(n)s)") % {
        "body": meeting.body.name,
        "day": day,
        "n": version.number,
    }
    lines = [
        _("Kære %(name)s") % {"name": user.get_full_name() or user.username},
        "",
        _("Dagsordenen til %(body)s' møde den %(day)s er udsendt (version %(n)s, %(items)s punkter).")
        % {"body": meeting.body.name, "day": day, "n": version.number, "items": items},
    ]
    if meeting.start_time:
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
        _("Hent dagsordenspakken på mødets side i RSI Portal:"),
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
        for row in PackDownload.objects.filter(version__meeting=version.meeting, version__number__lt=version.number)
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

"""R30 agenda packs: requested once per content, rendered by a Celery task, stored."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portfolio.audit import log_action
from rsi_portal import outbox
from rsi_portal.files import staged_files
from rsi_portal.permissions import can, require

from .. import publishing, selectors
from ..models import AgendaPack, AuditAction, Meeting, PackKind, PackStatus
from ..pdf import pack_content_hash, publication_for, render_decision_log, render_pack
from ..tasks import render_agenda_pack as render_agenda_pack_task

LEASED = "leased"  # another render holds a live lease


@transaction.atomic
def agenda_pack_request(*, actor, meeting: Meeting, members_view: bool, kind: str = PackKind.AGENDA) -> AgendaPack:
    """Find the stored pack for this exact content, or create one and enqueue its rendering on commit.

    R30: only the secretariat (who may change the meeting) gets the draft; everyone else gets the latest
    published version for their audience, or a ValidationError while nothing is published. A decision log
    is stored only as published (its draft is rendered on request), so it always takes the published path."""
    require(actor, "governance.view_meeting", meeting)
    if members_view and not selectors.is_member(actor, meeting.body):
        raise ValidationError(_("Kun forummets medlemmer og sekretariatet kan hente pakken med lukkede punkter."))
    if kind == PackKind.DECISION_LOG or not can(actor, "governance.change_meeting", meeting):
        version = publishing.current_version(meeting, kind)
        if version is None:
            if kind == PackKind.DECISION_LOG:
                raise ValidationError(_("Beslutningsprotokollen er ikke udsendt endnu."))
            raise ValidationError(_("Dagsordenen er ikke udsendt endnu."))
        pack = version.pack_for(members_view=members_view)
        if _needs_render(pack):  # e.g. its file was lost: rendered again as the version it is
            pack.status, pack.progress, pack.error, pack.started_at = PackStatus.PENDING, 0, "", timezone.now()
            pack.save(update_fields=["status", "progress", "error", "started_at"])
            outbox.enqueue(render_agenda_pack_task.name, args=[pack.pk], key=_job_key(pack))
        return pack
    pack, created = AgendaPack.objects.get_or_create(
        content_hash=pack_content_hash(meeting, members_view=members_view),
        defaults={
            "meeting": meeting,
            "audience": "members" if members_view else "others",
            "requested_by": actor if getattr(actor, "is_authenticated", False) else None,
        },
    )
    render = created or _needs_render(pack)
    if render:
        pack.status, pack.progress, pack.error, pack.started_at = PackStatus.PENDING, 0, "", timezone.now()
        pack.save(update_fields=["status", "progress", "error", "started_at"])
        log_action(actor=actor, action=AuditAction.AGENDA_PACK_REQUEST, obj=meeting, data={"audience": pack.audience})
    if render or (pack.status == PackStatus.PENDING and outbox.is_waiting(_job_key(pack))):
        # Asked again while the broker was away: the same outbox job is sent again on commit.
        outbox.enqueue(render_agenda_pack_task.name, args=[pack.pk], key=_job_key(pack))
    return pack


def _job_key(pack: AgendaPack) -> str:
    return f"agenda_pack:{pack.pk}"


def agenda_pack_queue_state(pack: AgendaPack) -> dict:
    """What the pack page says besides the progress: the request waits for the queue, or the render is stuck."""
    return {"waiting": outbox.is_waiting(_job_key(pack)), "stuck": lease_expired(pack)}


def _lease() -> timedelta:
    return timedelta(seconds=settings.RSI["PACK_RENDER_LEASE_SECONDS"])


def lease_expired(pack: AgendaPack, now=None) -> bool:
    """A pending or running pack whose render (or request) is older than the lease: nobody is on it."""
    started = pack.started_at or pack.created_at
    return pack.status in (PackStatus.PENDING, PackStatus.RUNNING) and started <= (now or timezone.now()) - _lease()


def _needs_render(pack: AgendaPack) -> bool:
    """Failed, stuck past its lease, or done but its file is gone (e.g. media not restored)."""
    if pack.status == PackStatus.FAILED or lease_expired(pack):
        return True
    return pack.status == PackStatus.DONE and not (pack.file and pack.file.storage.exists(pack.file.name))


def _set_progress(pack_id: int, started_at, percent: int) -> None:
    AgendaPack.objects.filter(pk=pack_id, started_at=started_at).update(progress=percent)


def agenda_pack_render(*, pack_id: int) -> str:
    """Render the pack and store it. Returns the pack's status, or LEASED while another render holds
    a live lease (the task tries again when it runs out). A render that is done or failed is left alone;
    one whose lease ran out (its worker was killed) is taken over."""
    with transaction.atomic():
        pack = AgendaPack.objects.select_for_update().select_related("meeting__body").filter(pk=pack_id).first()
        if pack is None:
            return "missing"
        now = timezone.now()
        if pack.status in (PackStatus.DONE, PackStatus.FAILED):
            return pack.status
        if pack.status == PackStatus.RUNNING and not lease_expired(pack, now):
            return LEASED
        pack.status, pack.progress, pack.started_at = PackStatus.RUNNING, 5, now
        pack.save(update_fields=["status", "progress", "started_at"])
    mine = AgendaPack.objects.filter(pk=pack.pk, started_at=now)  # only while this render holds the lease
    members_view = pack.audience == "members"
    try:
        if pack.kind == PackKind.DECISION_LOG:
            data, pages = render_decision_log(
                pack.meeting, members_view=members_view, publication=publication_for(pack)
            )
        else:
            data, pages = render_pack(
                pack.meeting,
                members_view=members_view,
                progress=lambda percent: _set_progress(pack.pk, now, percent),
                content_hash=pack.content_hash,
                publication=publication_for(pack),
            )
    except Exception as error:  # the page shows the failure and "Prøv igen"
        mine.update(status=PackStatus.FAILED, error=str(error)[:2000])
        raise
    prefix = "beslutningsprotokol" if pack.kind == PackKind.DECISION_LOG else "dagsorden"
    name = f"{prefix}-{pack.meeting.day:%Y-%m-%d}-{pack.audience}-{pack.content_hash[:12]}.pdf"
    with transaction.atomic(), staged_files() as files:
        files.save(pack.file, name, ContentFile(data))
        done = mine.update(
            file=pack.file.name, pages=pages, status=PackStatus.DONE, progress=100, finished_at=timezone.now()
        )
        if not done:  # a later render took over the lease; its file is the one kept
            files.discard()
            return LEASED
    return PackStatus.DONE

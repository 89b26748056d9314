"""R30 agenda packs: requested once per content, rendered by a Celery task, stored."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portfolio.audit import log_action
from rsi_portal.permissions import require

from .. import selectors
from ..models import AgendaPack, AuditAction, Meeting, PackStatus
from ..pdf import pack_content_hash, render_pack
from ..tasks import render_agenda_pack as render_agenda_pack_task


@transaction.atomic
def agenda_pack_request(*, actor, meeting: Meeting, members_view: bool) -> AgendaPack:
    """Find the stored pack for this exact content, or create one and enqueue its rendering on commit."""
    require(actor, "governance.view_meeting", meeting)
    if members_view and not selectors.is_member(actor, meeting.body):
        raise ValidationError(_("Kun forummets medlemmer og sekretariatet kan hente pakken med lukkede punkter."))
    pack, created = AgendaPack.objects.get_or_create(
        content_hash=pack_content_hash(meeting, members_view=members_view),
        defaults={
            "meeting": meeting,
            "audience": "members" if members_view else "others",
            "requested_by": actor if getattr(actor, "is_authenticated", False) else None,
        },
    )
    if not created and pack.status == PackStatus.FAILED:
        pack.status, pack.progress, pack.error = PackStatus.PENDING, 0, ""
        pack.save(update_fields=["status", "progress", "error"])
        created = True
    if created:
        transaction.on_commit(lambda: render_agenda_pack_task.delay(pack.pk))
        log_action(actor=actor, action=AuditAction.AGENDA_PACK_REQUEST, obj=meeting, data={"audience": pack.audience})
    return pack


def _set_progress(pack_id: int, percent: int) -> None:
    AgendaPack.objects.filter(pk=pack_id).update(progress=percent)


def agenda_pack_render(*, pack_id: int) -> str:
    """Render the pack and store it; a second or concurrent run of a pack that is running or done does nothing."""
    with transaction.atomic():
        pack = AgendaPack.objects.select_for_update().select_related("meeting__body").filter(pk=pack_id).first()
        if pack is None or pack.status in (PackStatus.DONE, PackStatus.RUNNING):
            return pack.status if pack else "missing"
        pack.status, pack.progress = PackStatus.RUNNING, 5
        pack.save(update_fields=["status", "progress"])
    try:
        data, pages = render_pack(
            pack.meeting,
            members_view=pack.audience == "members",
            progress=lambda percent: _set_progress(pack.pk, percent),
        )
    except Exception as error:  # the page shows the failure; the secretariat can retry
        AgendaPack.objects.filter(pk=pack.pk).update(status=PackStatus.FAILED, error=str(error)[:2000])
        raise
    name = f"dagsorden-{pack.meeting.day:%Y-%m-%d}-{pack.audience}-{pack.content_hash[:12]}.pdf"
    pack.file.save(name, ContentFile(data), save=False)
    pack.pages, pack.status, pack.progress, pack.finished_at = pages, PackStatus.DONE, 100, timezone.now()
    pack.save(update_fields=["file", "pages", "status", "progress", "finished_at"])
    return PackStatus.DONE

"""Thin Celery wrappers: render an agenda pack once (idempotent) and store it."""

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from .models import AgendaPack, PackStatus


def _set_progress(pack_id: int, percent: int) -> None:
    AgendaPack.objects.filter(pk=pack_id).update(progress=percent)


@shared_task(bind=True, acks_late=True, max_retries=0)
def render_agenda_pack(self, pack_id: int) -> str:
    """Render the pack; a second or concurrent run of a pack that is running or done does nothing."""
    from .pdf import render_pack

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

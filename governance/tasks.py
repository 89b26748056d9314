"""Thin Celery wrappers around governance services; idempotent."""

from celery import shared_task
from django.conf import settings


@shared_task(bind=True, acks_late=True, max_retries=3)
def render_agenda_pack(self, pack_id: int) -> str:
    """Render an agenda pack once and store it (R30).

    While another render holds the pack's lease, try again when the lease runs out: if that render
    died (its worker was killed), this one takes over. A failed render is not retried; the pack page
    offers "Prøv igen".
    """
    from .services import packs  # the service module imports this one

    status = packs.agenda_pack_render(pack_id=pack_id)
    if status == packs.LEASED:
        raise self.retry(countdown=settings.RSI["PACK_RENDER_LEASE_SECONDS"])
    return status


@shared_task(bind=True, acks_late=True, max_retries=5)
def publish_agenda_pack(self, version_id: int) -> str:
    """Render both audiences' packs of a published version, then e-mail the members a link (once)."""
    from .services import packs, publish  # the service modules import this one

    status = publish.agenda_pack_publication_run(version_id=version_id)
    if status == packs.LEASED:
        raise self.retry(countdown=settings.RSI["PACK_RENDER_LEASE_SECONDS"])
    return status

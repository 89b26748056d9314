"""Thin Celery wrappers around governance services; idempotent."""

from celery import shared_task


@shared_task(bind=True, acks_late=True, max_retries=0)
def render_agenda_pack(self, pack_id: int) -> str:
    """Render an agenda pack once and store it (R30)."""
    from .services import agenda_pack_render  # the service module imports this one

    return agenda_pack_render(pack_id=pack_id)

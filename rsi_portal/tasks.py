"""Cross-cutting tasks: the beat heartbeat read by the health endpoint, and the outbox sweep."""

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

from . import outbox

BEAT_HEARTBEAT_KEY = "rsi:beat:last-tick"


@shared_task(ignore_result=True)
def beat_heartbeat() -> str:
    """Beat sends this every minute; the worker stores when it ran (the health endpoint shows the age)."""
    now = timezone.now().isoformat()
    cache.set(BEAT_HEARTBEAT_KEY, now, timeout=7 * 24 * 3600)
    return now


@shared_task(ignore_result=True)
def outbox_sweep() -> int:
    """Beat sends this every minute: work the broker did not take (or lost) is sent again."""
    return outbox.sweep()

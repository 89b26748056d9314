"""Cross-cutting views: the health check."""

from datetime import datetime

import redis
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .tasks import BEAT_HEARTBEAT_KEY

# The beat heartbeat runs every minute; older than this and beat (or every worker) is down.
BEAT_STALE_AFTER_SECONDS = 5 * 60


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception as error:  # noqa: BLE001 - reported, not raised
        return f"error: {error.__class__.__name__}"


def _check_broker() -> str:
    """ "ok" when Redis answers PING, "eager" when tasks run in process (no REDIS_URL)."""
    if not settings.REDIS_URL:
        return "eager"
    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
        try:
            return "ok" if client.ping() else "error: no PONG"
        finally:
            client.close()
    except Exception as error:  # noqa: BLE001 - reported, not raised
        return f"error: {error.__class__.__name__}"


def beat_age_seconds() -> int | None:
    """Seconds since the last beat heartbeat ran, None if it never ran (or the cache is down)."""
    try:
        value = cache.get(BEAT_HEARTBEAT_KEY)
    except Exception:  # noqa: BLE001 - a broken cache is reported as "no tick"
        return None
    if not value:
        return None
    try:
        last = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return max(0, int((timezone.now() - last).total_seconds()))


@login_not_required
@never_cache
@require_GET
def health(request):
    """Liveness for load balancers and docker compose: database, broker and the last beat tick.

    The status is "error" (HTTP 503) only when the database or the broker fails: beat is
    reported (age in seconds, "stale" after five minutes) but a missing beat doesn't make
    the web process unhealthy. Without REDIS_URL there is no beat: tasks run eagerly.
    """
    checks = {"database": _check_database(), "broker": _check_broker()}
    age = beat_age_seconds()
    if checks["broker"] == "eager":
        beat = {"status": "not used", "age_seconds": age}
    elif age is None:
        beat = {"status": "no tick yet", "age_seconds": None}
    else:
        beat = {"status": "ok" if age <= BEAT_STALE_AFTER_SECONDS else "stale", "age_seconds": age}
    healthy = all(value in {"ok", "eager"} for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks, "beat": beat},
        status=200 if healthy else 503,
    )

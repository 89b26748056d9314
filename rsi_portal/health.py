"""The health check: database, migrations, broker and the age of the last beat tick.

`HealthCheckMiddleware` answers /health/ before the session and login middleware run, so a probe
carrying a session cookie never reads or writes the session table (it answers 503 JSON, not a
500 page, while the database is away).
"""

from datetime import datetime

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponseNotAllowed, JsonResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from .models import JobState, OutboxJob
from .tasks import BEAT_HEARTBEAT_KEY

HEALTH_PATH = "/health/"
# The beat heartbeat runs every minute; older than this and beat (or every worker) is down.
BEAT_STALE_AFTER_SECONDS = 5 * 60


def error_text(error: BaseException) -> str:
    """ "error: <class>: <the driver's first line>", short enough for a probe's log."""
    message = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"error: {error.__class__.__name__}: {message}"[:300] if message else f"error: {error.__class__.__name__}"


def check_database() -> str:
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception as error:  # noqa: BLE001 - reported, not raised
        return error_text(error)


def check_migrations() -> str:
    """ "ok" when every migration is applied; otherwise how many are missing, and the first ones."""
    try:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as error:  # noqa: BLE001 - reported, not raised
        return error_text(error)
    if not plan:
        return "ok"
    names = ", ".join(f"{migration.app_label}.{migration.name}" for migration, _backwards in plan[:3])
    return f"error: {len(plan)} unapplied ({names}{', …' if len(plan) > 3 else ''}); run manage.py migrate"


def check_broker() -> str:
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
        return error_text(error)


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


def beat_status(broker: str) -> dict:
    age = beat_age_seconds()
    if broker == "eager":
        return {"status": "not used", "age_seconds": age}
    if age is None:
        return {"status": "no tick yet", "age_seconds": None}
    return {"status": "ok" if age <= BEAT_STALE_AFTER_SECONDS else "stale", "age_seconds": age}


def outbox_waiting() -> int | None:
    """How many requested jobs the broker has not taken yet (None when the database cannot say)."""
    try:
        return OutboxJob.objects.filter(state=JobState.PENDING).count()
    except Exception:  # noqa: BLE001 - the database check reports the cause
        return None


def health_response(request) -> JsonResponse:
    """The JSON answer: "error" and HTTP 503 when the database, the migrations or the broker fail.

    Beat is reported (age in seconds, "stale" after five minutes) but does not make the web process
    unhealthy: restarting web would not fix beat.
    """
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    database = check_database()
    checks = {
        "database": database,
        "migrations": check_migrations() if database == "ok" else "not checked: the database is not available",
        "broker": check_broker(),
    }
    healthy = all(value in {"ok", "eager"} for value in checks.values())
    body = {
        "status": "ok" if healthy else "error",
        "checks": checks,
        "beat": beat_status(checks["broker"]),
        "outbox": {"waiting": outbox_waiting() if database == "ok" else None},
    }
    response = JsonResponse(body, status=200 if healthy else 503)
    add_never_cache_headers(response)
    return response


class HealthCheckMiddleware:
    """Answers /health/ before the session, authentication and login middleware (put it just after
    SecurityMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == HEALTH_PATH:
            return health_response(request)
        return self.get_response(request)

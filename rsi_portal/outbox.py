"""The outbox: requested background work is a row first, a broker message second.

`enqueue()` writes an OutboxJob in the caller's transaction and sends it to the broker on commit,
by task name, with one quick try (a broker that is away costs the request well under a second).
A job the broker did not take stays pending; the beat sweep (`sweep()`, every minute) sends it
again after RSI["OUTBOX_RETRY_MINUTES"]. Celery's task signals keep the row's state (running,
done, failed) for tasks sent from here, so a job whose message was lost (a Redis restart without
persistence) is sent again after RSI["OUTBOX_LOST_MINUTES"]. The tasks are idempotent, so a
second delivery does nothing extra. Without a broker (no REDIS_URL) the task runs in process.
"""

import logging
import uuid
from datetime import timedelta

from celery import signals
from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .celery import app
from .models import JobState, OutboxJob

logger = logging.getLogger(__name__)

# Shown when the work is recorded but the queue did not take it yet.
WAITING_MESSAGE = _("Bestillingen er modtaget og udføres, så snart køen er tilbage.")

TASK_ID_PREFIX = "outbox-"
# One quick retry of the publish; kombu's default waits far longer on a broker that is away.
PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 0.5}
SWEEP_BATCH = 500
KEEP_DONE_DAYS = 30


def enqueue(kind: str, *, args=(), kwargs=None, key: str = "") -> OutboxJob:
    """Record the task `kind(*args, **kwargs)` in the current transaction; send it when that commits.

    With a key, a job of that key that has not reached the broker yet is reused, so asking twice
    while the broker is away queues the work once. The returned job's `state` tells the caller,
    after the commit, whether the broker took it (see `is_waiting`).
    """
    arguments = {"args": list(args), "kwargs": dict(kwargs or {})}
    with transaction.atomic():
        job = None
        if key:
            job = OutboxJob.objects.select_for_update().filter(key=key, state=JobState.PENDING).first()
        if job is None:
            job = OutboxJob.objects.create(kind=kind, arguments=arguments, key=key)
        elif (job.kind, job.arguments) != (kind, arguments):
            job.kind, job.arguments = kind, arguments
            job.save(update_fields=["kind", "arguments", "updated_at"])
        transaction.on_commit(lambda: send(job), robust=True)
    return job


def in_queue(job: OutboxJob) -> bool:
    """After the commit: whether the broker took the job (or it ran here), rather than it waiting for the sweep."""
    return job.state != JobState.PENDING


def is_waiting(key: str) -> bool:
    """True while work of this key is recorded but not yet taken by the broker."""
    return OutboxJob.objects.filter(key=key, state=JobState.PENDING).exists()


def _task(kind: str):
    if kind not in app.tasks:
        app.loader.import_default_modules()  # the web process has not imported every tasks module
    return app.tasks[kind]


def send(job: OutboxJob) -> bool:
    """Hand the job to the broker (or run it here when tasks run eagerly); False when the broker is away."""
    args, kwargs = job.arguments.get("args", []), job.arguments.get("kwargs", {})
    task_id = f"{TASK_ID_PREFIX}{job.pk}-{uuid.uuid4().hex[:12]}"
    now = timezone.now()
    if app.conf.task_always_eager:
        OutboxJob.objects.filter(pk=job.pk).update(state=JobState.SENT, attempts=F("attempts") + 1, updated_at=now)
        try:
            _task(job.kind).apply(args=args, kwargs=kwargs, task_id=task_id)
        finally:
            job.refresh_from_db(fields=["state", "attempts", "last_error", "updated_at"])
        return True
    try:
        # ignore_result: the web process never reads a result, so it never waits on a result backend.
        app.send_task(
            job.kind,
            args=args,
            kwargs=kwargs,
            task_id=task_id,
            ignore_result=True,
            retry=True,
            retry_policy=PUBLISH_RETRY_POLICY,
        )
    except Exception as error:  # noqa: BLE001 - the broker is away: the job stays pending for the sweep
        logger.warning("outbox: %s #%s not sent, the sweep sends it again: %s", job.kind, job.pk, error)
        OutboxJob.objects.filter(pk=job.pk).update(
            state=JobState.PENDING, attempts=F("attempts") + 1, last_error=str(error)[:2000], updated_at=now
        )
        job.state, job.last_error = JobState.PENDING, str(error)[:2000]
        return False
    OutboxJob.objects.filter(pk=job.pk, state__in=[JobState.PENDING, JobState.SENT]).update(
        state=JobState.SENT, attempts=F("attempts") + 1, last_error="", updated_at=now
    )
    job.state = JobState.SENT
    return True


def sweep(*, now=None) -> int:
    """Send again what is still pending, and what was sent but never finished; returns how many were sent.

    Stops at the first job the broker refuses (it is still away: the next sweep goes on).
    """
    now = now or timezone.now()
    rsi = settings.RSI
    pending = OutboxJob.objects.filter(
        state=JobState.PENDING, updated_at__lte=now - timedelta(minutes=rsi["OUTBOX_RETRY_MINUTES"])
    )
    lost = OutboxJob.objects.filter(
        state__in=[JobState.SENT, JobState.RUNNING],
        updated_at__lte=now - timedelta(minutes=rsi["OUTBOX_LOST_MINUTES"]),
    )
    sent = 0
    for job in (pending | lost).order_by("pk")[:SWEEP_BATCH]:
        if not send(job):
            break
        sent += 1
    OutboxJob.objects.filter(state=JobState.DONE, updated_at__lte=now - timedelta(days=KEEP_DONE_DAYS)).delete()
    return sent


# --- The job's state follows its task (only tasks sent by `send`, recognised by their task id)


def _job_pk(task_id) -> int | None:
    if not task_id or not str(task_id).startswith(TASK_ID_PREFIX):
        return None
    try:
        return int(str(task_id)[len(TASK_ID_PREFIX) :].split("-", 1)[0])
    except ValueError:
        return None


def _mark(task_id, state: str, error: str = "") -> None:
    pk = _job_pk(task_id)
    if pk is None:
        return
    try:
        OutboxJob.objects.filter(pk=pk).exclude(state=JobState.DONE).update(
            state=state, last_error=error[:2000], updated_at=timezone.now()
        )
    except DatabaseError:  # the database is away: the sweep sees the job again later
        logger.warning("outbox: could not mark job #%s %s", pk, state)


@signals.task_prerun.connect(dispatch_uid="rsi_portal.outbox.prerun")
def _on_prerun(task_id=None, **_):
    _mark(task_id, JobState.RUNNING)


@signals.task_retry.connect(dispatch_uid="rsi_portal.outbox.retry")
def _on_retry(request=None, reason=None, **_):
    _mark(getattr(request, "id", None), JobState.SENT, str(reason or ""))


@signals.task_success.connect(dispatch_uid="rsi_portal.outbox.success")
def _on_success(sender=None, **_):
    _mark(getattr(getattr(sender, "request", None), "id", None), JobState.DONE)


@signals.task_failure.connect(dispatch_uid="rsi_portal.outbox.failure")
def _on_failure(task_id=None, exception=None, **_):
    _mark(task_id, JobState.FAILED, repr(exception))

"""Celery tasks of the projects app: thin wrappers around projects.services. Without REDIS_URL they run eagerly."""

import smtplib

from celery import shared_task


@shared_task(
    name="projects.tasks.notify_risk_flag",
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=10,
    retry_jitter=True,
    max_retries=6,
)
def notify_risk_flag(project_id: int) -> int:
    """R27: tell the secretariat that the project's budget has risen above 10 mio. kr.; returns the recipients."""
    from .services.risk import risk_flag_notify  # the service module imports this one

    return risk_flag_notify(project_id=project_id)

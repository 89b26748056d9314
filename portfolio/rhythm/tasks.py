"""Celery tasks of the portfolio rhythm: thin, idempotent wrappers around portfolio.rhythm.services.

Beat sends the `*_tick` tasks (settings.CELERY_BEAT_SCHEDULE); each asks the rules whether today
is the day and does nothing when the work is done already. Without REDIS_URL they run eagerly.
Transient failures (database or mail server away) are retried with exponential backoff.
The task names stay "portfolio.tasks.*": beat schedules and queued messages refer to them.
"""

import smtplib
from datetime import date

from celery import shared_task
from django.contrib.auth import get_user_model
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from .rules import director_mail_due, monthly_report_due_period

RETRY = {
    "autoretry_for": (OperationalError, InterfaceError, smtplib.SMTPException, ConnectionError, TimeoutError),
    "retry_backoff": 10,  # 10 s, 20 s, 40 s, … with jitter
    # A retry waits as an unacknowledged message: its countdown stays below the broker's visibility
    # timeout (settings, docs/operations.md), or Redis would hand it to a second worker meanwhile.
    "retry_backoff_max": 4 * 60,
    "retry_jitter": True,
    "max_retries": 10,  # about 25 minutes of retrying in all
}


def _services():
    from . import services  # the service module imports this one (HackSoft: services enqueue tasks)

    return services


def _day(today: str | None) -> date:
    return date.fromisoformat(today) if today else timezone.localdate()


@shared_task(name="portfolio.tasks.generate_monthly_report", **RETRY)
def generate_monthly_report(
    period: str, after_version: int = 0, actor_id: int | None = None, reason: str = "", by_goal: bool = False
):
    """Make the month's report (version after_version + 1) unless it exists; returns its id or None."""
    actor = get_user_model().objects.get(pk=actor_id) if actor_id else None
    report = _services().monthly_report_generate(
        period=date.fromisoformat(period), actor=actor, after_version=after_version, reason=reason, by_goal=by_goal
    )
    return report.pk if report else None


@shared_task(name="portfolio.tasks.notify_monthly_report", **RETRY)
def notify_monthly_report(report_id: int) -> int:
    return _services().monthly_report_notify(report_id=report_id)


@shared_task(name="portfolio.tasks.monthly_report_tick", **RETRY)
def monthly_report_tick(today: str | None = None):
    """Beat: from the report day after the deadline, make last month's report if it isn't there."""
    period = monthly_report_due_period(_day(today))
    if period is None:
        return None
    return generate_monthly_report(period.isoformat())


@shared_task(name="portfolio.tasks.reminders_tick", **RETRY)
def reminders_tick(today: str | None = None) -> dict:
    """Beat: send the reminders due today (each at most once per person, month and kind)."""
    return _services().reminders_send(today=_day(today))


@shared_task(name="portfolio.tasks.send_reminder", **RETRY)
def send_reminder(user_id: int, period: str, actor_id: int | None = None) -> bool:
    """The secretariat's one-click reminder to one person (idempotent: once per person and month)."""
    return _services().reminder_send_manual(user_id=user_id, period=date.fromisoformat(period), actor_id=actor_id)


@shared_task(name="portfolio.tasks.director_mail_tick", **RETRY)
def director_mail_tick(today: str | None = None):
    """Beat: on the 1st and the 15th (not July) compile the director mail draft for the secretariat."""
    day = _day(today)
    if not director_mail_due(day):
        return None
    mail = _services().director_mail_compile(issue_date=day)
    return mail.pk if mail else None

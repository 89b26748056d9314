"""E-mail that never pretends: production without a mail server refuses to start, and a count of
sent mail counts only what the backend accepted."""

import logging
import smtplib

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger(__name__)

UNCONFIGURED_BACKEND = "rsi_portal.mail.UnconfiguredEmailBackend"
UNCONFIGURED_MESSAGE = (
    "E-mail is not configured: set EMAIL_HOST (and EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD) for SMTP, "
    "or EMAIL_BACKEND explicitly (e.g. django.core.mail.backends.console.EmailBackend to print mail)."
)


class UnconfiguredEmailBackend(BaseEmailBackend):
    """Chosen by the settings when DEBUG is off and neither EMAIL_HOST nor EMAIL_BACKEND is set:
    every send fails, so no task records mail as sent that went nowhere."""

    def send_messages(self, email_messages):
        raise ImproperlyConfigured(UNCONFIGURED_MESSAGE)


def require_email_configured() -> None:
    """Called where the portal starts serving (rsi_portal.wsgi): refuse to start without e-mail."""
    if settings.EMAIL_BACKEND == UNCONFIGURED_BACKEND:
        raise ImproperlyConfigured(UNCONFIGURED_MESSAGE)


def send_each(messages) -> list[str]:
    """Send the messages over one connection; return the addresses of those the backend accepted.

    A recipient the server refuses is logged and left out. A server that is away raises, so the
    caller's transaction rolls back and its task is retried.
    """
    accepted = []
    if not messages:
        return accepted
    with get_connection() as connection:
        for message in messages:
            try:
                if connection.send_messages([message]):
                    accepted.extend(message.to)
            except smtplib.SMTPRecipientsRefused as error:
                logger.warning("mail to %s refused: %s", ", ".join(message.to), error.recipients)
    return accepted

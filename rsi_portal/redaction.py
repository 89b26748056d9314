"""Secrets that travel in URL paths (the R32 calendar-feed tokens) never reach a log line."""

import logging
import re

# /kalender/<token>/… : the token alone opens the person's feed, so it is as good as a password.
_SECRET_PATH = re.compile(r"(/kalender/)[^/?#\s\"']+", re.IGNORECASE)
REDACTED = "[skjult]"


def redact_secret_paths(text: str) -> str:
    """The text with every secret path segment replaced by a marker."""
    return _SECRET_PATH.sub(rf"\g<1>{REDACTED}", text)


class RedactSecretPathsFilter(logging.Filter):
    """A logging filter that redacts secret path segments in the formatted message (e.g. Django's "Not Found: …")."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_secret_paths(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True

"""System checks of the environment: `manage.py check` (and migrate, runserver) connects to the
database, so a wrong host or database name in DATABASE_URL stops start-up with the driver's message."""

from django.core import checks
from django.db import connections


def database_reachable(app_configs=None, **kwargs) -> list:
    errors = []
    for alias in connections:
        try:
            connections[alias].ensure_connection()
        except Exception as error:  # noqa: BLE001 - every driver error is reported the same way
            message = str(error).strip() or error.__class__.__name__
            errors.append(
                checks.Error(
                    f"Cannot connect to the database {alias!r}: {message}",
                    hint="Check DATABASE_URL: host, port, database name, user and password.",
                    id="rsi_portal.E001",
                )
            )
    return errors

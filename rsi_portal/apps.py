from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate

from . import converters
from .checks import database_reachable


class RsiPortalConfig(AppConfig):
    name = "rsi_portal"
    verbose_name = "RSI Portal"

    def ready(self):
        from .permissions import ensure_role_groups  # imports models: only once the app registry is ready

        post_migrate.connect(ensure_role_groups, dispatch_uid="rsi_portal.ensure_role_groups")
        converters.register()
        checks.register(database_reachable)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "finance"
    verbose_name = _("Økonomi")

    def ready(self):
        from . import permissions  # imports auth models, which cannot load before the app registry

        permissions.register()

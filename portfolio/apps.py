from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = _("Portefølje")

    def ready(self):
        from . import permissions  # imports models: only once the app registry is ready

        permissions.register()

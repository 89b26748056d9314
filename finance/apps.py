from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portfolio import hooks as portfolio_hooks


class FinanceConfig(AppConfig):
    name = "finance"
    verbose_name = _("Økonomi")

    def ready(self):
        from governance import selectors as governance_selectors  # loads models: only once the registry is ready

        from . import hooks, permissions, services  # import models, which cannot load before the app registry

        permissions.register()
        hooks.approved_matters.register(governance_selectors.approved_matters)
        hooks.matter_settled.register(governance_selectors.matter_settled)
        portfolio_hooks.yearly_reminders.register(services.realisation_reminders_send)

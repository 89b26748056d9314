from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portfolio.hooks import decision_recorders, yearly_reminders


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Styring")

    def ready(self):
        from . import permissions, services  # import models: only once the app registry is ready

        permissions.register()
        decision_recorders.register(services.approval_record)
        yearly_reminders.register(services.quarterly_reminders_send)  # R37: on the rhythm's daily tick

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portfolio.hooks import decision_recorders


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Styring")

    def ready(self):
        from . import permissions, services  # import models: only once the app registry is ready

        permissions.register()
        decision_recorders.register(services.approval_record)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portfolio.hooks import decision_recorders, yearly_reminders
from rsi_portal.navigation import register_menu_check


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Styring")

    def ready(self):
        from . import escalation_reads, permissions, services  # import models: only once the app registry is ready

        permissions.register()
        register_menu_check("governance:escalation_list", escalation_reads.may_view_log)  # R25: IT5 and RSI DK
        decision_recorders.register(services.approval_record)
        yearly_reminders.register(services.quarterly_reminders_send)  # R37: on the rhythm's daily tick

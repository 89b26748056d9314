"""R33 tables: SYS's joint running systems, their user groups and yearly operating budgets.

Re-exported by governance.models, so every caller imports them from there.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portfolio.models import Region

MONEY = {"max_digits": 14, "decimal_places": 2}


class JointSystem(models.Model):
    """R33: a joint running IT system in SYS's portfolio."""

    name = models.CharField(_("navn"), max_length=160, unique=True)
    responsible_region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="joint_systems",
        verbose_name=_("systemansvarlig region"),
        help_text=_("Besluttes af RSI DK efter SYS' indstilling."),
    )
    fsa = models.CharField(_("fællesregional forretningssystemadministrator (FSA)"), max_length=160, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("fælles driftssystem")
        verbose_name_plural = _("fælles driftssystemer")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("governance:joint_system_detail", args=[self.pk])

    @property
    def responsibility_label(self) -> str:
        """The responsible region, and SYS's recommendation while RSI DK has not decided it (R33); the pending
        recommendation is the `pending_region` annotation of selectors.joint_system_list."""
        region = self.responsible_region.name if self.responsible_region else ""
        pending = getattr(self, "pending_region", None)
        if pending:
            waiting = _("Afventer RSI DK (SYS anbefaler %(region)s)") % {"region": pending}
            return f"{region} – {waiting}" if region else str(waiting)
        return region or str(_("Ikke besluttet"))


class UserGroup(models.Model):
    """R33: a user group of a joint running system (the users the system's administration consults)."""

    system = models.ForeignKey(JointSystem, on_delete=models.CASCADE, related_name="user_groups")
    name = models.CharField(_("navn"), max_length=160)
    description = models.TextField(_("hvem gruppen repræsenterer"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["system", "name"]
        verbose_name = _("brugergruppe")
        verbose_name_plural = _("brugergrupper")
        constraints = [models.UniqueConstraint(fields=["system", "name"], name="user_group_name_once_per_system")]

    def __str__(self):
        return self.name


class OperatingBudget(models.Model):
    """R33: the joint system's operating budget for one year (SYS prioritises it)."""

    system = models.ForeignKey(JointSystem, on_delete=models.CASCADE, related_name="budgets")
    year = models.PositiveSmallIntegerField(_("år"))
    amount = models.DecimalField(_("driftsbudget"), **MONEY)
    history = HistoricalRecords()

    class Meta:
        ordering = ["system", "-year"]
        verbose_name = _("driftsbudget")
        verbose_name_plural = _("driftsbudgetter")
        constraints = [
            models.UniqueConstraint(fields=["system", "year"], name="operating_budget_once_per_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="operating_budget_not_negative"),
        ]

    def __str__(self):
        return f"{self.system} {self.year}"

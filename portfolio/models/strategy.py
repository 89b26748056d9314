"""R40: RSI DK's strategy goals; each pejlemærke supports one or more of them."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .base import Pejlemaerke


class StrategyGoal(models.Model):
    title = models.CharField(_("titel"), max_length=200, unique=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    period_start = models.PositiveSmallIntegerField(_("periode fra (år)"))
    period_end = models.PositiveSmallIntegerField(_("periode til (år)"))
    pejlemaerker = models.ManyToManyField(
        Pejlemaerke, related_name="strategy_goals", blank=True, verbose_name=_("pejlemærker")
    )

    class Meta:
        ordering = ["period_start", "title"]
        verbose_name = _("strategisk mål")
        verbose_name_plural = _("strategiske mål")
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="strategy_goal_period_order"),
            models.CheckConstraint(
                condition=Q(period_start__gte=2000, period_end__lte=2100), name="strategy_goal_years"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portfolio:goal_detail", args=[self.pk])

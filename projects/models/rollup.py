"""The kept monthly roll-up (R10, R11): one row per pejlemærke and month, maintained by
projects.services.rollup in the same transaction as every write that can change it."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portfolio.models import Pejlemaerke

from ..rules import Colour

COLOUR_OR_NONE = [*Colour.values, ""]
TREND_MONTHS = 12  # the trend strip: this month and the eleven before it


class MonthlyRollup(models.Model):
    """A pejlemærke's rolled-up status for one month, as R10 computes it from the submitted reports.

    A row exists for each month with at least one counted report (a submitted report of a
    participating region's reporting pair); a month without one is "every region missing" and has
    no row. Colours are "" for none (R10: incomplete, never green).
    """

    pejlemaerke = models.ForeignKey(
        Pejlemaerke, on_delete=models.CASCADE, related_name="+", verbose_name=_("pejlemærke")
    )
    month = models.DateField(_("måned"), help_text=_("Månedens første dag."))
    colour = models.CharField(_("samlet status"), max_length=8, choices=Colour.choices, blank=True)
    # [[region_id, colour or ""], ...]: each participating region with a reporting project, in region order.
    region_colours = models.JSONField(_("regionernes status"), default=list)
    missing_regions = models.JSONField(_("manglende regioner"), default=list)  # [region_id, ...]
    # [[region_id, [dimension field, ...], first line of the risk text], ...]: the regions whose reports
    # have the rolled-up colour (red or yellow), for the "why" line.
    why = models.JSONField(_("hvorfor"), default=list)
    previous_colour = models.CharField(_("sidste måned"), max_length=8, choices=Colour.choices, blank=True)
    yellow_streak = models.PositiveSmallIntegerField(_("gule måneder i træk"), default=0)
    # The colours of the trend strip, oldest first, ending with this month ("" = no status).
    trend = models.JSONField(_("udvikling"), default=list)
    corrected = models.BooleanField(_("rettet efter indsendelse"), default=False)
    month_submitted_at = models.DateTimeField(_("senest indsendt i måneden"), null=True, blank=True)
    # The newest submission in this month or any month before it (days since the last report).
    last_submitted_at = models.DateTimeField(_("senest indsendt"), null=True, blank=True)
    # The sum of the counted reports' versions: every submit and correction adds one (R12 is append-only),
    # so a row whose number is below its reports' sum was computed from older versions.
    source_version = models.PositiveIntegerField(_("kildeversion"), default=0)
    refreshed_at = models.DateTimeField(_("beregnet"), auto_now=True)

    class Meta:
        ordering = ["pejlemaerke", "month"]
        verbose_name = _("månedsstatus (samlet)")
        verbose_name_plural = _("månedsstatus (samlet)")
        constraints = [
            models.UniqueConstraint(fields=["pejlemaerke", "month"], name="rollup_once_per_pejlemaerke_month"),
            models.CheckConstraint(condition=Q(month__day=1), name="rollup_month_is_first_of_month"),
            models.CheckConstraint(condition=Q(colour__in=COLOUR_OR_NONE), name="rollup_colour_known"),
            models.CheckConstraint(condition=Q(previous_colour__in=COLOUR_OR_NONE), name="rollup_previous_known"),
            models.CheckConstraint(
                condition=Q(yellow_streak=0) | Q(colour=Colour.YELLOW), name="rollup_streak_only_when_yellow"
            ),
        ]
        indexes = [models.Index(fields=["month", "pejlemaerke"], name="rollup_month_idx")]

    def __str__(self):
        return f"{self.pejlemaerke_id} – {self.month:%Y-%m}: {self.colour or '–'}"

"""R37 tables: RITA's and SYS's quarterly reports to IT5.

Re-exported by governance.models, so every caller imports them from there. Meetings and agenda items
are named by string: governance.models imports this module.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portfolio.models import Body
from rsi_portal.registry import register_audit_actions


class QuarterlyAuditAction(models.TextChoices):
    """What the quarterly reports write to the audit trail."""

    SUBMIT = "quarterly_report.submit", _("Kvartalsrapport indsendt til IT5")


register_audit_actions(QuarterlyAuditAction)


def quarterly_attachment_path(instance, filename):
    return f"kvartalsrapporter/{instance.body_id}/{instance.quarter:%Y-%m}/{filename}"


class QuarterlyReport(models.Model):
    """R37: one body's (RITA or SYS) report to IT5 for one quarter, due at IT5's first meeting after it."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="quarterly_reports", verbose_name=_("forum"))
    quarter = models.DateField(_("kvartal"), help_text=_("Kvartalets første dag."))
    text = models.TextField(_("rapport"))
    attachment = models.ForeignKey(
        "governance.Attachment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bilag"),
    )
    meeting = models.ForeignKey(
        "governance.Meeting", on_delete=models.PROTECT, related_name="quarterly_reports", verbose_name=_("IT5-møde")
    )
    item = models.OneToOneField(
        "governance.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quarterly_report",
        verbose_name=_("dagsordenspunkt"),
    )
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("indsendt"), auto_now_add=True)

    class Meta:
        ordering = ["-quarter", "body__kind"]
        verbose_name = _("kvartalsrapport")
        verbose_name_plural = _("kvartalsrapporter")
        constraints = [
            models.UniqueConstraint(fields=["body", "quarter"], name="r37_quarterly_report_once"),
            models.CheckConstraint(
                condition=Q(quarter__day=1, quarter__month__in=[1, 4, 7, 10]), name="r37_quarter_is_first_day"
            ),
        ]

    def __str__(self):
        return f"{self.body} {self.quarter:%Y}-K{(self.quarter.month - 1) // 3 + 1}"


class QuarterlyReminder(models.Model):
    """R37: a reminder sent to the reporting body's chair; at most one per (body, quarter, person)."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="+", verbose_name=_("forum"))
    quarter = models.DateField(_("kvartal"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(_("e-mail"))
    sent_at = models.DateTimeField(_("sendt"), auto_now_add=True)

    class Meta:
        verbose_name = _("påmindelse om kvartalsrapport")
        verbose_name_plural = _("påmindelser om kvartalsrapporter")
        constraints = [
            models.UniqueConstraint(fields=["body", "quarter", "user"], name="r37_quarterly_reminder_once"),
        ]

    def __str__(self):
        return f"{self.body} {self.quarter:%Y-%m} → {self.user}"

"""The portfolio rhythm's tables: monthly reports, status reminders, director mail, calendar feed tokens.

They live in the portfolio app (its migrations); the code that writes and reads them is in portfolio.rhythm.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length, Trim
from django.db.models.lookups import GreaterThan
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def monthly_report_path(instance, filename):
    return f"reports/{instance.period:%Y-%m}/v{instance.version}/{filename}"


class MonthlyReport(models.Model):
    """One version of a month's portfolio report (PDF + xlsx). Beat makes version 1 exactly once;
    the secretariat may regenerate on purpose, which adds a version and keeps the old ones."""

    period = models.DateField(_("måned"), help_text=_("Den første dag i den rapporterede måned."))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    is_current = models.BooleanField(_("gældende"), default=True)
    pdf = models.FileField(_("PDF"), upload_to=monthly_report_path, max_length=200)
    xlsx = models.FileField(_("regneark"), upload_to=monthly_report_path, max_length=200)
    summary = models.JSONField(_("resumé"), default=dict, blank=True)
    generated_at = models.DateTimeField(_("dannet"), auto_now_add=True)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dannet af"),
        help_text=_("Tom når rapporten er dannet automatisk."),
    )
    reason = models.TextField(_("begrundelse"), blank=True)
    notified_at = models.DateTimeField(_("medlemmer underrettet"), null=True, blank=True)
    notified_count = models.PositiveIntegerField(_("antal modtagere"), default=0)

    class Meta:
        ordering = ["-period", "-version"]
        verbose_name = _("månedsrapport")
        verbose_name_plural = _("månedsrapporter")
        constraints = [
            models.UniqueConstraint(fields=["period", "version"], name="monthly_report_version_once"),
            models.UniqueConstraint(fields=["period"], condition=Q(is_current=True), name="monthly_report_one_current"),
            models.CheckConstraint(condition=Q(period__day=1), name="monthly_report_period_first_day"),
            models.CheckConstraint(condition=Q(version__gte=1), name="monthly_report_version_positive"),
            models.CheckConstraint(
                condition=Q(version=1) | Q(GreaterThan(Length(Trim("reason")), 0)),
                name="monthly_report_regeneration_has_reason",
            ),
        ]

    def __str__(self):
        return f"Porteføljerapport {self.period:%m.%Y} v{self.version}"

    def get_absolute_url(self):
        return reverse("portfolio:report_detail", args=[self.pk])


class ReminderKind(models.TextChoices):
    BEFORE = "before", _("Påmindelse før fristen")
    AFTER = "after", _("Rykker efter fristen")
    SECRETARIAT = "secretariat", _("Liste over manglende rapporter til sekretariatet")
    MANUAL = "manual", _("Påmindelse sendt af sekretariatet")


class ReminderLog(models.Model):
    """R13: a status reminder that was sent; at most one per (person, month, kind)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="status_reminders", verbose_name=_("modtager")
    )
    period = models.DateField(_("måned"))
    kind = models.CharField(_("type"), max_length=12, choices=ReminderKind.choices)
    email = models.EmailField(_("e-mail"))
    items = models.JSONField(_("manglende rapporter"), default=list, blank=True)
    sent_at = models.DateTimeField(_("sendt"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("påmindelse")
        verbose_name_plural = _("påmindelser")
        constraints = [
            models.UniqueConstraint(fields=["user", "period", "kind"], name="reminder_once_per_person_month_kind"),
            models.CheckConstraint(condition=Q(kind__in=ReminderKind.values), name="reminder_kind_known"),
            models.CheckConstraint(condition=Q(period__day=1), name="reminder_period_first_day"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.period:%m.%Y} → {self.user}"


class DirectorMailStatus(models.TextChoices):
    DRAFT = "draft", _("Kladde")
    SENT = "sent", _("Sendt")


class DirectorMail(models.Model):
    """R31: one RSI-direktørkredsmail per issue date (the 1st and the 15th, not in July)."""

    issue_date = models.DateField(_("udgivelsesdato"), unique=True)
    status = models.CharField(
        _("status"), max_length=5, choices=DirectorMailStatus.choices, default=DirectorMailStatus.DRAFT
    )
    subject = models.CharField(_("emne"), max_length=200)
    body = models.TextField(_("tekst"))
    compiled_at = models.DateTimeField(_("samlet"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recipients = models.JSONField(_("modtagere"), default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-issue_date"]
        verbose_name = _("direktørkredsmail")
        verbose_name_plural = _("direktørkredsmails")
        constraints = [
            models.CheckConstraint(condition=Q(issue_date__day__in=[1, 15]), name="r31_issue_on_1st_or_15th"),
            models.CheckConstraint(condition=~Q(issue_date__month=7), name="r31_no_issue_in_july"),
            models.CheckConstraint(condition=Q(status__in=DirectorMailStatus.values), name="director_mail_status"),
            models.CheckConstraint(
                condition=Q(status=DirectorMailStatus.DRAFT) | Q(sent_at__isnull=False),
                name="director_mail_sent_has_time",
            ),
        ]

    def __str__(self):
        return f"RSI-direktørkredsmail {self.issue_date:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("portfolio:director_mail_detail", args=[self.pk])

    @property
    def is_sent(self) -> bool:
        return self.status == DirectorMailStatus.SENT


class DirectorMailItem(models.Model):
    """R31: an item the secretariat adds for the next director mail (due the day before)."""

    title = models.CharField(_("overskrift"), max_length=200)
    text = models.TextField(_("tekst"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("tilføjet af")
    )
    added_at = models.DateTimeField(_("tilføjet"), auto_now_add=True)
    mail = models.ForeignKey(
        DirectorMail,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("med i mailen"),
    )

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("punkt til direktørkredsmail")
        verbose_name_plural = _("punkter til direktørkredsmail")

    def __str__(self):
        return self.title


class CalendarFeedToken(models.Model):
    """R32: the secret in a person's iCalendar feed URL (calendar clients cannot log in)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token", verbose_name=_("person")
    )
    token = models.CharField(_("nøgle"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("kalendernøgle")
        verbose_name_plural = _("kalendernøgler")

    def __str__(self):
        return f"{self.user}"

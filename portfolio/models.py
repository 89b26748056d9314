"""RSI's portfolio-level organisation: regions, bodies, members, pejlemærker, participation."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length, Trim
from django.db.models.lookups import GreaterThan
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .rules import REGION_CODES, Lifecycle, ParticipationStatus, PejlemaerkeType


class Region(models.Model):
    code = models.CharField(_("kode"), max_length=3, unique=True)
    name = models.CharField(_("navn"), max_length=60, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("region")
        verbose_name_plural = _("regioner")
        permissions = [("contact_region", _("Er kontaktperson for regionen"))]
        constraints = [
            models.CheckConstraint(condition=Q(code__in=REGION_CODES), name="region_code_known"),
        ]

    def __str__(self):
        return self.name


class BodyKind(models.TextChoices):
    RSI_DK = "RSI_DK", _("RSI DK (RSI-direktørkredsen)")
    IT5 = "IT5", _("IT5 (regionernes it-direktører)")
    SYS = "SYS", _("SYS (Styregruppen for systemforvaltning)")
    RITA = "RITA", _("RITA (Regionernes IT-arkitekturråd)")
    PMO5 = "PMO5", _("PMO5 (regionernes porteføljeledere)")
    IT_RAADET = "IT_RAADET", _("Regionernes It-råd")
    STYREGRUPPE = "STYREGRUPPE", _("Projektstyregruppe")


class Body(models.Model):
    """A forum. The portfolio bodies exist once each; every pejlemærke has its own styregruppe."""

    kind = models.CharField(_("type"), max_length=12, choices=BodyKind.choices)
    name = models.CharField(_("navn"), max_length=160, unique=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="BodyMembership", related_name="bodies", blank=True
    )

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("forum")
        verbose_name_plural = _("fora")
        permissions = [("member_of_body", _("Er medlem af forummet"))]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"], condition=~Q(kind=BodyKind.STYREGRUPPE), name="body_portfolio_kind_once"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def chair(self):
        membership = next((m for m in self.memberships.all() if m.role == MemberRole.CHAIR), None)
        return membership.user if membership else None


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Formand")
    MEMBER = "member", _("Medlem")


class BodyMembership(models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("forum"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person")
    )
    role = models.CharField(_("rolle"), max_length=8, choices=MemberRole.choices, default=MemberRole.MEMBER)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("region"),
        help_text=_("Tom for medlemmer fra fx Danske Regioner."),
    )
    organisation = models.CharField(_("organisation"), max_length=120, blank=True)
    title = models.CharField(_("titel"), max_length=120, blank=True)

    class Meta:
        ordering = ["body", "-role", "region__sort_order", "user__last_name"]
        verbose_name = _("medlemskab")
        verbose_name_plural = _("medlemskaber")
        constraints = [
            models.UniqueConstraint(fields=["body", "user"], name="membership_once_per_body"),
            models.UniqueConstraint(
                fields=["body"], condition=Q(role=MemberRole.CHAIR), name="membership_one_chair_per_body"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.body} ({self.get_role_display()})"


class RegionContact(models.Model):
    """A kontaktperson reads everything about their region."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("region"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="region_contacts",
        verbose_name=_("person"),
    )

    class Meta:
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")
        constraints = [models.UniqueConstraint(fields=["region", "user"], name="region_contact_once")]

    def __str__(self):
        return f"{self.user} ({self.region.code})"


class Pejlemaerke(models.Model):
    name = models.CharField(_("navn"), max_length=200, unique=True)
    short_name = models.CharField(_("kort navn"), max_length=40, blank=True)
    type = models.CharField(_("type"), max_length=14, choices=PejlemaerkeType.choices)
    state = models.CharField(_("livscyklus"), max_length=10, choices=Lifecycle.choices, default=Lifecycle.IDEA)
    is_programme = models.BooleanField(
        _("program"), default=False, help_text=_("Store anskaffelser kan organiseres som et program.")
    )
    description = models.TextField(_("beskrivelse"), blank=True)
    goal = models.TextField(_("mål og gevinster"), blank=True)
    leading_region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="led_pejlemaerker", verbose_name=_("projektledende region")
    )
    project_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_pejlemaerker",
        verbose_name=_("fællesregional projektleder"),
    )
    steering_group = models.OneToOneField(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pejlemaerke",
        verbose_name=_("styregruppe"),
        limit_choices_to={"kind": BodyKind.STYREGRUPPE},
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("pejlemærke")
        verbose_name_plural = _("pejlemærker")
        permissions = [
            ("lead_pejlemaerke", _("Er fællesregional projektleder")),
            ("chair_pejlemaerke", _("Er styregruppeformand")),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(type__in=PejlemaerkeType.values), name="pejlemaerke_type_known"),
            models.CheckConstraint(condition=Q(state__in=Lifecycle.values), name="pejlemaerke_state_known"),
            models.CheckConstraint(
                condition=Q(is_programme=False) | Q(type=PejlemaerkeType.ANSKAFFELSE),
                name="pejlemaerke_programme_is_acquisition",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("portfolio:pejlemaerke_detail", args=[self.pk])

    @property
    def chair(self):
        return self.steering_group.chair if self.steering_group_id else None


class PejlemaerkeTransition(models.Model):
    """R2: every lifecycle move, with who, when and why."""

    pejlemaerke = models.ForeignKey(Pejlemaerke, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(_("fra"), max_length=10, choices=Lifecycle.choices)
    to_state = models.CharField(_("til"), max_length=10, choices=Lifecycle.choices)
    reason = models.TextField(_("begrundelse"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("registreret af")
    )
    decided_at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name = _("livscyklusskift")
        verbose_name_plural = _("livscyklusskift")
        constraints = [
            models.CheckConstraint(condition=~Q(from_state=models.F("to_state")), name="transition_changes_state"),
        ]

    def __str__(self):
        return f"{self.pejlemaerke}: {self.from_state} → {self.to_state}"


class Participation(models.Model):
    """R3 følg eller forklar: a region takes part unless it explains why not."""

    pejlemaerke = models.ForeignKey(Pejlemaerke, on_delete=models.CASCADE, related_name="participations")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="participations")
    status = models.CharField(
        _("deltagelse"), max_length=10, choices=ParticipationStatus.choices, default=ParticipationStatus.DELTAGER
    )
    explanation = models.TextField(
        _("forklaring"),
        blank=True,
        help_text=_(
            "Påkrævet ved afstår/afventer: hvordan når regionen målet og gevinsterne inden for den aftalte tid?"
        ),
    )
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pejlemaerke", "region__sort_order"]
        verbose_name = _("deltagelse")
        verbose_name_plural = _("deltagelser")
        constraints = [
            models.UniqueConstraint(fields=["pejlemaerke", "region"], name="participation_once_per_region"),
            models.CheckConstraint(
                condition=Q(status=ParticipationStatus.DELTAGER) | Q(GreaterThan(Length(Trim("explanation")), 0)),
                name="r3_opt_out_needs_explanation",
            ),
        ]

    def __str__(self):
        return f"{self.pejlemaerke} – {self.region.code}: {self.get_status_display()}"

    @property
    def is_opt_out(self) -> bool:
        return self.status != ParticipationStatus.DELTAGER


class AuditEntry(models.Model):
    """One row per action a person takes through a service (who, what, on what, when)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("handling"), max_length=80)
    object_type = models.CharField(_("objekttype"), max_length=80)
    object_id = models.CharField(_("objekt-id"), max_length=40)
    object_repr = models.CharField(_("objekt"), max_length=200)
    data = models.JSONField(_("detaljer"), default=dict, blank=True)
    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("logpost")
        verbose_name_plural = _("revisionslog")
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_repr}"


# --- RHYTHM (issue 7): monthly portfolio report, status reminders, director mail, calendar feeds ---


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
            models.UniqueConstraint(
                fields=["period"], condition=Q(is_current=True), name="monthly_report_one_current"
            ),
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

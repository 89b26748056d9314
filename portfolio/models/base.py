"""The portfolio base: regions, bodies and their members, pejlemærker, participation, the audit trail."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length, Trim
from django.db.models.lookups import GreaterThan
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rsi_portal.registry import audit_action_label, register_audit_actions

from ..rules import REGION_CODES, Closure, Lifecycle, ParticipationStatus, PejlemaerkeType, lifecycle_label


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
    # R2: a closed pejlemærke ended completed or stopped; a stop carries RSI DK's decision.
    closure = models.CharField(_("afsluttet som"), max_length=10, choices=Closure.choices, blank=True)
    closed_on = models.DateField(_("lukket den"), null=True, blank=True)
    stop_decision_reference = models.CharField(
        _("RSI DK's beslutning"), max_length=200, blank=True, help_text=_("Fx møde og punkt i beslutningsprotokollen.")
    )
    stop_decision_id = models.PositiveIntegerField(_("beslutningsprotokol-id"), null=True, blank=True)
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
            models.CheckConstraint(
                condition=Q(state=Lifecycle.CLOSED, closure__in=Closure.values, closed_on__isnull=False)
                | (~Q(state=Lifecycle.CLOSED) & Q(closure="", closed_on__isnull=True)),
                name="r2_closed_says_how_it_ended",
            ),
            models.CheckConstraint(
                condition=~Q(closure=Closure.STOPPED) | Q(GreaterThan(Length(Trim("stop_decision_reference")), 0)),
                name="r2_stop_has_rsi_dk_decision",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("portfolio:pejlemaerke_detail", args=[self.pk])

    @property
    def lifecycle_label(self) -> str:
        """R2: the state as shown everywhere; a closed one says whether it was completed or stopped."""
        return lifecycle_label(self.state, self.closure)

    @property
    def is_stopped(self) -> bool:
        return self.closure == Closure.STOPPED

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

    @property
    def action_label(self) -> str:
        return audit_action_label(self.action)


class AuditAction(models.TextChoices):
    """Every action the portfolio app writes to the audit trail (value "<noun>.<verb>")."""

    PEJLEMAERKE_CREATE = "pejlemaerke.create", _("Pejlemærke oprettet")
    PEJLEMAERKE_UPDATE = "pejlemaerke.update", _("Pejlemærke ændret")
    PEJLEMAERKE_TRANSITION = "pejlemaerke.transition", _("Livscyklus skiftet")
    PEJLEMAERKE_STOP = "pejlemaerke.stop", _("Pejlemærke stoppet af RSI DK")
    PARTICIPATION_SET = "participation.set", _("Deltagelse ændret")
    BODY_MEMBER_SET = "body.member_set", _("Medlem af forum registreret")
    REGION_CONTACT_ADD = "region.contact_add", _("Kontaktperson tilføjet")
    MONTHLY_REPORT_GENERATE = "monthly_report.generate", _("Porteføljerapport dannet")
    MONTHLY_REPORT_REGENERATE_REQUESTED = (
        "monthly_report.regenerate_requested",
        _("Ny version af porteføljerapport bestilt"),
    )
    MONTHLY_REPORT_NOTIFY = "monthly_report.notify", _("Medlemmer underrettet om porteføljerapport")
    REMINDER_BEFORE = "reminder.before", _("Påmindelse om månedsstatus sendt")
    REMINDER_AFTER = "reminder.after", _("Rykker for månedsstatus sendt")
    REMINDER_SECRETARIAT = "reminder.secretariat", _("Liste over manglende månedsstatus sendt til sekretariatet")
    REMINDER_MANUAL = "reminder.manual", _("Påmindelse om månedsstatus sendt af sekretariatet")
    DIRECTOR_MAIL_COMPILE = "director_mail.compile", _("Direktørkredsmail samlet")
    DIRECTOR_MAIL_ITEM_ADD = "director_mail_item.add", _("Punkt til direktørkredsmail tilføjet")
    DIRECTOR_MAIL_UPDATE = "director_mail.update", _("Direktørkredsmail ændret")
    DIRECTOR_MAIL_SEND = "director_mail.send", _("Direktørkredsmail sendt")
    CALENDAR_TOKEN_ROTATE = "calendar_token.rotate", _("Kalenderlinks fornyet")


register_audit_actions(AuditAction)

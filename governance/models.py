"""Approvals and routing, joint running systems, meetings, agenda items, decisions and agenda packs."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portfolio.models import Body, Pejlemaerke, Region
from rsi_portal.registry import register_audit_actions
from rsi_portal.uploads import UploadPolicy

from .agenda_packs import (  # noqa: F401 (R28/R30, as R33)
    AgendaPack,
    Audience,
    PackDownload,
    PackKind,
    PackStatus,
    PackVersion,
    pack_path,
)
from .escalations import Escalation, EscalationAuditAction, EscalationKind  # noqa: F401 (R25, as R33)
from .joint_systems import MONEY as MONEY  # the R33 tables live there; callers import them from here
from .joint_systems import JointSystem as JointSystem
from .joint_systems import OperatingBudget as OperatingBudget
from .joint_systems import UserGroup as UserGroup
from .quarterly import QuarterlyAuditAction, QuarterlyReminder, QuarterlyReport  # noqa: F401 (R37, as R33)
from .rules import Kind, Source


class AuditAction(models.TextChoices):
    """What governance writes to the audit trail; the values are the stored action strings."""

    DECISION_RECORD = "decision.record", _("Beslutning registreret")
    JOINT_SYSTEM_SAVE = "jointsystem.save", _("Fælles driftssystem gemt")
    JOINT_SYSTEM_BUDGET = "jointsystem.budget", _("Driftsbudget registreret")
    MATTER_CREATE = "matter.create", _("Indstilling oprettet og rutet")
    MATTER_ESCALATE = "matter.escalate", _("Indstilling eskaleret fra IT5 til RSI DK")
    JOINT_SYSTEM_RESPONSIBILITY = "jointsystem.responsibility", _("Systemansvarlig region besluttet")
    JOINT_SYSTEM_USER_GROUP_ADD = "jointsystem.user_group_add", _("Brugergruppe tilføjet")
    JOINT_SYSTEM_USER_GROUP_REMOVE = "jointsystem.user_group_remove", _("Brugergruppe fjernet")
    MEETING_SAVE = "meeting.save", _("Møde gemt")
    MEETING_PLAN = "meeting.plan", _("Årets møder foreslået")
    MEETING_SENT_AGENDA = "meeting.sent.agenda", _("Dagsorden udsendt")
    MEETING_SENT_DECISION_LOG = "meeting.sent.decision_log", _("Beslutningslog udsendt")
    MEETING_SENT_MINUTES = "meeting.sent.minutes", _("Referat udsendt")
    MEETING_MINUTES = "meeting.minutes", _("Referat skrevet")
    MEETING_MINUTES_APPROVED = "meeting.minutes_approved", _("Referat godkendt")
    AGENDA_DRAFT = "agenda.draft", _("Dagsorden udarbejdet")
    AGENDA_ADD_PEJLEMAERKE = "agenda.add_pejlemaerke", _("Pejlemærke sat på dagsordenen")
    AGENDA_ITEM_SAVE = "agenda.item_save", _("Dagsordenspunkt gemt")
    AGENDA_ITEM_MOVE = "agenda.item_move", _("Dagsordenspunkt flyttet")
    AGENDA_ATTACHMENT_ADD = "agenda.attachment_add", _("Bilag tilføjet")
    AGENDA_PACK_REQUEST = "agenda_pack.request", _("Dagsordenspakke bestilt")
    AGENDA_PACK_PUBLISH = "agenda_pack.publish", _("Dagsordenspakke udsendt")
    DECISION_LOG_PUBLISH = "decision_log.publish", _("Beslutningsprotokol udsendt")


register_audit_actions(AuditAction)


class RouteBody(models.TextChoices):
    IT5 = "IT5", _("IT5")
    SYS = "SYS", _("SYS")
    RSI_DK = "RSI_DK", _("RSI DK")


class MatterStatus(models.TextChoices):
    OPEN = "open", _("Til behandling")
    APPROVED = "approved", _("Godkendt")
    REJECTED = "rejected", _("Afvist")
    POSTPONED = "postponed", _("Udsat")


class Matter(models.Model):
    """A matter for decision (indstilling), routed by R24/R25 with the reason (R26)."""

    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    amount = models.DecimalField(_("beløb (kr.)"), default=0, **MONEY)
    year = models.PositiveSmallIntegerField(_("budgetår"))
    pejlemaerke = models.ForeignKey(
        Pejlemaerke,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="matters",
        verbose_name=_("pejlemærke"),
    )
    project = models.ForeignKey(
        "projects.Project", on_delete=models.PROTECT, null=True, blank=True, related_name="matters"
    )
    joint_system = models.ForeignKey(
        JointSystem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="matters",
        verbose_name=_("fælles driftssystem"),
    )
    recommended_region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("systemansvarlig region, som SYS indstiller"),
    )
    within_operating_budget = models.BooleanField(_("inden for driftsbudgettet"), default=False)
    escalated_from = models.CharField(_("eskaleret fra"), max_length=24, choices=Source.choices, blank=True)
    route_body = models.CharField(_("besluttes af"), max_length=6, choices=RouteBody.choices)
    route_reason = models.TextField(_("begrundelse for ruten"))
    status = models.CharField(_("status"), max_length=10, choices=MatterStatus.choices, default=MatterStatus.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("indstilling")
        verbose_name_plural = _("indstillinger")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="matter_amount_not_negative"),
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="matter_kind_known"),
            models.CheckConstraint(condition=Q(route_body__in=RouteBody.values), name="matter_route_known"),
            models.CheckConstraint(
                condition=Q(pejlemaerke__isnull=False) | Q(project__isnull=False) | Q(joint_system__isnull=False),
                name="matter_has_subject",
            ),
            models.CheckConstraint(
                condition=~Q(kind="system_development") | Q(joint_system__isnull=False),
                name="matter_system_development_names_system",
            ),
            models.CheckConstraint(
                condition=~Q(route_body="SYS") | Q(kind="system_development", within_operating_budget=True),
                name="matter_sys_only_within_budget",
            ),
            models.CheckConstraint(
                condition=Q(kind="system_responsible", joint_system__isnull=False, recommended_region__isnull=False)
                | (~Q(kind="system_responsible") & Q(recommended_region__isnull=True)),
                name="matter_responsibility_names_system_and_region",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("governance:matter_detail", args=[self.pk])

    @property
    def subject(self):
        return self.joint_system or self.project or self.pejlemaerke

    @property
    def escalatable_from_it5(self) -> bool:
        """R25: an undecided matter with IT5 may be escalated by IT5 to RSI DK."""
        return self.route_body == RouteBody.IT5 and self.status in (MatterStatus.OPEN, MatterStatus.POSTPONED)


class Outcome(models.TextChoices):
    APPROVED = "approved", _("Godkendt")
    REJECTED = "rejected", _("Afvist")
    POSTPONED = "postponed", _("Udsat")


class Decision(models.Model):
    """A body's decision on any subject (generic relation); never overwritten (history)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("forum"))
    outcome = models.CharField(_("afgørelse"), max_length=10, choices=Outcome.choices)
    text = models.TextField(_("beslutning"))
    conditions = models.TextField(_("betingelser"), blank=True)
    decided_on = models.DateField(_("besluttet den"))
    meeting = models.ForeignKey(
        "Meeting", on_delete=models.PROTECT, null=True, blank=True, related_name="decisions", verbose_name=_("møde")
    )
    item = models.ForeignKey(
        "AgendaItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("dagsordenspunkt"),
        help_text=_("Punktet, beslutningen blev truffet under; beslutningen har punktets adgang (R29)."),
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("registreret"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_on", "-pk"]
        verbose_name = _("beslutning")
        verbose_name_plural = _("beslutninger")
        indexes = [models.Index(fields=["content_type", "object_id"], name="decision_subject_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(outcome__in=Outcome.values), name="decision_outcome_known"),
        ]

    def __str__(self):
        return f"{self.body}: {self.get_outcome_display()} ({self.decided_on:%d.%m.%Y})"


class MeetingFormat(models.TextChoices):
    VIRTUAL = "virtual", _("Virtuelt")
    PHYSICAL = "physical", _("Fysisk")


class Meeting(models.Model):
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("forum"))
    day = models.DateField(_("dato"))
    start_time = models.TimeField(_("starttidspunkt"), null=True, blank=True)
    end_time = models.TimeField(_("sluttidspunkt"), null=True, blank=True)
    format = models.CharField(_("mødeform"), max_length=8, choices=MeetingFormat.choices)
    location = models.CharField(_("sted"), max_length=200, blank=True)
    is_suggestion = models.BooleanField(
        _("forslag"), default=False, help_text=_("Foreslået af årsplanen; sekretariatet bekræfter eller retter.")
    )
    # R32/R34: RSI DK's strategy seminars in February and September, where the pipeline is adjusted.
    is_seminar = models.BooleanField(_("strategiseminar"), default=False)
    # R40: on request, the pack's appendix shows the portfolio status under each strategy goal.
    appendix_by_goal = models.BooleanField(
        _("bilagets porteføljestatus grupperet efter strategimål"),
        default=False,
        help_text=_(
            "Et pejlemærke, der understøtter flere mål, står under hvert af dem; de øvrige under »Uden strategimål«."
        ),
    )
    agenda_sent_on = models.DateField(_("dagsorden udsendt"), null=True, blank=True)
    decision_log_sent_on = models.DateField(_("beslutningslog udsendt"), null=True, blank=True)
    minutes = models.TextField(_("referat"), blank=True)
    minutes_sent_on = models.DateField(_("referat udsendt"), null=True, blank=True)
    minutes_approved_at = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approved_minutes_of",
        verbose_name=_("referatet godkendt på mødet"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["day", "start_time", "pk"]
        verbose_name = _("møde")
        verbose_name_plural = _("møder")
        constraints = [
            models.UniqueConstraint(fields=["body", "day"], name="meeting_once_per_body_and_day"),
            models.CheckConstraint(condition=Q(format__in=MeetingFormat.values), name="meeting_format_known"),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(start_time__isnull=False, end_time__gt=F("start_time")),
                name="meeting_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return f"{self.body} {self.day:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("governance:meeting_detail", args=[self.pk])

    def clean(self):
        if self.end_time is not None:
            if self.start_time is None:
                raise ValidationError({"start_time": _("Angiv starttidspunktet, når mødet har et sluttidspunkt.")})
            if self.end_time <= self.start_time:
                raise ValidationError({"end_time": _("Sluttidspunktet skal ligge efter starttidspunktet.")})

    @property
    def starts_at(self):
        """The start as a date (the day) for callers that only need the date."""
        return self.day


class Access(models.TextChoices):
    PUBLIC = "public", _("Offentlig")
    CLOSED = "closed", _("Lukket")
    CONFIDENTIAL = "confidential", _("Fortrolig")


class Standing(models.TextChoices):
    NONE = "", _("Almindeligt punkt")
    MINUTES = "minutes", _("Godkendelse af referat")
    ORIENTERING = "orientering", _("Orienteringer")
    NEXT_MEETING = "next_meeting", _("Næste møde")
    EVENTUELT = "eventuelt", _("Eventuelt")


class AgendaItem(models.Model):
    """One case paper in the R29 format."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items", verbose_name=_("møde"))
    number = models.PositiveSmallIntegerField(_("nummer"))
    title = models.CharField(_("titel"), max_length=200)
    access = models.CharField(_("adgang"), max_length=12, choices=Access.choices, default=Access.PUBLIC)
    case_handler = models.CharField(_("sagsbehandler"), max_length=120, blank=True)
    case_number = models.CharField(_("sagsnummer"), max_length=40, blank=True)
    resume = models.TextField(_("Resumé"), blank=True)
    indstilling = models.TextField(
        _("Indstilling"), blank=True, help_text=_("Ét »at …« pr. linje – ét pr. beslutningspunkt.")
    )
    sagsfremstilling = models.TextField(_("Sagsfremstilling"), blank=True)
    oekonomi = models.TextField(_("Økonomi"), blank=True, help_text=_("Tomt felt vises som »Ingen bemærkninger«."))
    sekretariatets_bemaerkninger = models.TextField(_("Sekretariatets bemærkninger"), blank=True)
    kommunikation = models.TextField(_("Kommunikation"), blank=True)
    beslutning = models.TextField(_("Beslutning"), blank=True)
    standing = models.CharField(_("stående punkt"), max_length=14, choices=Standing.choices, blank=True, default="")
    pejlemaerke = models.ForeignKey(
        Pejlemaerke,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("pejlemærke"),
    )
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fremlægges af"),
    )
    matter = models.ForeignKey(
        Matter, on_delete=models.SET_NULL, null=True, blank=True, related_name="agenda_items", verbose_name=_("sag")
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = _("dagsordenspunkt")
        verbose_name_plural = _("dagsordenspunkter")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="agenda_item_number_unique"),
            models.UniqueConstraint(
                fields=["meeting", "standing"], condition=~Q(standing=""), name="agenda_standing_item_once"
            ),
            models.UniqueConstraint(
                fields=["meeting", "pejlemaerke"],
                condition=Q(pejlemaerke__isnull=False),
                name="agenda_pejlemaerke_once_per_meeting",
            ),
            models.CheckConstraint(condition=Q(access__in=Access.values), name="agenda_item_access_known"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


# Every Bilag goes through the portal's one upload check (rsi_portal.uploads).
ATTACHMENT_UPLOADS = UploadPolicy(("pdf", "docx", "xlsx", "pptx", "png", "jpg", "jpeg", "txt"), "ATTACHMENT_MAX_BYTES")


def attachment_path(instance, filename):
    return f"bilag/{instance.item.meeting_id}/{instance.item_id}/{filename}"


class Attachment(models.Model):
    """A numbered Bilag to an agenda item."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="attachments")
    number = models.PositiveSmallIntegerField(_("bilagsnummer"))
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(_("fil"), upload_to=attachment_path)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    # R30: a PDF's pages, counted once at upload so a pack never parses the file to lay it out;
    # empty for a PDF pypdf cannot read (the pack lists it as unreadable), 0 for other files.
    pages = models.PositiveIntegerField(_("sider"), null=True, blank=True, default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item", "number"]
        verbose_name = _("bilag")
        verbose_name_plural = _("bilag")
        constraints = [models.UniqueConstraint(fields=["item", "number"], name="attachment_number_unique")]

    def __str__(self):
        return f"Bilag {self.item.number}.{self.number}: {self.title}"

    @property
    def is_pdf(self) -> bool:
        return self.content_type == "application/pdf"

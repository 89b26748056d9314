"""Phase changes, gates, management documents and It-råd risk assessments (R5–R8, R27)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portfolio.models import Body, BodyKind
from rsi_portal.uploads import UploadPolicy

from ..rules import DocumentAccess, Phase, RequirementScope, RiskProfile, Step
from .project import Project


class PhaseChange(models.Model):
    """R5: every phase or step change of a project, dated, with who and why (nothing overwritten)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="phase_changes")
    from_phase = models.CharField(_("fra fase"), max_length=16, choices=Phase.choices)
    from_step = models.CharField(_("fra trin"), max_length=20, choices=Step.choices)
    to_phase = models.CharField(_("til fase"), max_length=16, choices=Phase.choices)
    to_step = models.CharField(_("til trin"), max_length=20, choices=Step.choices)
    skipped_phases = models.CharField(
        _("oversprungne faser"), max_length=60, blank=True, help_text=_("R5: fx Anskaffelse uden anskaffelse.")
    )
    changed_on = models.DateField(_("dato"))
    reason = models.TextField(_("begrundelse"))
    gate = models.ForeignKey(
        "GateDecision", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("gate")
    )
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(_("registreret"), auto_now_add=True)

    class Meta:
        ordering = ["-changed_on", "-pk"]
        verbose_name = _("faseskift")
        verbose_name_plural = _("faseskift")
        constraints = [
            models.CheckConstraint(
                condition=~(Q(from_phase=models.F("to_phase")) & Q(from_step=models.F("to_step"))),
                name="r5_phase_change_changes_something",
            ),
        ]

    def __str__(self):
        return f"{self.project}: {self.get_from_phase_display()} → {self.get_to_phase_display()}"

    @property
    def skipped_labels(self) -> list[str]:
        return [Phase(code).label for code in self.skipped_phases.split(",") if code]


APPROVER_CHOICES = [
    (BodyKind.STYREGRUPPE, _("Projektstyregruppen")),
    (BodyKind.RITA, _("RITA")),
    (BodyKind.RSI_DK, _("RSI DK")),
]


class DocumentType(models.Model):
    """R6: a kind of mandatory management document (obligatorisk ledelsesdokument); data the secretariat keeps."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("navn"), max_length=120, unique=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    approver = models.CharField(_("godkendes af"), max_length=12, choices=APPROVER_CHOICES)
    steering_group_first = models.BooleanField(
        _("styregruppen godkender først"),
        default=False,
        help_text=_("Fx afslutningsrapporten: først styregruppen, derefter RSI DK (R2)."),
    )
    sort_order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("dokumenttype")
        verbose_name_plural = _("dokumenttyper")
        constraints = [
            models.CheckConstraint(
                condition=Q(approver__in=[BodyKind.STYREGRUPPE, BodyKind.RITA, BodyKind.RSI_DK]),
                name="r6_document_type_approver_known",
            ),
            models.CheckConstraint(
                condition=Q(steering_group_first=False) | ~Q(approver=BodyKind.STYREGRUPPE),
                name="r6_steering_group_first_needs_other_approver",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def approval_chain(self) -> list[str]:
        """The bodies that approve a version, in order (R2: steering group before RSI DK)."""
        return ([BodyKind.STYREGRUPPE] if self.steering_group_first else []) + [self.approver]


GATE_PHASES = [(p, label) for p, label in Phase.choices if p != Phase.REALISERING]


class GateRequirement(models.Model):
    """R6: a document type the gate out of `phase` needs approved, in that phase or once for the project."""

    phase = models.CharField(_("gate ud af fasen"), max_length=16, choices=GATE_PHASES)
    document_type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, related_name="requirements", verbose_name=_("dokumenttype")
    )
    scope = models.CharField(
        _("godkendelse"),
        max_length=5,
        choices=RequirementScope.choices,
        default=RequirementScope.ONCE,
        help_text=_("Godkendes i fasen: en godkendelse fra en tidligere fase tæller ikke."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["phase", "document_type__sort_order"]
        verbose_name = _("gatekrav")
        verbose_name_plural = _("gatekrav")
        constraints = [
            models.UniqueConstraint(fields=["phase", "document_type"], name="r6_gate_requirement_once"),
            models.CheckConstraint(
                condition=Q(phase__in=[p for p, _label in GATE_PHASES]), name="r6_gate_requirement_phase_has_gate"
            ),
            models.CheckConstraint(condition=Q(scope__in=RequirementScope.values), name="r6_gate_requirement_scope"),
        ]

    def __str__(self):
        return f"{Phase(self.phase).label}: {self.document_type}"


class ManagementDocument(models.Model):
    """A project's management document of one type; its content lives in versions."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="documents")
    document_type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, related_name="documents", verbose_name=_("dokumenttype")
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        ordering = ["document_type__sort_order"]
        verbose_name = _("ledelsesdokument")
        verbose_name_plural = _("ledelsesdokumenter")
        constraints = [models.UniqueConstraint(fields=["project", "document_type"], name="document_once_per_type")]

    def __str__(self):
        return f"{self.document_type} – {self.project}"


# Every management document goes through the portal's one upload check (rsi_portal.uploads).
DOCUMENT_UPLOADS = UploadPolicy(("pdf", "docx", "xlsx", "pptx", "odt", "ods"), "DOCUMENT_MAX_BYTES")


class DocumentVersion(models.Model):
    """One uploaded version of a management document; never overwritten."""

    document = models.ForeignKey(ManagementDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("fil"), upload_to="ledelsesdokumenter/%Y/")
    original_name = models.CharField(_("filnavn"), max_length=200)
    kind = models.CharField(_("filtype"), max_length=10)
    size = models.PositiveBigIntegerField(_("størrelse (bytes)"))
    sha256 = models.CharField(max_length=64)
    note = models.TextField(_("bemærkning"), blank=True)
    access = models.CharField(
        _("adgang"),
        max_length=12,
        choices=DocumentAccess.choices,
        default=DocumentAccess.PUBLIC,
        help_text=_(
            "Offentlig: alle i porteføljen. Intern og Fortrolig: kun projektets folk, de fora der godkender "
            "dokumentet, og sekretariatet; andre ser en intern version uden navn og fil og en fortrolig slet ikke."
        ),
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploadet"), auto_now_add=True)

    class Meta:
        ordering = ["document", "-number"]
        verbose_name = _("dokumentversion")
        verbose_name_plural = _("dokumentversioner")
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_number_once"),
            models.CheckConstraint(condition=Q(number__gte=1), name="document_version_number_positive"),
            models.CheckConstraint(condition=Q(access__in=DocumentAccess.values), name="document_version_access_known"),
        ]

    def __str__(self):
        return f"{self.document} v{self.number}"


class DocumentApproval(models.Model):
    """A body's approval of one document version (steering group, RITA or RSI DK)."""

    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="approvals")
    body_kind = models.CharField(_("godkendt af"), max_length=12, choices=APPROVER_CHOICES)
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+", verbose_name=_("forum"))
    approved_on = models.DateField(_("godkendt den"))
    note = models.TextField(_("bemærkning"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("registreret"), auto_now_add=True)

    class Meta:
        ordering = ["approved_on", "pk"]
        verbose_name = _("dokumentgodkendelse")
        verbose_name_plural = _("dokumentgodkendelser")
        constraints = [models.UniqueConstraint(fields=["version", "body_kind"], name="document_approval_once_per_body")]

    def __str__(self):
        return f"{self.version}: {self.get_body_kind_display()} {self.approved_on}"


class GateDecision(models.Model):
    """R6: a passed gate, with the checklist as it stood, the deciding body and the decision record."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="gates")
    from_phase = models.CharField(_("fra fase"), max_length=16, choices=Phase.choices)
    to_phase = models.CharField(_("til fase"), max_length=16, choices=Phase.choices)
    skipped_phases = models.CharField(_("oversprungne faser"), max_length=60, blank=True)
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+", verbose_name=_("besluttet af"))
    route_reason = models.TextField(_("hvorfor dette forum"), blank=True)
    decided_on = models.DateField(_("besluttet den"))
    text = models.TextField(_("beslutning"))
    checklist = models.JSONField(_("tjekliste"), default=list)
    decision_id = models.PositiveIntegerField(_("beslutningsprotokol-id"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("registreret"), auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "-pk"]
        verbose_name = _("gatebeslutning")
        verbose_name_plural = _("gatebeslutninger")
        constraints = [
            models.CheckConstraint(condition=~Q(from_phase=models.F("to_phase")), name="r6_gate_changes_phase"),
        ]

    def __str__(self):
        return f"{self.project}: {self.get_from_phase_display()} → {self.get_to_phase_display()}"


class RiskAssessment(models.Model):
    """R27: It-rådet's risk assessment of a project over 10 mio. kr.: window, letter, profile and responsum."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="risk_assessments")
    budget_at_request = models.DecimalField(_("budget ved anmodning (kr.)"), max_digits=14, decimal_places=2)
    requested_on = models.DateField(_("anmodet den"))
    window_ends_on = models.DateField(_("vurderingen forventes senest"))
    letter_received_on = models.DateField(_("anbefalingsbrev modtaget"), null=True, blank=True)
    risk_profile = models.CharField(_("risikoprofil"), max_length=1, choices=RiskProfile.choices, blank=True)
    new_technology = models.BooleanField(_("ny eller kompleks teknologi"), default=False)
    many_stakeholders = models.BooleanField(_("mange interessenter"), default=False)
    large_organisation = models.BooleanField(_("stor organisation"), default=False)
    business_risk = models.BooleanField(_("forretningsmæssige risici"), default=False)
    security_risk = models.BooleanField(_("sikkerhedsrisici"), default=False)
    external_dependencies = models.BooleanField(_("eksterne afhængigheder"), default=False)
    letter_text = models.TextField(_("anbefalingsbrevet"), blank=True)
    responsum_text = models.TextField(_("projektets responsum"), blank=True)
    responsum_on = models.DateField(_("responsum afgivet"), null=True, blank=True)
    shared_with_rsi_dk_on = models.DateField(_("sendt til RSI DK til orientering"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_on", "-pk"]
        verbose_name = _("risikovurdering")
        verbose_name_plural = _("risikovurderinger")
        constraints = [
            models.CheckConstraint(
                condition=Q(window_ends_on__gte=models.F("requested_on")), name="r27_window_after_request"
            ),
            models.CheckConstraint(
                condition=Q(risk_profile__in=["", *RiskProfile.values]), name="r27_risk_profile_known"
            ),
            models.CheckConstraint(
                condition=Q(letter_received_on__isnull=True) | ~Q(risk_profile=""),
                name="r27_letter_has_risk_profile",
            ),
            models.CheckConstraint(
                condition=Q(responsum_on__isnull=True) | Q(letter_received_on__isnull=False),
                name="r27_responsum_after_letter",
            ),
        ]

    def __str__(self):
        return _("Risikovurdering af %(project)s (%(date)s)") % {"project": self.project, "date": self.requested_on}

    @property
    def has_letter(self) -> bool:
        return self.letter_received_on is not None

    @property
    def complexity_factors(self) -> list[str]:
        return [str(self._meta.get_field(f).verbose_name) for f in COMPLEXITY_FIELDS if getattr(self, f)]

    @property
    def risk_factors(self) -> list[str]:
        return [str(self._meta.get_field(f).verbose_name) for f in RISK_FIELDS if getattr(self, f)]


COMPLEXITY_FIELDS = ("new_technology", "many_stakeholders", "large_organisation")
RISK_FIELDS = ("business_risk", "security_risk", "external_dependencies")


class RecommendationStatus(models.TextChoices):
    OPEN = "open", _("Ikke påbegyndt")
    IN_PROGRESS = "in_progress", _("I gang")
    DONE = "done", _("Fulgt")
    NOT_FOLLOWED = "not_followed", _("Ikke fulgt (begrundet)")


class RiskRecommendation(models.Model):
    """R27: one of It-rådet's concrete recommendations, with the project's follow-up."""

    assessment = models.ForeignKey(RiskAssessment, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField(_("nr."))
    text = models.TextField(_("anbefaling"))
    status = models.CharField(
        _("opfølgning"), max_length=12, choices=RecommendationStatus.choices, default=RecommendationStatus.OPEN
    )
    follow_up = models.TextField(_("opfølgning (tekst)"), blank=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "number"]
        verbose_name = _("anbefaling")
        verbose_name_plural = _("anbefalinger")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "number"], name="r27_recommendation_number_once"),
            models.CheckConstraint(
                condition=Q(status__in=RecommendationStatus.values), name="r27_recommendation_status_known"
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.text[:60]}"

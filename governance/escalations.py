"""R25/R37 table: the escalation log, one row per escalation along an R25 path.

Re-exported by governance.models, so every caller imports it from there. Matters, agenda items and
decisions are named by string: governance.models imports this module.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portfolio.models import Body, BodyKind, Pejlemaerke
from rsi_portal.registry import register_audit_actions

from .joint_systems import JointSystem
from .rules import Source


class EscalationAuditAction(models.TextChoices):
    RAISE = "escalation.raise", _("Eskalation rejst")
    PLACE = "escalation.place", _("Eskalation sat på dagsordenen")
    DECIDE = "escalation.decide", _("Eskalation afgjort")


register_audit_actions(EscalationAuditAction)


class EscalationKind(models.TextChoices):
    IT_TECHNICAL = "it_technical", _("IT-teknisk")
    STRATEGIC = "strategic", _("Strategisk")
    ARCHITECTURE = "architecture", _("Arkitektur")


# R25: which kinds each source body may escalate, and the path (Source) each one takes.
ESCALATION_PATHS = {
    BodyKind.STYREGRUPPE: {
        EscalationKind.IT_TECHNICAL: Source.STYREGRUPPE_IT,
        EscalationKind.STRATEGIC: Source.STYREGRUPPE_STRATEGIC,
    },
    BodyKind.SYS: {EscalationKind.IT_TECHNICAL: Source.SYS, EscalationKind.STRATEGIC: Source.SYS},
    BodyKind.RITA: {EscalationKind.ARCHITECTURE: Source.RITA},
    BodyKind.IT5: {kind: Source.IT5 for kind in EscalationKind},
}


def escalation_path(from_kind: str, kind: str) -> str | None:
    """R25 (pure): the path (a Source) an escalation of `kind` from a body of `from_kind` takes, or None."""
    return ESCALATION_PATHS.get(from_kind, {}).get(kind)


class Escalation(models.Model):
    """One escalation: from body, to body, subject, kind, raised on, decided on, outcome, the decision."""

    source = models.CharField(_("vej"), max_length=24, choices=Source.choices)
    kind = models.CharField(_("type"), max_length=14, choices=EscalationKind.choices)
    from_body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+", verbose_name=_("fra"))
    to_body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+", verbose_name=_("til"))
    pejlemaerke = models.ForeignKey(
        Pejlemaerke, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("pejlemærke")
    )
    joint_system = models.ForeignKey(
        JointSystem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fælles driftssystem"),
    )
    matter = models.ForeignKey(
        "governance.Matter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="escalations",
        verbose_name=_("sag"),
    )
    reason = models.TextField(_("begrundelse"))
    route_reason = models.TextField(_("begrundelse for vejen"))
    raised_on = models.DateField(_("rejst den"))
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(
        "governance.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="escalations",
        verbose_name=_("dagsordenspunkt"),
    )
    decision = models.OneToOneField(
        "governance.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="escalation",
        verbose_name=_("beslutning"),
    )
    decided_on = models.DateField(_("besluttet den"), null=True, blank=True)
    outcome = models.CharField(_("udfald"), max_length=10, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-raised_on", "-pk"]
        verbose_name = _("eskalation")
        verbose_name_plural = _("eskalationer")
        constraints = [
            models.CheckConstraint(condition=Q(source__in=Source.values), name="escalation_source_known"),
            models.CheckConstraint(condition=Q(kind__in=EscalationKind.values), name="escalation_kind_known"),
            models.CheckConstraint(
                condition=Q(pejlemaerke__isnull=False) | Q(joint_system__isnull=False) | Q(matter__isnull=False),
                name="escalation_has_subject",
            ),
            models.CheckConstraint(
                condition=Q(decision__isnull=True, decided_on__isnull=True, outcome="")
                | Q(decision__isnull=False, decided_on__isnull=False) & ~Q(outcome=""),
                name="escalation_decided_with_decision",
            ),
        ]

    def __str__(self):
        return f"{self.from_body} → {self.to_body}: {self.subject}"

    @property
    def subject(self):
        return self.matter or self.joint_system or self.pejlemaerke

    @property
    def path_label(self) -> str:
        return f"{self.from_body.get_kind_display().split(' (')[0]} → {self.to_body.get_kind_display().split(' (')[0]}"

    @property
    def is_open(self) -> bool:
        return self.decision_id is None

    @property
    def is_waiting(self) -> bool:
        """No meeting of the receiving body to put it on yet (R25: the log says so)."""
        return self.item_id is None and self.decision_id is None

"""Writes of It-rådet's risk assessments (R27): the request, the letter, the responsum, the follow-up on
its recommendations, and the flag raised the day a counting business case rises above 10 mio. kr."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portfolio.audit import log_action
from rsi_portal import outbox
from rsi_portal.dates import add_working_days
from rsi_portal.formatting import kroner
from rsi_portal.permissions import SEKRETARIAT_GROUP, require
from rsi_portal.services import model_update

from ..models import (
    COMPLEXITY_FIELDS,
    RISK_FIELDS,
    AuditAction,
    Project,
    RecommendationStatus,
    RiskAssessment,
    RiskRecommendation,
)
from ..rules import RISK_ASSESSMENT_WORKING_DAYS, RiskProfile, crosses_risk_threshold, risk_assessment_budget
from ..tasks import notify_risk_flag as notify_risk_flag_task


def _budget(version) -> Decimal | None:
    return risk_assessment_budget(version.expense_total, version.buffer) if version is not None else None


@transaction.atomic
def risk_rise_flag(*, actor, project, version, previous=None) -> bool:
    """R27: a business-case version of `project` has just become the one that counts (finance calls this
    through portfolio.hooks.business_case_counted; `previous` is the version it replaces). If its budget,
    expenses and buffer, crosses 10 mio. kr., the project is flagged today and the secretariat is told
    once the approval is committed. Returns whether it flagged."""
    budget = _budget(version)
    if not crosses_risk_threshold(_budget(previous), budget):
        return False
    project = Project.objects.select_for_update().get(pk=project.pk)
    changes = model_update(
        instance=project, data={"risk_flagged_on": timezone.localdate(), "risk_flagged_budget": budget}
    )
    log_action(actor=actor, action=AuditAction.RISK_FLAG, obj=project, data=changes)
    outbox.enqueue(notify_risk_flag_task.name, args=[project.pk], key=f"risk-flag-{project.pk}")
    return True


def risk_flag_notify(*, project_id: int) -> int:
    """R27: e-mail every active member of the secretariat about a project's flag (enqueued on commit by
    risk_rise_flag); the flag on the gate page stands whatever happens to the mail. Returns the recipients."""
    project = Project.objects.get(pk=project_id)
    recipients = list(
        get_user_model()
        .objects.filter(groups__name=SEKRETARIAT_GROUP, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not recipients or project.risk_flagged_on is None:
        return 0
    context = {
        "project": project,
        "budget": kroner(project.risk_flagged_budget),
        "url": settings.PORTAL_BASE_URL.rstrip("/") + reverse("projects:project_gates", args=[project.pk]),
    }
    send_mail(
        _("Risikovurdering nødvendig: %(project)s er over 10 mio. kr.") % {"project": project.name},
        render_to_string("projects/email/risk_flag.txt", context),
        None,
        recipients,
    )
    return len(recipients)


@transaction.atomic
def risk_assessment_request(*, actor, project: Project, requested_on: date, budget: Decimal) -> RiskAssessment:
    """R27: ask It-rådet to assess the project; the window is about 10 working days."""
    require(actor, "projects.add_riskassessment", project)
    assessment = RiskAssessment(
        project=project,
        budget_at_request=Decimal(budget).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
        requested_on=requested_on,
        window_ends_on=add_working_days(requested_on, RISK_ASSESSMENT_WORKING_DAYS),
        created_by=actor,
    )
    assessment.full_clean()
    assessment.save()
    log_action(actor=actor, action=AuditAction.RISK_REQUEST, obj=project, data={"budget": str(budget)})
    return assessment


@transaction.atomic
def risk_letter_record(
    *,
    actor,
    assessment: RiskAssessment,
    received_on: date,
    risk_profile: str,
    letter_text: str,
    recommendations: list[str],
    **factors,
) -> RiskAssessment:
    """R27: record It-rådet's recommendation letter: risk profile, factors and recommendations."""
    require(actor, "projects.change_riskassessment", assessment.project)
    assessment = RiskAssessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.has_letter:
        raise ValidationError(_("Anbefalingsbrevet er allerede registreret."))
    unknown = set(factors) - set(COMPLEXITY_FIELDS) - set(RISK_FIELDS)
    if unknown:
        raise TypeError(f"unknown factors: {sorted(unknown)}")
    if risk_profile not in RiskProfile.values:
        raise ValidationError({"risk_profile": _("Vælg risikoprofil A, B eller C.")})
    letter = {
        "letter_received_on": received_on,
        "risk_profile": risk_profile,
        "letter_text": (letter_text or "").strip(),
        **{name: bool(value) for name, value in factors.items()},
    }
    changes = model_update(instance=assessment, data=letter)
    texts = [t.strip() for t in recommendations if t and t.strip()]
    for number, text in enumerate(texts, start=1):
        RiskRecommendation.objects.create(assessment=assessment, number=number, text=text)
    log_action(
        actor=actor,
        action=AuditAction.RISK_LETTER,
        obj=assessment.project,
        data={**changes, "recommendations": len(texts)},
    )
    return assessment


@transaction.atomic
def risk_responsum_submit(*, actor, assessment: RiskAssessment, text: str, submitted_on: date) -> RiskAssessment:
    """R27: the project's responsum; letter and responsum then go to RSI DK for information."""
    require(actor, "projects.change_project", assessment.project)
    assessment = RiskAssessment.objects.select_for_update().get(pk=assessment.pk)
    if not assessment.has_letter:
        raise ValidationError(_("Responsum kan først afgives, når It-rådets anbefalingsbrev er modtaget."))
    if not (text or "").strip():
        raise ValidationError({"responsum_text": _("Skriv projektets responsum.")})
    changes = model_update(
        instance=assessment,
        data={"responsum_text": text.strip(), "responsum_on": submitted_on, "shared_with_rsi_dk_on": submitted_on},
    )
    log_action(actor=actor, action=AuditAction.RISK_RESPONSUM, obj=assessment.project, data=changes)
    return assessment


@transaction.atomic
def recommendation_follow_up(*, actor, recommendation: RiskRecommendation, status: str, follow_up: str = ""):
    """R27: the project's follow-up on one of It-rådet's recommendations (history kept)."""
    require(actor, "projects.change_project", recommendation.assessment.project)
    if status not in RecommendationStatus.values:
        raise ValidationError({"status": _("Vælg en status for opfølgningen.")})
    changes = model_update(instance=recommendation, data={"status": status, "follow_up": (follow_up or "").strip()})
    if not changes:
        return recommendation
    log_action(
        actor=actor,
        action=AuditAction.RECOMMENDATION_FOLLOW_UP,
        obj=recommendation.assessment.project,
        data={"number": recommendation.number, **changes},
    )
    return recommendation

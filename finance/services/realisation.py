"""Writes to the realisation plan and the yearly realisation reports after close (R36), its reminders and
IT5's yearly follow-up item."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from governance import selectors as governance_selectors
from governance import services as governance_services
from portfolio.audit import log_action
from portfolio.models import BodyKind
from rsi_portal.mail import send_each
from rsi_portal.permissions import can, require
from rsi_portal.services import audit_value

from .. import rules
from ..models import BenefitAuditAction, RealisationPlanItem, RealisationReminder, RealisationReport
from ..permissions import EDIT as EDIT_PERM  # the project leader (on the project)
from ..selectors import latest_approved_version
from ..selectors.realisation import follow_up_table, follow_up_text, in_realisation, reminders_due, report_month

MAX_VALUE = Decimal("99999999999999.99")


def may_report(user, item: RealisationPlanItem) -> bool:
    """R36: the plan's reporter for the region, the project leader and the secretariat report realised values."""
    return bool(user and user.is_authenticated) and (item.reporter_id == user.pk or can(user, EDIT_PERM, item.project))


@transaction.atomic
def plan_item_add(
    *, actor, project, benefit, region, reporter, method: str, first_year=None, last_year=None, target=None
) -> RealisationPlanItem:
    """R36: a benefit of the project's approved business case that one region reports on, for which years
    (default the 3 after close), who reports and how it is measured."""
    require(actor, EDIT_PERM, project)
    version = latest_approved_version(project)
    if version is None or benefit.version_id != version.pk:
        raise ValidationError({"benefit": _("Vælg en gevinst fra projektets seneste godkendte business case.")})
    if benefit.region_id and benefit.region_id != region.pk:
        raise ValidationError({"region": _("Gevinsten hører til %(r)s.") % {"r": benefit.region.name}})
    if first_year is None or last_year is None:
        pejlemaerke = project.pejlemaerke
        start = (pejlemaerke.closed_on.year if pejlemaerke.closed_on else benefit.start_year - 1) + 1
        years = rules.realisation_years(start - 1)
        first_year, last_year = first_year or years[0], last_year or years[-1]
    if not (method or "").strip():
        raise ValidationError({"method": _("Beskriv målemetoden.")})
    item = RealisationPlanItem(
        project=project,
        benefit=benefit,
        region=region,
        first_year=first_year,
        last_year=last_year,
        target=rules.to_oere(benefit.target if target is None else target),
        reporter=reporter,
        method=method.strip(),
    )
    item.full_clean()
    item.save()
    log_action(
        actor=actor,
        action=BenefitAuditAction.PLAN_ITEM_ADD,
        obj=project,
        data={
            "item": item.pk,
            **{n: [None, audit_value(getattr(item, n))] for n in ("benefit", "region", "first_year", "last_year")},
            "reporter": [None, str(reporter)],
        },
    )
    return item


@transaction.atomic
def plan_item_delete(*, actor, item: RealisationPlanItem) -> None:
    require(actor, EDIT_PERM, item.project)
    if item.reports.exists():
        raise ValidationError(_("Gevinsten har indberetninger og kan ikke fjernes fra planen."))
    data = {"item": item.pk, "benefit": [str(item.benefit), None], "region": [item.region.code, None]}
    project = item.project
    item.delete()
    log_action(actor=actor, action=BenefitAuditAction.PLAN_ITEM_DELETE, obj=project, data=data)


@transaction.atomic
def report_submit(
    *, actor, item: RealisationPlanItem, year: int, realised: Decimal, text: str, correction_reason: str = ""
) -> RealisationReport:
    """R36: a region's realised value for a planned benefit and year, against target; a later report for the
    same year is a new version with its reason (never overwritten). Refused for a year or benefit the plan
    does not cover, and before the project is closed as completed."""
    item = RealisationPlanItem.objects.select_for_update().select_related("project__pejlemaerke").get(pk=item.pk)
    if not may_report(actor, item):
        raise PermissionDenied
    if not in_realisation(item.project.pejlemaerke):
        raise ValidationError(_("Gevinster indberettes først, når pejlemærket er lukket som gennemført."))
    if year not in item.years:
        raise ValidationError(
            {"year": _("Realiseringsplanen dækker ikke %(y)s for denne gevinst og region.") % {"y": year}}
        )
    try:
        realised = Decimal(realised)
    except (ArithmeticError, TypeError, ValueError):
        raise ValidationError({"realised": _("Angiv den realiserede værdi som et tal.")}) from None
    if not realised.is_finite() or abs(realised) > MAX_VALUE:
        raise ValidationError({"realised": _("Angiv den realiserede værdi som et tal.")})
    if not (text or "").strip():
        raise ValidationError({"text": _("Skriv en kort tekst om realiseringen.")})
    number = (item.reports.filter(year=year).aggregate(n=Max("number"))["n"] or 0) + 1
    if number > 1 and not (correction_reason or "").strip():
        raise ValidationError({"correction_reason": _("Skriv hvorfor indberetningen rettes.")})
    report = RealisationReport(
        item=item,
        year=year,
        number=number,
        realised=rules.to_oere(realised),
        text=text.strip(),
        correction_reason=(correction_reason or "").strip(),
        submitted_by=actor,
    )
    report.full_clean()
    report.save()
    log_action(
        actor=actor,
        action=BenefitAuditAction.REPORT_SUBMIT,
        obj=item.project,
        data={"item": item.pk, "year": year, "version": number, "realised": str(report.realised)},
    )
    return report


def _reminder_mail(user, item: RealisationPlanItem, year: int) -> EmailMultiAlternatives:
    context = {
        "user": user,
        "item": item,
        "year": year,
        "due": rules.realisation_due(year, report_month()),
        "url": settings.PORTAL_BASE_URL.rstrip("/") + reverse("finance:realisation_project", args=[item.project_id]),
    }
    subject = _("Påmindelse: indberet realiserede gevinster for %(y)s") % {"y": year}
    message = EmailMultiAlternatives(
        subject=subject, body=render_to_string("email/realisation_reminder.txt", context), to=[user.email]
    )
    message.attach_alternative(render_to_string("email/realisation_reminder.html", context), "text/html")
    return message


def realisation_reminders_send(*, today: date) -> dict[str, int]:
    """R36: in the report month, remind each planned benefit's reporter once per year; a plan past its last
    year gets none. One RealisationReminder row per benefit and year stops a second e-mail."""
    sent = 0
    for item, year in reminders_due(today):
        user = item.reporter
        if not user.email or not user.is_active or RealisationReminder.objects.filter(item=item, year=year).exists():
            continue
        try:
            with transaction.atomic():
                RealisationReminder.objects.create(item=item, year=year, user=user, email=user.email)
                if not send_each([_reminder_mail(user, item, year)]):
                    transaction.set_rollback(True)
                    continue
        except IntegrityError:
            continue
        sent += 1
    return {"realisation": sent} if sent else {}


@transaction.atomic
def follow_up_item_draft(*, actor, today: date, year: int | None = None):
    """R36: IT5's yearly benefits follow-up: one agenda item on IT5's next meeting, drafted with the table per
    pejlemærke and region, realised against targeted, overdue reports flagged. None without a next meeting."""
    require(actor, "governance.add_agendaitem")
    meeting = governance_selectors.upcoming_meetings(after=today, body=BodyKind.IT5).first()
    if meeting is None:
        raise ValidationError(_("IT5 har intet kommende møde. Opret mødet først."))
    table = follow_up_table(today, year)
    title = _("Årlig opfølgning på gevinstrealisering %(y)s") % {"y": table["year"]}
    if meeting.items.filter(title=title).exists():
        raise ValidationError(_("Punktet er allerede på IT5's dagsorden for %(d)s.") % {"d": meeting.day})
    overdue = table["overdue"]
    resume = _(
        "Regionerne har indberettet realiserede gevinster for %(y)s for de lukkede projekter i realisering. "
        "%(n)s indberetninger er ikke modtaget inden fristen."
    ) % {"y": table["year"], "n": overdue}
    return governance_services.agenda_item_save(
        actor=actor,
        meeting=meeting,
        title=title,
        resume=resume,
        indstilling=_("at IT5 tager opfølgningen på gevinstrealiseringen til efterretning")
        + "\n"
        + _("at IT5 følger op på de manglende indberetninger"),
        sagsfremstilling=follow_up_text(table),
        case_handler="RSI-sekretariatet",
    )

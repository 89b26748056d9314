"""R37: RITA's and SYS's quarterly reports to IT5, each becoming an orientation item on IT5's agenda."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from portfolio.audit import log_action
from portfolio.models import Body, BodyKind, BodyMembership, MemberRole
from rsi_portal.mail import send_each
from rsi_portal.permissions import require

from .. import selectors
from ..models import QuarterlyAuditAction, QuarterlyReminder, QuarterlyReport
from ..rules import QUARTERLY_REPORTERS, quarter_label, quarter_start, quarterly_due, quarterly_reminder_due
from .items import agenda_item_save, attachment_add

QUARTERLY_TEXT_MAX = 10000


def due_meeting(quarter: date):
    """R37: IT5's first meeting after the quarter (the report is due at its R28 agenda deadline), or None."""
    meetings = {m.day: m for m in selectors.upcoming_meetings(after=quarter, body=BodyKind.IT5)}
    due = quarterly_due(quarter, meetings)
    return meetings[due[0]] if due else None


@transaction.atomic
def quarterly_report_submit(*, actor, body: Body, quarter: date, text: str, upload=None) -> QuarterlyReport:
    """R37: file a body's quarterly report; it becomes an orientation item on IT5's meeting it is due at,
    with the file as the item's Bilag (so the pack appends it)."""
    require(actor, "governance.add_agendaitem")
    errors = {}
    if body.kind not in QUARTERLY_REPORTERS:
        errors["body"] = _("Kun RITA og SYS afgiver kvartalsrapport til IT5.")
    quarter = quarter_start(quarter)
    text = (text or "").strip()
    if not text:
        errors["text"] = _("Skriv rapportens tekst (et kort resumé er nok, når rapporten er vedhæftet).")
    elif len(text) > QUARTERLY_TEXT_MAX:
        errors["text"] = _("Teksten må højst være %(n)d tegn.") % {"n": QUARTERLY_TEXT_MAX}
    meeting = due_meeting(quarter)
    if meeting is None and "body" not in errors:
        errors["quarter"] = _("IT5 har endnu intet møde efter %(quarter)s. Planlæg mødet først.") % {
            "quarter": quarter_label(quarter)
        }
    if QuarterlyReport.objects.filter(body=body, quarter=quarter).exists():
        errors["quarter"] = _("%(body)s har allerede indsendt rapporten for %(quarter)s.") % {
            "body": body.get_kind_display(),
            "quarter": quarter_label(quarter),
        }
    if errors:
        raise ValidationError(errors)
    title = _("Kvartalsrapport fra %(body)s, %(quarter)s") % {"body": body.kind, "quarter": quarter_label(quarter)}
    item = agenda_item_save(
        actor=actor,
        meeting=meeting,
        title=title[:200],
        resume=text,
        indstilling=_("at IT5 tager orienteringen til efterretning."),
    )
    attachment = attachment_add(actor=actor, item=item, title=title[:200], upload=upload) if upload else None
    report = QuarterlyReport(
        body=body, quarter=quarter, text=text, meeting=meeting, item=item, attachment=attachment, submitted_by=actor
    )
    report.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as error:  # a concurrent submit of the same body and quarter won
        raise ValidationError({"quarter": _("Rapporten er netop indsendt af en anden. Indlæs siden igen.")}) from error
    log_action(
        actor=actor,
        action=QuarterlyAuditAction.SUBMIT,
        obj=report,
        data={"body": body.kind, "quarter": str(quarter), "meeting": str(meeting.day), "item": item.number},
    )
    return report


def quarterly_reminders_send(*, today: date) -> dict[str, int]:
    """R37: from a week before a quarterly report's deadline, remind the reporting body's chair once (one
    QuarterlyReminder row per body, quarter and person stops a second e-mail). Run by the rhythm's daily tick."""
    due = [
        row
        for row in selectors.quarterly_status(today)
        if row.report is None and quarterly_reminder_due(row.due_on, today)
    ]
    if not due:
        return {}
    chairs = {}
    for membership in BodyMembership.objects.filter(
        body__in=[row.body for row in due], role=MemberRole.CHAIR, user__is_active=True
    ).select_related("user"):
        chairs.setdefault(membership.body_id, []).append(membership.user)
    sent = 0
    for row in due:
        for user in chairs.get(row.body.pk, []):
            if (
                not user.email
                or QuarterlyReminder.objects.filter(body=row.body, quarter=row.quarter, user=user).exists()
            ):
                continue
            try:
                with transaction.atomic():
                    QuarterlyReminder.objects.create(body=row.body, quarter=row.quarter, user=user, email=user.email)
                    if not send_each([_reminder_mail(user, row)]):
                        transaction.set_rollback(True)  # refused: the next tick tries again
                        continue
            except IntegrityError:  # a concurrent tick sent it
                continue
            sent += 1
    return {"quarterly": sent} if sent else {}


def _reminder_mail(user, row) -> EmailMessage:
    context = {
        "user": user,
        "body": row.body.kind,
        "quarter": quarter_label(row.quarter),
        "due": row.due_on,
        "meeting": row.meeting,
        "url": settings.PORTAL_BASE_URL.rstrip("/") + reverse("portfolio:home"),
    }
    subject = _("Påmindelse: kvartalsrapport fra %(body)s til IT5 for %(quarter)s") % context
    return EmailMessage(
        subject=subject, body=render_to_string("email/quarterly_reminder.txt", context), to=[user.email]
    )

"""Writes of the portfolio rhythm: the monthly report, status reminders, the director mail, calendar tokens.

Keyword-only arguments, `transaction.atomic`, a permission check when a person acts (`actor=None`
is the scheduler), `full_clean()` and an audit entry. Every function is idempotent, so Celery may
run it twice or concurrently: the database constraints and a per-period lock make the second run
a no-op. Work for the worker is enqueued with `transaction.on_commit`.
"""

import logging
import secrets
import zlib
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rsi_portal import outbox
from rsi_portal.dates import month_start
from rsi_portal.files import staged_files
from rsi_portal.formatting import date_long, month_long
from rsi_portal.mail import send_each
from rsi_portal.permissions import require
from rsi_portal.services import model_update

from ..audit import log_action
from ..models import (
    AuditAction,
    BodyKind,
    BodyMembership,
    CalendarFeedToken,
    DirectorMail,
    DirectorMailItem,
    DirectorMailStatus,
    MonthlyReport,
)
from .mailing import absolute_url as _absolute
from .mailing import templated_mail as _mail
from .reminders import reminder_request as reminder_request  # the reminders' writes, re-exported here
from .reminders import reminder_send_manual as reminder_send_manual
from .reminders import reminders_send as reminders_send
from .reports import render_report_pdf, render_report_xlsx
from .rules import director_mail_due
from .selectors import director_mail_auto_lines, director_mail_pending_items, monthly_report_data
from .tasks import generate_monthly_report as generate_monthly_report_task
from .tasks import notify_monthly_report as notify_monthly_report_task

logger = logging.getLogger(__name__)

# The bodies told about each month's report: RSI DK gets the monthly status (R32), PMO5 runs it.
REPORT_BODIES = (BodyKind.RSI_DK, BodyKind.PMO5)


def _lock_key(name: str, key: date) -> int:
    return zlib.crc32(f"{name}:{key.isoformat()}".encode())


def _lock(name: str, key: date) -> None:
    """A transaction-scoped lock per (name, key): PostgreSQL advisory lock; SQLite serialises writers."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_lock_key(name, key)])


def _try_lock(name: str, key: date) -> bool:
    """Like _lock, but False at once when another transaction holds it (no worker slot is spent waiting)."""
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [_lock_key(name, key)])
        return bool(cursor.fetchone()[0])


# --- Monthly portfolio report (R13 rhythm)


def monthly_report_generate(
    *, period: date, actor=None, after_version: int = 0, reason: str = "", notify: bool = True, by_goal: bool = False
):
    """Make version `after_version + 1` of the month's report, unless some run already did.

    The scheduler calls it with after_version=0 (the first version, made once); the secretariat's
    regeneration passes the version it saw, so a retried or doubled request adds one version only.
    Returns the new MonthlyReport, or None when there was nothing to do. `by_goal`: the version groups the
    pejlemærker by strategy goal (R40, on the secretariat's request; the scheduled version does not).
    """
    period = month_start(period)
    if actor is not None:
        require(actor, "portfolio.add_monthlyreport")
    if after_version and not (reason or "").strip():
        raise ValidationError({"reason": _("Skriv hvorfor måneden dannes igen.")})
    try:
        with transaction.atomic(), staged_files() as files:
            if not _try_lock("monthly_report", period):
                return None  # another run is making this month's report right now: it is not waited for
            latest = MonthlyReport.objects.filter(period=period).order_by("-version").first()
            if (latest.version if latest else 0) != after_version:
                return None
            version = after_version + 1
            data = monthly_report_data(period, by_goal=by_goal)
            report = MonthlyReport(
                period=period,
                version=version,
                generated_by=actor,
                reason=reason or "",
                summary=data["summary"],
            )
            stem = f"portefoeljerapport-{period:%Y-%m}-v{version}"
            files.save(report.pdf, f"{stem}.pdf", ContentFile(render_report_pdf(data, version=version)))
            files.save(report.xlsx, f"{stem}.xlsx", ContentFile(render_report_xlsx(data)))
            # Constraints are left to the database: a concurrent insert raises IntegrityError (handled below).
            report.full_clean(validate_constraints=False)
            MonthlyReport.objects.filter(period=period, is_current=True).update(is_current=False)
            report.save()
            log_action(
                actor=actor,
                action=AuditAction.MONTHLY_REPORT_GENERATE,
                obj=report,
                data={"period": period.isoformat(), "version": version, "reason": reason or ""},
            )
            if notify:
                key = f"monthly_report_notify:{report.pk}"
                outbox.enqueue(notify_monthly_report_task.name, args=[report.pk], key=key)
            return report
    except IntegrityError:
        # Another run inserted this version first (the constraint held; its files were not kept).
        return None


def monthly_report_regenerate(*, actor, period: date, reason: str, by_goal: bool = False):
    """The secretariat asks for a new version of a month; the worker makes it.

    The request and its outbox job commit together, so the work is kept while the broker is away;
    the returned job says whether the broker took it (rsi_portal.outbox).
    """
    require(actor, "portfolio.add_monthlyreport")
    period = month_start(period)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Skriv hvorfor måneden dannes igen.")})
    latest = MonthlyReport.objects.filter(period=period).order_by("-version").first()
    if latest is None:
        raise ValidationError({"period": _("Der er ingen rapport for måneden endnu.")})
    after_version, actor_id = latest.version, actor.pk
    with transaction.atomic():
        log_action(
            actor=actor,
            action=AuditAction.MONTHLY_REPORT_REGENERATE_REQUESTED,
            obj=latest,
            data={"period": period.isoformat(), "after_version": after_version, "reason": reason, "by_goal": by_goal},
        )
        job = outbox.enqueue(
            generate_monthly_report_task.name,
            args=[period.isoformat(), after_version, actor_id, reason, by_goal],
            key=f"monthly_report:{period:%Y-%m}:after:{after_version}",
        )
    return job


def _members_with_email(kinds) -> list:
    """The active members of the bodies of these kinds that have an e-mail address, each once."""
    users = {}
    for membership in BodyMembership.objects.filter(body__kind__in=kinds).select_related("user"):
        if membership.user.is_active and membership.user.email:
            users[membership.user.pk] = membership.user
    return list(users.values())


def report_recipients():
    """The members of the bodies that receive the monthly report, with an e-mail address."""
    return _members_with_email(REPORT_BODIES)


def monthly_report_notify(*, report_id: int) -> int:
    """E-mail the report bodies' members a link (the PDF attached only when small). Once per version."""
    with transaction.atomic():
        report = MonthlyReport.objects.select_for_update().get(pk=report_id)
        if report.notified_at is not None:
            return 0
        recipients = report_recipients()
        pdf_bytes = None
        limit = settings.RSI["MAIL_ATTACHMENT_MAX_BYTES"]
        if report.pdf and report.pdf.size <= limit:
            with report.pdf.open("rb") as handle:
                pdf_bytes = handle.read()
        month = month_long(report.period)
        context = {
            "report": report,
            "month": month,
            "url": _absolute(report.get_absolute_url()),
            "archive_url": _absolute(reverse("portfolio:report_archive")),
            "attached": pdf_bytes is not None,
        }
        subject = _("RSI porteføljerapport %(month)s") % {"month": month}
        messages = []
        for user in recipients:
            message = _mail(user.email, subject, "monthly_report", {**context, "user": user})
            if pdf_bytes is not None:
                message.attach(f"portefoeljerapport-{report.period:%Y-%m}.pdf", pdf_bytes, "application/pdf")
            messages.append(message)
        accepted = len(send_each(messages))
        report.notified_at = timezone.now()
        report.notified_count = accepted
        report.save(update_fields=["notified_at", "notified_count"])
        log_action(
            actor=None,
            action=AuditAction.MONTHLY_REPORT_NOTIFY,
            obj=report,
            data={"recipients": len(messages), "accepted": accepted},
        )
        return accepted


# --- RSI-direktørkredsmail (R31)


def _director_mail_text(issue_date: date, items, auto: dict) -> str:
    return render_to_string("email/director_mail_body.txt", {"issue_date": issue_date, "items": items, **auto}).strip()


def director_mail_compile(*, issue_date: date, actor=None) -> DirectorMail | None:
    """R31: compile the mail for an issue date (items due the day before plus automatic lines). Once."""
    if actor is not None:
        require(actor, "portfolio.add_directormail")
    if not director_mail_due(issue_date):
        raise ValidationError(
            {"issue_date": _("Direktørkredsmailen udkommer den 1. og den 15. i måneden, dog ikke i juli.")}
        )
    with transaction.atomic():
        _lock("director_mail", issue_date)
        if DirectorMail.objects.filter(issue_date=issue_date).exists():
            return None
        items = list(director_mail_pending_items(issue_date))
        auto = director_mail_auto_lines(issue_date)
        mail = DirectorMail(
            issue_date=issue_date,
            subject=_("RSI-direktørkredsmail %(day)s") % {"day": date_long(issue_date)},
            body=_director_mail_text(issue_date, items, auto),
        )
        mail.full_clean()
        mail.save()
        DirectorMailItem.objects.filter(pk__in=[i.pk for i in items]).update(mail=mail)
        log_action(actor=actor, action=AuditAction.DIRECTOR_MAIL_COMPILE, obj=mail, data={"items": len(items)})
        return mail


def director_mail_item_add(*, actor, title: str, text: str) -> DirectorMailItem:
    """R31: the secretariat adds an item for the next director mail."""
    require(actor, "portfolio.add_directormailitem")
    with transaction.atomic():
        item = DirectorMailItem(title=(title or "").strip(), text=(text or "").strip(), added_by=actor)
        item.full_clean()
        item.save()
        log_action(actor=actor, action=AuditAction.DIRECTOR_MAIL_ITEM_ADD, obj=item)
        return item


def director_mail_update(*, actor, mail: DirectorMail, subject: str, body: str) -> DirectorMail:
    """R31: the secretariat edits a draft (history keeps every edit); a sent mail is archived as sent.

    The audit entry records what changed as {field: [old, new]}; an edit that changes nothing saves nothing.
    """
    require(actor, "portfolio.change_directormail", mail)
    with transaction.atomic():
        mail = DirectorMail.objects.select_for_update().get(pk=mail.pk)
        if mail.is_sent:
            raise ValidationError(_("Mailen er sendt og kan ikke længere ændres."))
        mail._change_reason = "edit"
        changes = model_update(instance=mail, data={"subject": (subject or "").strip(), "body": (body or "").strip()})
        if changes:
            log_action(actor=actor, action=AuditAction.DIRECTOR_MAIL_UPDATE, obj=mail, data=changes)
        return mail


def director_mail_recipients():
    """R31: RSI DK's members with an e-mail address."""
    return _members_with_email([BodyKind.RSI_DK])


def director_mail_send(*, actor, mail: DirectorMail) -> DirectorMail:
    """R31: send the mail to RSI DK's members (console in the demo, SMTP in production) and archive it."""
    require(actor, "portfolio.change_directormail", mail)
    with transaction.atomic():
        mail = DirectorMail.objects.select_for_update().get(pk=mail.pk)
        if mail.is_sent:
            raise ValidationError(_("Mailen er allerede sendt."))
        recipients = director_mail_recipients()
        if not recipients:
            raise ValidationError(_("RSI DK har ingen medlemmer med e-mailadresse."))
        context = {"mail": mail}
        messages = [_mail(user.email, mail.subject, "director_mail", context) for user in recipients]
        mail.status = DirectorMailStatus.SENT
        mail.sent_at = timezone.now()
        mail.sent_by = actor
        mail.recipients = [user.email for user in recipients]
        mail.full_clean()
        mail.recipients = send_each(messages)  # only the addresses the mail server accepted
        if not mail.recipients:
            raise ValidationError(_("Mailserveren afviste alle modtagere; mailen er ikke sendt."))
        mail._change_reason = "sent"
        mail.save()
        log_action(
            actor=actor,
            action=AuditAction.DIRECTOR_MAIL_SEND,
            obj=mail,
            data={"recipients": len(recipients), "accepted": len(mail.recipients)},
        )
        return mail


# --- Calendar feed tokens (R32)


def calendar_token_for(*, user, rotate: bool = False):
    """The person's secret calendar-feed token (created on first use; `rotate` replaces a leaked one)."""
    with transaction.atomic():
        token, created = CalendarFeedToken.objects.select_for_update().get_or_create(
            user=user, defaults={"token": secrets.token_urlsafe(32)}
        )
        if rotate and not created:
            token.token = secrets.token_urlsafe(32)
            token.save(update_fields=["token"])
            log_action(actor=user, action=AuditAction.CALENDAR_TOKEN_ROTATE, obj=token)
        return token

"""R13 status reminders: before the deadline, after it, the secretariat's list and its one-click reminder.

Each (person, month, kind) gets at most one e-mail: the ReminderLog row is written in the same transaction as
the e-mail is handed over, and its unique constraint stops a second one. Re-exported by portfolio.rhythm.services.
"""

from collections import defaultdict
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.rules import is_late, reporting_deadline
from projects.selectors import missing_reports
from rsi_portal import outbox
from rsi_portal.dates import add_months, month_start
from rsi_portal.formatting import date_long, month_long
from rsi_portal.mail import send_each
from rsi_portal.permissions import SEKRETARIAT_GROUP, require

from .. import hooks
from ..audit import log_action
from ..models import AuditAction, ReminderKind, ReminderLog
from .mailing import absolute_url as _absolute
from .mailing import templated_mail as _mail
from .rules import reminder_kind_due
from .tasks import send_reminder as send_reminder_task

REMINDER_ACTIONS = {
    ReminderKind.BEFORE: AuditAction.REMINDER_BEFORE,
    ReminderKind.AFTER: AuditAction.REMINDER_AFTER,
    ReminderKind.SECRETARIAT: AuditAction.REMINDER_SECRETARIAT,
    ReminderKind.MANUAL: AuditAction.REMINDER_MANUAL,
}


def reminders_send(*, today: date) -> dict[str, int]:
    """R13: remind before the deadline, chase after it and list the missing reports for the secretariat.

    Each (person, month, kind) gets at most one e-mail: the ReminderLog row is written in the same
    transaction as the e-mail is handed over, and its unique constraint stops a second one.
    """
    sent = defaultdict(int)
    for period in (month_start(today), add_months(month_start(today), -1)):
        kind = reminder_kind_due(period, today)
        if kind is None:
            continue
        missing = missing_reports(period)
        by_user = defaultdict(list)
        for item in missing:
            for user in item.responsible_users:
                by_user[user].append(item)
        for user, items in by_user.items():
            if _send_reminder(user=user, period=period, kind=kind, items=items):
                sent[kind] += 1
        if kind == ReminderKind.AFTER and missing:
            secretariat = get_user_model().objects.filter(groups__name=SEKRETARIAT_GROUP, is_active=True)
            for user in secretariat:
                if _send_reminder(user=user, period=period, kind=ReminderKind.SECRETARIAT, items=missing):
                    sent[ReminderKind.SECRETARIAT] += 1
    for send in hooks.yearly_reminders:  # R36: the yearly realisation reminders ride on the same tick
        for kind, count in send(today=today).items():
            sent[kind] += count
    return dict(sent)


def _send_reminder(*, user, period: date, kind: str, items, actor=None) -> bool:
    if not user.email or not user.is_active:
        return False
    if ReminderLog.objects.filter(user=user, period=period, kind=kind).exists():
        return False
    lines = [
        {
            "pejlemaerke": item.project.pejlemaerke.name,
            "project": item.project.name,
            "region": item.region.code,
            "has_draft": item.has_draft,
        }
        for item in items
    ]
    context = {
        "user": user,
        "kind": kind,
        "month": month_long(period),
        "deadline": reporting_deadline(period),
        "items": lines,
        "url": _absolute(reverse("portfolio:home")),
    }
    subjects = {
        ReminderKind.BEFORE: _("Påmindelse: månedsstatus for %(month)s"),
        ReminderKind.AFTER: _("Rykker: månedsstatus for %(month)s mangler"),
        ReminderKind.SECRETARIAT: _("Manglende månedsstatus for %(month)s"),
    }
    if kind == ReminderKind.MANUAL:  # the secretariat's reminder reads like the scheduled one due today
        kind_text = ReminderKind.AFTER if is_late(period, timezone.localdate()) else ReminderKind.BEFORE
    else:
        kind_text = kind
    subject = subjects[kind_text] % {"month": context["month"]}
    message = _mail(user.email, subject, f"reminder_{kind_text}", context)
    try:
        with transaction.atomic():
            log = ReminderLog.objects.create(user=user, period=period, kind=kind, email=user.email, items=lines)
            if not send_each([message]):
                transaction.set_rollback(True)  # refused: no log row, so the next tick tries again
                return False
            log_action(actor=actor, action=REMINDER_ACTIONS[kind], obj=log, data={"period": period.isoformat()})
    except IntegrityError:
        return False  # a concurrent run sent it
    return True


def _owed_by(user, period: date) -> list:
    return [item for item in missing_reports(period) if any(u.pk == user.pk for u in item.responsible_users)]


def reminder_request(*, actor, user, period: date):
    """R13: the secretariat's one-click reminder to one person about the month's missing reports.

    Checked here, sent by the worker through the outbox (the request and its job commit together). At most
    one per person and month (ReminderLog's constraint), next to the scheduled ones.
    """
    require(actor, "portfolio.add_reminderlog")
    period = month_start(period)
    name = user.get_full_name() or user.username
    if not (user.is_active and user.email):
        raise ValidationError(_("%(name)s har ingen e-mailadresse, så påmindelsen kan ikke sendes.") % {"name": name})
    sent = ReminderLog.objects.filter(user=user, period=period, kind=ReminderKind.MANUAL).first()
    if sent is not None:
        day = date_long(timezone.localdate(sent.sent_at))
        raise ValidationError(_("%(name)s er allerede påmindet %(day)s.") % {"name": name, "day": day})
    if not _owed_by(user, period):
        raise ValidationError(
            _("%(name)s mangler ingen rapporter for %(month)s.") % {"name": name, "month": month_long(period)}
        )
    with transaction.atomic():
        return outbox.enqueue(
            send_reminder_task.name,
            args=[user.pk, period.isoformat(), actor.pk],
            key=f"reminder:manual:{user.pk}:{period:%Y-%m}",
        )


def reminder_send_manual(*, user_id: int, period: date, actor_id: int | None = None) -> bool:
    """The worker's half of reminder_request: send it, unless it was sent or nothing is missing any more."""
    users = get_user_model().objects.in_bulk([user_id, actor_id] if actor_id else [user_id])
    user = users.get(user_id)
    items = _owed_by(user, period) if user else []
    if not items:
        return False
    return _send_reminder(user=user, period=period, kind=ReminderKind.MANUAL, items=items, actor=users.get(actor_id))

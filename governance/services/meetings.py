"""Meetings, the year's plan, when material went out, and the minutes (R28)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from portfolio.audit import log_action
from portfolio.models import Body
from rsi_portal.permissions import require
from rsi_portal.services import audit_value, model_update

from .. import rules, selectors
from ..models import AuditAction, Meeting, MeetingFormat
from .common import update_locked
from .escalations import escalations_place_waiting

MEETING_FIELDS = (
    "body",
    "day",
    "start_time",
    "end_time",
    "format",
    "location",
    "is_suggestion",
    "is_seminar",
    "appendix_by_goal",
)
# What is registered as sent out by hand: the field that records the day, and the audit action. The
# agenda and the decision log are sent out by publishing them (services/publish.py), which records the day.
SENT = {"minutes": ("minutes_sent_on", AuditAction.MEETING_SENT_MINUTES)}
SENT_FIELDS = {what: field for what, (field, _action) in SENT.items()}
SENT_BY_PUBLISHING = {
    "agenda": _lazy("Dagsordenen registreres som udsendt, når den udsendes med »Udsend dagsorden«."),
    "decision_log": _lazy(
        "Beslutningsprotokollen registreres som udsendt, når den udsendes med »Udsend beslutningsprotokol«."
    ),
}


@transaction.atomic
def meeting_save(*, actor, meeting: Meeting | None = None, **fields) -> Meeting:
    require(actor, "governance.change_meeting" if meeting else "governance.add_meeting", meeting)
    if meeting is None:
        unknown = set(fields) - set(MEETING_FIELDS)
        if unknown:
            raise TypeError(f"unknown fields: {sorted(unknown)}")
        meeting = Meeting(**fields)
        meeting.full_clean()
        meeting.save()
        changes = {name: [None, audit_value(value)] for name, value in fields.items()}
    else:
        changes = update_locked(meeting, fields, MEETING_FIELDS)
    if changes:
        log_action(actor=actor, action=AuditAction.MEETING_SAVE, obj=meeting, data=changes)
    if "day" in changes:
        escalations_place_waiting(actor=actor, meeting=meeting)  # R25: waiting escalations go on its agenda
    return meeting


@transaction.atomic
def meeting_plan_generate(*, actor, body: Body, year: int) -> list[Meeting]:
    """Suggest the year's meetings (RSI DK: 11, 7 virtual and 4 physical) as editable suggestions."""
    require(actor, "governance.add_meeting")
    existing = set(Meeting.objects.filter(body=body, day__year=year).values_list("day__month", flat=True))
    created = []
    for day, virtual in rules.meeting_plan(year):
        if day.month in existing:
            continue
        meeting = Meeting(
            body=body,
            day=day,
            format=MeetingFormat.VIRTUAL if virtual else MeetingFormat.PHYSICAL,
            location=_("Microsoft Teams") if virtual else _("Danske Regioner, Dampfærgevej 22, København Ø"),
            is_suggestion=True,
        )
        meeting.full_clean()
        meeting.save()
        created.append(meeting)
    if created:
        log_action(actor=actor, action=AuditAction.MEETING_PLAN, obj=body, data={"year": year, "created": len(created)})
    return created


@transaction.atomic
def meeting_mark_sent(*, actor, meeting: Meeting, what: str, on: date) -> Meeting:
    """R28: record when the minutes went out (the agenda and the decision log go out by publishing)."""
    require(actor, "governance.change_meeting", meeting)
    if what not in SENT:
        raise ValidationError({"what": SENT_BY_PUBLISHING.get(what, _("Kun referatets udsendelse registreres her."))})
    field, action = SENT[what]
    if what == "minutes" and not meeting.minutes.strip():
        raise ValidationError({"minutes": _("Skriv referatet, før det markeres som udsendt.")})
    changes = model_update(instance=meeting, data={field: on})
    if changes:
        log_action(actor=actor, action=action, obj=meeting, data=changes)
    return meeting


@transaction.atomic
def minutes_write(*, actor, meeting: Meeting, minutes: str) -> Meeting:
    require(actor, "governance.change_meeting", meeting)
    if meeting.minutes_approved_at_id:
        raise ValidationError({"minutes": _("Referatet er godkendt og kan ikke ændres.")})
    changes = model_update(instance=meeting, data={"minutes": minutes.strip()})
    if changes:
        log_action(actor=actor, action=AuditAction.MEETING_MINUTES, obj=meeting, data=changes)
    return meeting


@transaction.atomic
def minutes_approve(*, actor, meeting: Meeting, at: Meeting) -> Meeting:
    """R28: minutes are approved at the body's next meeting, and only there (suggestions are not meetings yet)."""
    require(actor, "governance.change_meeting", meeting)
    if selectors.previous_meeting(at) != meeting:
        raise ValidationError(_("Referatet godkendes på forummets næste møde."))
    if not meeting.minutes.strip():
        raise ValidationError(_("Mødet har intet referat at godkende."))
    changes = model_update(instance=meeting, data={"minutes_approved_at": at})
    if changes:
        log_action(actor=actor, action=AuditAction.MEETING_MINUTES_APPROVED, obj=meeting, data=changes)
    return meeting

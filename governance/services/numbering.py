"""Numbering agenda items and drafting a new one: the leaf every governance service that puts an item on an
agenda shares (agenda_item_save, escalations, R25), so none of them has to import the others."""

from django.db import transaction
from django.db.models import Max

from portfolio.audit import log_action
from rsi_portal.services import audit_value

from ..models import AgendaItem, AuditAction, Meeting, Standing

ITEM_FIELDS = (
    "title",
    "access",
    "case_handler",
    "case_number",
    "resume",
    "indstilling",
    "sagsfremstilling",
    "oekonomi",
    "sekretariatets_bemaerkninger",
    "kommunikation",
    "presenter",
    "matter",
)
STANDING_FIRST = [Standing.MINUTES, Standing.ORIENTERING]
STANDING_LAST = [Standing.NEXT_MEETING, Standing.EVENTUELT]


def next_number(meeting: Meeting) -> int:
    return (AgendaItem.objects.filter(meeting=meeting).aggregate(m=Max("number"))["m"] or 0) + 1


def renumber(meeting: Meeting, ordered: list[AgendaItem]) -> None:
    """Give the items 1..n in the given order without ever breaking the unique (meeting, number)."""
    offset = next_number(meeting) + len(ordered)
    for position, item in enumerate(ordered):
        AgendaItem.objects.filter(pk=item.pk).update(number=offset + position)
    for position, item in enumerate(ordered, start=1):
        AgendaItem.objects.filter(pk=item.pk).update(number=position)
        item.number = position


def ordered_with_standing(meeting: Meeting) -> list[AgendaItem]:
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("number"))
    first = sorted((i for i in items if i.standing in STANDING_FIRST), key=lambda i: STANDING_FIRST.index(i.standing))
    last = sorted((i for i in items if i.standing in STANDING_LAST), key=lambda i: STANDING_LAST.index(i.standing))
    middle = [i for i in items if i.standing not in STANDING_FIRST + STANDING_LAST]
    return first + middle + last


@transaction.atomic
def agenda_item_draft(*, actor, meeting: Meeting, **fields) -> AgendaItem:
    """A new item, for agenda_item_save or a governance service that has checked its own permission (an
    escalation raised by a steering group's chair, R25): numbered before the closing standing items, audited."""
    unknown = set(fields) - {*ITEM_FIELDS, "beslutning"}
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    item = AgendaItem(meeting=meeting, number=next_number(meeting), **fields)
    item.full_clean()
    item.save()
    if fields:
        renumber(meeting, ordered_with_standing(meeting))
        item.refresh_from_db()
    changes = {name: [None, audit_value(value)] for name, value in fields.items()}
    if changes:
        log_action(actor=actor, action=AuditAction.AGENDA_ITEM_SAVE, obj=item, data=changes)
    return item

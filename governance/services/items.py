"""The agenda: standing items, R11 status items, case papers in the R29 format, their order,
decisions on them and their numbered Bilag."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from portfolio.audit import log_action
from portfolio.models import BodyKind
from projects.rules import colour_label
from rsi_portal.permissions import require
from rsi_portal.services import model_update
from rsi_portal.uploads import pdf_page_count

from .. import selectors
from ..models import ATTACHMENT_UPLOADS, AgendaItem, Attachment, AuditAction, Decision, Meeting, Outcome, Standing
from .common import update_locked
from .matters import decision_record
from .meetings import minutes_approve
from .numbering import ITEM_FIELDS, STANDING_FIRST, STANDING_LAST, agenda_item_draft
from .numbering import next_number as _next_number
from .numbering import ordered_with_standing as _ordered_with_standing
from .numbering import renumber as _renumber

STANDING_TITLES = {
    Standing.MINUTES: "Godkendelse af referat fra sidste møde",
    Standing.ORIENTERING: "Orienteringer",
    Standing.NEXT_MEETING: "Næste møde",
    Standing.EVENTUELT: "Eventuelt",
}


def _standing_texts(meeting: Meeting, standing: str) -> dict:
    if standing == Standing.MINUTES:
        previous = selectors.previous_meeting(meeting)
        when = f"{previous.day:%d.%m.%Y}" if previous else "forrige møde"
        return {
            "resume": f"Referatet fra mødet {when} forelægges til godkendelse.",
            "indstilling": f"at referatet fra mødet {when} godkendes.",
        }
    if standing == Standing.NEXT_MEETING:
        following = selectors.next_meeting(meeting)
        text = (
            f"Næste møde holdes {following.day:%d.%m.%Y} ({following.get_format_display().lower()}"
            f"{', ' + following.location if following.location else ''})."
            if following
            else "Næste møde er endnu ikke fastlagt."
        )
        return {"resume": text, "indstilling": "at orienteringen tages til efterretning."}
    if standing == Standing.ORIENTERING:
        return {
            "resume": "Sekretariatet og medlemmerne orienterer om aktuelle sager.",
            "indstilling": "at orienteringerne tages til efterretning.",
        }
    return {}


def _r11_texts(candidate, presenter) -> dict:
    """R11: the item pre-filled with the roll-up, the why line and each region's status text.

    `candidate` is a projects.selectors.AgendaCandidate or a selectors.YellowOffer.
    """
    pejlemaerke = candidate.pejlemaerke
    label = colour_label(candidate.colour)
    lines = [f"Samlet status: {label}.", candidate.why or ""]
    # R30: red and yellow regions first with their text; the green ones collapse into one line.
    reports = candidate.region_reports or []
    rank = {"red": 0, "yellow": 1}
    for report in sorted((r for r in reports if r.colour != "green"), key=lambda r: rank.get(r.colour, 2)):
        report_colour = colour_label(report.colour) if report.colour else ""
        lines.append(f"{report.region.name}: {report_colour}. {report.overall}".strip())
    greens = sorted({r.region.name for r in reports if r.colour == "green"})
    if greens:
        lines.append(f"Grøn: {', '.join(greens)}.")
    region = pejlemaerke.leading_region.name
    presenter_line = (
        f"{presenter.get_full_name()} (it-direktør, {region}) fremlægger status og korrigerende handlinger."
        if presenter
        else f"It-direktøren i {region} fremlægger status og korrigerende handlinger."
    )
    return {
        "title": f"{pejlemaerke.name}: status {label.lower()} – korrigerende handlinger",
        "resume": f"{candidate.reason or ''} {presenter_line}".strip(),
        "indstilling": "at RSI DK drøfter status og de korrigerende handlinger\n"
        "at RSI DK beslutter de korrigerende handlinger, der skal iværksættes",
        "sagsfremstilling": "\n".join(line for line in lines if line),
        "case_handler": "RSI-sekretariatet",
    }


@transaction.atomic
def agenda_item_add_for_pejlemaerke(*, actor, meeting: Meeting, candidate, presenter=None) -> AgendaItem | None:
    """Add an R11 item (or a one-click persistent-yellow item) unless the pejlemærke is already on."""
    require(actor, "governance.add_agendaitem")
    pejlemaerke = candidate.pejlemaerke
    if AgendaItem.objects.filter(meeting=meeting, pejlemaerke=pejlemaerke).exists():
        return None
    presenter = presenter or selectors.it_director_for(pejlemaerke)
    item = AgendaItem(
        meeting=meeting,
        number=_next_number(meeting),
        pejlemaerke=pejlemaerke,
        presenter=presenter,
        **_r11_texts(candidate, presenter),
    )
    item.full_clean()
    item.save()
    _renumber(meeting, _ordered_with_standing(meeting))
    item.refresh_from_db()
    log_action(actor=actor, action=AuditAction.AGENDA_ADD_PEJLEMAERKE, obj=item, data={"pejlemaerke": pejlemaerke.pk})
    return item


@transaction.atomic
def agenda_draft(*, actor, meeting: Meeting, month: date | None = None) -> list[AgendaItem]:
    """Add the standing items and, for RSI DK, an item per R11 candidate of the latest month."""
    require(actor, "governance.add_agendaitem")
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    created = []
    have = set(AgendaItem.objects.filter(meeting=meeting).exclude(standing="").values_list("standing", flat=True))
    number = _next_number(meeting) - 1
    for standing in STANDING_FIRST + STANDING_LAST:
        if standing in have:
            continue
        number += 1
        item = AgendaItem(
            meeting=meeting,
            number=number,
            title=STANDING_TITLES[standing],
            standing=standing,
            case_handler="RSI-sekretariatet",
            **_standing_texts(meeting, standing),
        )
        item.full_clean()
        item.save()
        created.append(item)
    if meeting.body.kind == BodyKind.RSI_DK:
        for candidate in selectors.agenda_candidates_for(meeting, month=month):
            item = agenda_item_add_for_pejlemaerke(actor=actor, meeting=meeting, candidate=candidate)
            if item:
                created.append(item)
    _renumber(meeting, _ordered_with_standing(meeting))
    log_action(actor=actor, action=AuditAction.AGENDA_DRAFT, obj=meeting, data={"created": len(created)})
    return created


@transaction.atomic
def agenda_item_save(*, actor, meeting: Meeting, item: AgendaItem | None = None, **fields) -> AgendaItem:
    require(actor, "governance.change_agendaitem" if item else "governance.add_agendaitem", item)
    if item is None:
        return agenda_item_draft(actor=actor, meeting=meeting, **fields)
    changes = update_locked(item, fields, (*ITEM_FIELDS, "beslutning"))
    if fields and item.standing == "":
        _renumber(meeting, _ordered_with_standing(meeting))
        item.refresh_from_db()
    if changes:
        log_action(actor=actor, action=AuditAction.AGENDA_ITEM_SAVE, obj=item, data=changes)
    return item


@transaction.atomic
def agenda_item_move(*, actor, item: AgendaItem, direction: str) -> AgendaItem:
    """Reorder: move an item one place up or down."""
    require(actor, "governance.change_agendaitem", item)
    ordered = list(AgendaItem.objects.select_for_update().filter(meeting_id=item.meeting_id).order_by("number"))
    index = next(i for i, other in enumerate(ordered) if other.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(ordered):
        ordered[index], ordered[target] = ordered[target], ordered[index]
        _renumber(item.meeting, ordered)
        log_action(
            actor=actor,
            action=AuditAction.AGENDA_ITEM_MOVE,
            obj=item,
            data={"direction": direction, "number": [index + 1, target + 1]},
        )
    item.refresh_from_db()
    return item


@transaction.atomic
def agenda_item_decide(
    *, actor, item: AgendaItem, outcome: str, text: str, conditions: str = "", decided_on: date
) -> Decision:
    """After the meeting: write the Beslutning on the item and record the decision (on its matter if any)."""
    require(actor, "governance.change_agendaitem", item)
    if not (text or "").strip():
        raise ValidationError({"text": _("Skriv beslutningen.")})
    item = (
        AgendaItem.objects.select_for_update(of=("self",))
        .select_related("meeting__body", "matter", "pejlemaerke")
        .get(pk=item.pk)
    )
    beslutning = text.strip() + (f"\nBetingelser: {conditions.strip()}" if conditions.strip() else "")
    changes = model_update(instance=item, data={"beslutning": beslutning})
    if changes:
        log_action(actor=actor, action=AuditAction.AGENDA_ITEM_SAVE, obj=item, data=changes)
    decision = decision_record(
        actor=actor,
        subject=item.matter or item.pejlemaerke or item,
        body=item.meeting.body,
        outcome=outcome,
        text=text,
        conditions=conditions,
        decided_on=decided_on,
        meeting=item.meeting,
        item=item,
    )
    if item.standing == Standing.MINUTES and outcome == Outcome.APPROVED:
        previous = selectors.previous_meeting(item.meeting)
        if previous is not None and previous.minutes.strip() and previous.minutes_approved_at_id is None:
            minutes_approve(actor=actor, meeting=previous, at=item.meeting)  # R28: approved at the next meeting
    return decision


def _pdf_pages(upload) -> int | None:
    """R30: the PDF's pages, counted once here so the pack never parses it to lay it out."""
    upload.seek(0)
    try:
        return pdf_page_count(upload.read())
    finally:
        upload.seek(0)


@transaction.atomic
def attachment_add(*, actor, item: AgendaItem, title: str, upload) -> Attachment:
    """A numbered Bilag; the file passes the portal's upload check (type, content, no macros, size)."""
    require(actor, "governance.change_agendaitem", item)
    try:
        checked = ATTACHMENT_UPLOADS.check(upload)
    except ValidationError as error:
        raise ValidationError({"upload": error.messages}) from error
    number = (Attachment.objects.filter(item=item).aggregate(m=Max("number"))["m"] or 0) + 1
    attachment = Attachment(
        item=item,
        number=number,
        title=(title or "").strip() or checked.original_name,
        file=upload,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        pages=_pdf_pages(upload) if checked.content_type == "application/pdf" else 0,
        uploaded_by=actor,
    )
    attachment.full_clean()
    attachment.save()
    log_action(
        actor=actor,
        action=AuditAction.AGENDA_ATTACHMENT_ADD,
        obj=item,
        data={"bilag": number, "name": checked.original_name},
    )
    return attachment

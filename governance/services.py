"""Every governance write: atomic, permission-checked, validated, audited."""

import hashlib
import mimetypes
from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from portfolio.audit import log_action
from portfolio.models import Body, BodyKind
from rsi_portal.permissions import require

from . import rules, selectors
from .models import (
    AgendaItem,
    AgendaPack,
    Attachment,
    Decision,
    JointSystem,
    Matter,
    Meeting,
    MeetingFormat,
    OperatingBudget,
    Outcome,
    PackStatus,
    Standing,
)

ALLOWED_ATTACHMENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".txt": "text/plain",
}
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


# ---------------------------------------------------------------- decisions


@transaction.atomic
def decision_record(*, actor, subject, body, outcome, text, decided_on, conditions="", meeting=None) -> Decision:
    """Record a body's decision (approved/rejected/postponed) on any subject; earlier decisions stay."""
    require(actor, "governance.add_decision")
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Vælg godkendt, afvist eller udsat.")})
    decision = Decision(
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        body=body,
        outcome=outcome,
        text=(text or "").strip(),
        conditions=(conditions or "").strip(),
        decided_on=decided_on,
        meeting=meeting,
        recorded_by=actor,
    )
    decision.full_clean()
    decision.save()
    if isinstance(subject, Matter):
        subject.status = outcome
        subject.save(update_fields=["status"])
    log_action(
        actor=actor,
        action="decision.record",
        obj=decision,
        data={"subject": f"{subject._meta.label_lower}:{subject.pk}", "outcome": outcome, "body": body.kind},
    )
    return decision


# ---------------------------------------------------------------- joint systems (R33)


@transaction.atomic
def joint_system_save(*, actor, system: JointSystem | None = None, **fields) -> JointSystem:
    require(actor, "governance.change_jointsystem" if system else "governance.add_jointsystem", system)
    system = system or JointSystem()
    for name, value in fields.items():
        setattr(system, name, value)
    system.full_clean()
    system.save()
    log_action(actor=actor, action="jointsystem.save", obj=system, data={k: str(v) for k, v in fields.items()})
    return system


@transaction.atomic
def operating_budget_set(*, actor, system: JointSystem, year: int, amount: Decimal) -> OperatingBudget:
    require(actor, "governance.change_jointsystem", system)
    budget = OperatingBudget.objects.filter(system=system, year=year).first() or OperatingBudget(
        system=system, year=year
    )
    before = budget.amount
    budget.amount = Decimal(amount).quantize(Decimal("0.01"))
    budget.full_clean()
    budget.save()
    log_action(
        actor=actor,
        action="jointsystem.budget",
        obj=system,
        data={"year": year, "from": str(before), "to": str(budget.amount)},
    )
    return budget


# ---------------------------------------------------------------- matters (R24–R26)

BODY_RANK = {"SYS": 0, "IT5": 1, "RSI_DK": 2}


def matter_route(*, kind, amount, year, joint_system=None, escalated_from="", exclude_matter=None) -> rules.Route:
    """R24/R25/R26 for a concrete matter: SYS only within what is left of the system's budget."""
    within = False
    if kind == rules.Kind.SYSTEM_DEVELOPMENT and joint_system is not None:
        left = selectors.operating_budget_left(joint_system, year, exclude_matter=exclude_matter)
        within = left is not None and Decimal(amount) <= left
    route = rules.route_approval(Decimal(amount), kind=kind, within_operating_budget=within)
    if kind == rules.Kind.SYSTEM_DEVELOPMENT and joint_system is not None and not within:
        left = selectors.operating_budget_left(joint_system, year, exclude_matter=exclude_matter)
        note = (
            _("%(system)s har ikke noget driftsbudget registreret for %(year)s.")
            if left is None
            else _("Der er %(left)s tilbage af driftsbudgettet for %(system)s i %(year)s.")
        ) % {"system": joint_system.name, "year": year, "left": rules._kr(left or 0)}
        route = rules.Route(route.body, f"{note} {route.reason}")
    elif within:
        left = selectors.operating_budget_left(joint_system, year, exclude_matter=exclude_matter)
        route = rules.Route(
            route.body,
            f"{route.reason} "
            + _("Der er %(left)s tilbage af driftsbudgettet for %(system)s i %(year)s.")
            % {"left": rules._kr(left), "system": joint_system.name, "year": year},
        )
    if escalated_from:
        escalation = rules.escalation_route(escalated_from)
        if BODY_RANK[escalation.body] > BODY_RANK[route.body]:
            route = rules.Route(escalation.body, f"{escalation.reason} {route.reason}")
        elif escalation.body != route.body:
            route = rules.Route(route.body, f"{route.reason} ({escalation.reason})")
        else:
            route = rules.Route(route.body, f"{escalation.reason} {route.reason}")
    return route


MATTER_FIELDS = ("title", "description", "kind", "amount", "year", "pejlemaerke", "project", "joint_system")


@transaction.atomic
def matter_create(*, actor, escalated_from: str = "", **fields) -> Matter:
    """Create a matter for decision and route it (R24–R26); the route and its reason are stored."""
    require(actor, "governance.add_matter")
    unknown = set(fields) - set(MATTER_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    matter = Matter(created_by=actor, escalated_from=escalated_from or "", **fields)
    if matter.kind == rules.Kind.SYSTEM_DEVELOPMENT and matter.joint_system_id is None:
        raise ValidationError({"joint_system": _("Vælg det fælles driftssystem, der videreudvikles.")})
    if not (matter.pejlemaerke_id or matter.project_id or matter.joint_system_id):
        raise ValidationError(_("Vælg hvad sagen handler om: et pejlemærke, et projekt eller et fælles driftssystem."))
    if matter.joint_system_id:
        # Lock the system's budget rows so two matters cannot spend the same remainder.
        OperatingBudget.objects.select_for_update().filter(system_id=matter.joint_system_id, year=matter.year).first()
    route = matter_route(
        kind=matter.kind,
        amount=matter.amount,
        year=matter.year,
        joint_system=matter.joint_system,
        escalated_from=matter.escalated_from,
    )
    matter.route_body, matter.route_reason = route.body, route.reason
    matter.within_operating_budget = route.body == "SYS"
    matter.full_clean()
    matter.save()
    log_action(
        actor=actor,
        action="matter.create",
        obj=matter,
        data={"route": route.body, "reason": route.reason, "amount": str(matter.amount), "kind": matter.kind},
    )
    return matter


# ---------------------------------------------------------------- meetings (R28)


@transaction.atomic
def meeting_save(*, actor, meeting: Meeting | None = None, **fields) -> Meeting:
    require(actor, "governance.change_meeting" if meeting else "governance.add_meeting", meeting)
    meeting = meeting or Meeting()
    changes = {}
    for name, value in fields.items():
        if getattr(meeting, name, None) != value:
            changes[name] = str(value)
        setattr(meeting, name, value)
    meeting.full_clean()
    meeting.save()
    log_action(actor=actor, action="meeting.save", obj=meeting, data=changes)
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
        log_action(actor=actor, action="meeting.plan", obj=body, data={"year": year, "created": len(created)})
    return created


SENT_FIELDS = {"agenda": "agenda_sent_on", "decision_log": "decision_log_sent_on", "minutes": "minutes_sent_on"}


@transaction.atomic
def meeting_mark_sent(*, actor, meeting: Meeting, what: str, on: date) -> Meeting:
    """R28: record when the agenda, decision log or minutes went out."""
    require(actor, "governance.change_meeting", meeting)
    field = SENT_FIELDS[what]
    if what == "minutes" and not meeting.minutes.strip():
        raise ValidationError({"minutes": _("Skriv referatet, før det markeres som udsendt.")})
    setattr(meeting, field, on)
    meeting.full_clean()
    meeting.save(update_fields=[field])
    log_action(actor=actor, action=f"meeting.sent.{what}", obj=meeting, data={"on": on.isoformat()})
    return meeting


@transaction.atomic
def minutes_write(*, actor, meeting: Meeting, minutes: str) -> Meeting:
    require(actor, "governance.change_meeting", meeting)
    if meeting.minutes_approved_at_id:
        raise ValidationError({"minutes": _("Referatet er godkendt og kan ikke ændres.")})
    meeting.minutes = minutes.strip()
    meeting.full_clean()
    meeting.save(update_fields=["minutes"])
    log_action(actor=actor, action="meeting.minutes", obj=meeting)
    return meeting


@transaction.atomic
def minutes_approve(*, actor, meeting: Meeting, at: Meeting) -> Meeting:
    """R28: minutes are approved at the body's next meeting."""
    require(actor, "governance.change_meeting", meeting)
    if at.body_id != meeting.body_id or at.day <= meeting.day:
        raise ValidationError(_("Referatet godkendes på forummets næste møde."))
    if not meeting.minutes.strip():
        raise ValidationError(_("Mødet har intet referat at godkende."))
    meeting.minutes_approved_at = at
    meeting.save(update_fields=["minutes_approved_at"])
    log_action(actor=actor, action="meeting.minutes_approved", obj=meeting, data={"at": at.pk})
    return meeting


# ---------------------------------------------------------------- agenda (R29, R11)

STANDING_FIRST = [Standing.MINUTES, Standing.ORIENTERING]
STANDING_LAST = [Standing.NEXT_MEETING, Standing.EVENTUELT]
STANDING_TITLES = {
    Standing.MINUTES: "Godkendelse af referat fra sidste møde",
    Standing.ORIENTERING: "Orienteringer",
    Standing.NEXT_MEETING: "Næste møde",
    Standing.EVENTUELT: "Eventuelt",
}

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


def _renumber(meeting: Meeting, ordered: list[AgendaItem]) -> None:
    """Give the items 1..n in the given order without ever breaking the unique (meeting, number)."""
    offset = (AgendaItem.objects.filter(meeting=meeting).aggregate(m=Max("number"))["m"] or 0) + len(ordered) + 1
    for position, item in enumerate(ordered):
        AgendaItem.objects.filter(pk=item.pk).update(number=offset + position)
    for position, item in enumerate(ordered, start=1):
        AgendaItem.objects.filter(pk=item.pk).update(number=position)
        item.number = position


def _ordered_with_standing(meeting: Meeting) -> list[AgendaItem]:
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("number"))
    first = sorted((i for i in items if i.standing in STANDING_FIRST), key=lambda i: STANDING_FIRST.index(i.standing))
    last = sorted((i for i in items if i.standing in STANDING_LAST), key=lambda i: STANDING_LAST.index(i.standing))
    middle = [i for i in items if i.standing not in STANDING_FIRST + STANDING_LAST]
    return first + middle + last


def _r11_texts(candidate, presenter) -> dict:
    """R11: the item pre-filled with the roll-up, the why line and each region's status text."""
    pejlemaerke = candidate.pejlemaerke
    colour = getattr(candidate, "colour", "")
    colour_label = {"red": "Rød", "yellow": "Gul", "green": "Grøn", "done": "Gennemført"}.get(colour, colour or "–")
    lines = [f"Samlet status: {colour_label}.", getattr(candidate, "why", "") or ""]
    for report in getattr(candidate, "region_reports", []) or []:
        region = getattr(report, "region", None)
        code = getattr(region, "name", "") if region else ""
        text = ""
        for name in ("overall", "status_text", "text"):
            if getattr(report, name, ""):
                text = getattr(report, name)
                break
        report_colour = getattr(report, "get_colour_display", lambda: "")()
        lines.append(f"{code}: {report_colour}. {text}".strip())
    presenter_line = (
        f"{presenter.get_full_name()} (it-direktør, {pejlemaerke.leading_region.name}) fremlægger status og "
        "korrigerende handlinger."
        if presenter
        else f"It-direktøren i {pejlemaerke.leading_region.name} fremlægger status og korrigerende handlinger."
    )
    return {
        "title": f"{pejlemaerke.name}: status {colour_label.lower()} – korrigerende handlinger",
        "resume": f"{getattr(candidate, 'reason', '') or ''} {presenter_line}".strip(),
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
    number = (AgendaItem.objects.filter(meeting=meeting).aggregate(m=Max("number"))["m"] or 0) + 1
    item = AgendaItem(
        meeting=meeting, number=number, pejlemaerke=pejlemaerke, presenter=presenter, **_r11_texts(candidate, presenter)
    )
    item.full_clean()
    item.save()
    _renumber(meeting, _ordered_with_standing(meeting))
    item.refresh_from_db()
    log_action(actor=actor, action="agenda.add_pejlemaerke", obj=item, data={"pejlemaerke": pejlemaerke.pk})
    return item


@transaction.atomic
def agenda_draft(*, actor, meeting: Meeting, month: date | None = None) -> list[AgendaItem]:
    """Add the standing items and, for RSI DK, an item per R11 candidate of the latest month."""
    require(actor, "governance.add_agendaitem")
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    created = []
    have = set(AgendaItem.objects.filter(meeting=meeting).exclude(standing="").values_list("standing", flat=True))
    number = AgendaItem.objects.filter(meeting=meeting).aggregate(m=Max("number"))["m"] or 0
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
    log_action(actor=actor, action="agenda.draft", obj=meeting, data={"created": len(created)})
    return created


@transaction.atomic
def agenda_item_save(*, actor, meeting: Meeting, item: AgendaItem | None = None, **fields) -> AgendaItem:
    require(actor, "governance.change_agendaitem" if item else "governance.add_agendaitem", item)
    unknown = set(fields) - set(ITEM_FIELDS) - {"beslutning"}
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if item is None:
        number = (AgendaItem.objects.filter(meeting=meeting).aggregate(m=Max("number"))["m"] or 0) + 1
        item = AgendaItem(meeting=meeting, number=number)
    before = {name: str(getattr(item, name, "")) for name in fields}
    for name, value in fields.items():
        setattr(item, name, value)
    item.full_clean()
    item.save()
    if len(before) and item.standing == "":
        _renumber(meeting, _ordered_with_standing(meeting))
        item.refresh_from_db()
    changes = {k: [before[k], str(v)] for k, v in fields.items() if before[k] != str(v)}
    log_action(actor=actor, action="agenda.item_save", obj=item, data={"changed": sorted(changes)})
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
        log_action(actor=actor, action="agenda.item_move", obj=item, data={"direction": direction})
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
    item.beslutning = text.strip() + (f"\nBetingelser: {conditions.strip()}" if conditions.strip() else "")
    item.full_clean()
    item.save(update_fields=["beslutning", "updated_at"])
    decision = decision_record(
        actor=actor,
        subject=item.matter or item.pejlemaerke or item,
        body=item.meeting.body,
        outcome=outcome,
        text=text,
        conditions=conditions,
        decided_on=decided_on,
        meeting=item.meeting,
    )
    if item.standing == Standing.MINUTES and outcome == Outcome.APPROVED:
        previous = selectors.previous_meeting(item.meeting)
        if previous is not None and previous.minutes.strip() and previous.minutes_approved_at_id is None:
            minutes_approve(actor=actor, meeting=previous, at=item.meeting)  # R28: approved at the next meeting
    return decision


@transaction.atomic
def attachment_add(*, actor, item: AgendaItem, title: str, upload) -> Attachment:
    """A numbered Bilag; only known office/PDF/image types up to 20 MB."""
    require(actor, "governance.change_agendaitem", item)
    name = upload.name or ""
    extension = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if extension not in ALLOWED_ATTACHMENT_TYPES:
        raise ValidationError(
            {"upload": _("Filtypen er ikke tilladt. Brug PDF, Word, Excel, PowerPoint, PNG, JPEG eller tekst.")}
        )
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"upload": _("Filen er for stor. Bilag må højst fylde 20 MB.")})
    content = upload.read()
    if extension == ".pdf" and not content.startswith(b"%PDF"):
        raise ValidationError({"upload": _("Filen er ikke en gyldig PDF.")})
    upload.seek(0)
    number = (Attachment.objects.filter(item=item).aggregate(m=Max("number"))["m"] or 0) + 1
    attachment = Attachment(
        item=item,
        number=number,
        title=(title or "").strip() or name,
        file=upload,
        content_type=ALLOWED_ATTACHMENT_TYPES.get(extension) or mimetypes.guess_type(name)[0] or "",
        size=upload.size,
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=actor,
    )
    attachment.full_clean()
    attachment.save()
    log_action(actor=actor, action="agenda.attachment_add", obj=item, data={"bilag": number, "name": name})
    return attachment


# ---------------------------------------------------------------- agenda packs (R30)


@transaction.atomic
def agenda_pack_request(*, actor, meeting: Meeting, members_view: bool) -> AgendaPack:
    """Find the stored pack for this exact content, or create one and enqueue its rendering on commit."""
    require(actor, "governance.view_meeting", meeting)
    if members_view and not selectors.is_member(actor, meeting.body):
        raise ValidationError(_("Kun forummets medlemmer og sekretariatet kan hente pakken med lukkede punkter."))
    from .pdf import pack_content_hash

    content_hash = pack_content_hash(meeting, members_view=members_view)
    pack, created = AgendaPack.objects.get_or_create(
        content_hash=content_hash,
        defaults={
            "meeting": meeting,
            "audience": "members" if members_view else "others",
            "requested_by": actor if getattr(actor, "is_authenticated", False) else None,
        },
    )
    if not created and pack.status == PackStatus.FAILED:
        pack.status, pack.progress, pack.error = PackStatus.PENDING, 0, ""
        pack.save(update_fields=["status", "progress", "error"])
        created = True
    if created:
        from .tasks import render_agenda_pack

        transaction.on_commit(lambda: render_agenda_pack.delay(pack.pk))
        log_action(actor=actor, action="agenda_pack.request", obj=meeting, data={"audience": pack.audience})
    return pack

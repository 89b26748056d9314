"""Demo data for governance: joint systems, routed matters, RSI DK's meeting plan, a past meeting with
minutes and decisions, and the next meeting with its drafted agenda (R11 red item included).

Idempotent: everything is found by natural key and created only when missing.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from weasyprint import HTML

from portfolio.models import Body, BodyKind, Pejlemaerke, Region

from . import demo_escalations, demo_quarterly, services
from .models import Access, AgendaItem, Attachment, JointSystem, Matter, Meeting, Outcome, PackVersion
from .rules import Kind

SYSTEMS = [
    ("FMK-integrationen (Fælles Medicinkort)", "RH", "Lise Fælles-Andersen", Decimal("4200000.00")),
    ("Regionernes telemedicinske infrastruktur (FUT-drift)", "RM", "Martin Telemark", Decimal("6800000.00")),
    ("Fælles tandplejesystem", "RSD", "Hanne Tandrup", Decimal("1900000.00")),
]
USER_GROUPS = {
    "RH": [("Brugergruppen for medicinering", "Læger, sygeplejersker og farmaceuter fra alle fem regioner")],
    "RM": [
        ("Brugergruppen for telemedicin", "Klinikere fra KOL-, hjertesvigt- og graviditetsforløb"),
        ("Patientpanelet for hjemmemonitorering", "Patienter og pårørende, der bruger løsningen hjemme"),
    ],
    "RSD": [("Brugergruppen for tandpleje", "Tandlæger og klinikassistenter fra den regionale tandpleje")],
}


def _pdf(label: str, pages: int) -> bytes:
    body = "".join(
        f'<h1>{label}</h1><p style="break-after: {"page" if n < pages else "auto"}">'
        f"Side {n} af bilaget. Notat udarbejdet af RSI-sekretariatet.</p>"
        for n in range(1, pages + 1)
    )
    return HTML(string=f"<html lang='da'><body>{body}</body></html>").write_pdf()


def _item(actor, meeting, title, **fields) -> AgendaItem:
    existing = AgendaItem.objects.filter(meeting=meeting, title=title).first()
    return existing or services.agenda_item_save(actor=actor, meeting=meeting, title=title, **fields)


def load(stdout) -> None:
    actor = get_user_model().objects.get(username="sekretariat")
    today = date.today()
    year = today.year
    regions = {r.code: r for r in Region.objects.all()}

    systems = {}
    for name, region, fsa, budget in SYSTEMS:
        system = JointSystem.objects.filter(name=name).first() or services.joint_system_save(
            actor=actor, name=name, fsa=fsa
        )
        if system.responsible_region_id is None:  # R33: SYS recommends, RSI DK decides
            matter = services.system_responsibility_recommend(
                actor=actor,
                system=system,
                region=regions[region],
                reason="Regionen drifter allerede løsningen og har forretningssystemadministratoren.",
                year=year - 1,
            )
            services.matter_decision_record(
                actor=actor,
                matter=matter,
                outcome=Outcome.APPROVED,
                text="RSI DK godkendte SYS' indstilling af den systemansvarlige region.",
                decided_on=date(year - 1, 12, 1),
            )
        for group, represents in USER_GROUPS[region]:
            if not system.user_groups.filter(name=group).exists():
                services.user_group_add(actor=actor, system=system, name=group, description=represents)
        if not system.budgets.filter(year=year).exists():
            services.operating_budget_set(actor=actor, system=system, year=year, amount=budget)
        systems[region] = system

    luna = Pejlemaerke.objects.filter(short_name="LUNA").first()
    fut = Pejlemaerke.objects.filter(short_name="FUT").first()
    matters = [
        (
            "Ekstra testmiljø til FMK-integrationen",
            Kind.SYSTEM_DEVELOPMENT,
            "350000.00",
            {"joint_system": systems["RH"]},
        ),
        ("Forlængelse af LUNA-implementeringsstøtte", Kind.ECONOMY, "850000.00", {"pejlemaerke": luna}),
        ("Udvidelse af FUT-kontrakten med nye målinger", Kind.ECONOMY, "2400000.00", {"pejlemaerke": fut}),
        ("Bemanding af styregruppen for LUNA", Kind.STAFFING, "0.00", {"pejlemaerke": luna}),
    ]
    for title, kind, amount, subject in matters:
        if not Matter.objects.filter(title=title).exists() and all(subject.values()):
            services.matter_create(actor=actor, title=title, kind=kind, amount=Decimal(amount), year=year, **subject)

    rsi_dk = Body.objects.get(kind=BodyKind.RSI_DK)
    for plan_year in (year, year + 1):
        services.meeting_plan_generate(actor=actor, body=rsi_dk, year=plan_year)
    past = Meeting.objects.filter(body=rsi_dk, day__lt=today).order_by("-day").first()
    if past is None:
        services.meeting_plan_generate(actor=actor, body=rsi_dk, year=year - 1)
        past = Meeting.objects.filter(body=rsi_dk, day__lt=today).order_by("-day").first()
    upcoming = Meeting.objects.filter(body=rsi_dk, day__gte=today).order_by("day").first()
    for meeting in (past, upcoming):
        if meeting.is_suggestion:
            services.meeting_save(actor=actor, meeting=meeting, is_suggestion=False)

    # The past meeting: agenda, decisions, decision log and minutes, all in time (R28).
    if not past.items.exists():
        services.agenda_draft(actor=actor, meeting=past, month=None)
        item = _item(
            actor,
            past,
            "Udvidelse af FUT-kontrakten med nye målinger",
            access=Access.PUBLIC,
            case_handler="Sara Sekretær",
            case_number="RSI-2026-118",
            resume="Styregruppen for FUT ønsker kontrakten udvidet med tre nye målinger.",
            indstilling="at RSI DK godkender udvidelsen\nat udgiften finansieres af FUT-budgettets reserve",
            sagsfremstilling="Udvidelsen dækker KOL, hjertesvigt og graviditetskomplikationer.",
            oekonomi="2,4 mio. kr. over kontraktperioden, finansieret af reserven.",
            matter=Matter.objects.filter(title="Udvidelse af FUT-kontrakten med nye målinger").first(),
        )
        # R28: the agenda is sent out by publishing it, a week before the meeting (before the decisions).
        services.agenda_pack_publish(actor=actor, meeting=past, today=past.day - timedelta(days=8))
        services.agenda_item_decide(
            actor=actor,
            item=item,
            outcome=Outcome.APPROVED,
            text="RSI DK godkendte udvidelsen.",
            conditions="Gevinstopfølgning forelægges RSI DK om et år.",
            decided_on=past.day,
        )
        minutes_item = past.items.filter(standing="minutes").first()
        if minutes_item:
            services.agenda_item_decide(
                actor=actor,
                item=minutes_item,
                outcome=Outcome.APPROVED,
                text="Referatet blev godkendt uden bemærkninger.",
                decided_on=past.day,
            )
    if not past.minutes:
        services.minutes_write(
            actor=actor,
            meeting=past,
            minutes=(
                "Til stede: alle medlemmer.\n"
                "Punkt 1: Referatet fra sidste møde blev godkendt.\n"
                "Punkt 3: RSI DK godkendte udvidelsen af FUT-kontrakten på betingelse af gevinstopfølgning."
            ),
        )
        services.meeting_mark_sent(actor=actor, meeting=past, what="minutes", on=past.day + timedelta(days=6))
    # R28: the decision log is sent out by publishing it, within the week after the meeting.
    if past.decision_log_sent_on is None:
        services.decision_log_publish(actor=actor, meeting=past, today=past.day + timedelta(days=2))

    # The next meeting: the drafted agenda with the R11 items, a closed and a confidential item.
    if not upcoming.items.exists():
        services.agenda_draft(actor=actor, meeting=upcoming)
        budget = _item(
            actor,
            upcoming,
            "Budgetopfølgning for porteføljen",
            case_handler="Sara Sekretær",
            case_number="RSI-2026-131",
            resume="Sekretariatet forelægger den halvårlige budgetopfølgning for de fællesregionale pejlemærker.",
            indstilling="at RSI DK tager budgetopfølgningen til efterretning\n"
            "at sekretariatet følger op på LABREK's merforbrug til næste møde",
            sagsfremstilling="Porteføljen holder samlet budgettet; LABREK har et merforbrug på 4 %.",
            kommunikation="Budgetopfølgningen lægges på RSI's side efter mødet.",
        )
        if not budget.attachments.exists():
            services.attachment_add(
                actor=actor,
                item=budget,
                title="Budgetopfølgning, notat",
                upload=ContentFile(_pdf("Budgetopfølgning", 2), name="budgetopfoelgning.pdf"),
            )
        _item(
            actor,
            upcoming,
            "Forhandling med leverandøren af laboratoriesystemet",
            access=Access.CLOSED,
            case_handler="Sara Sekretær",
            resume="Status på forhandlingen om tillægsaftale. Punktet er lukket af hensyn til forhandlingen.",
            indstilling="at RSI DK giver mandat til forhandlingen",
        )
        _item(
            actor,
            upcoming,
            "Personalesag i sekretariatet",
            access=Access.CONFIDENTIAL,
            case_handler="Sara Sekretær",
            resume="Fortroligt punkt.",
            indstilling="at RSI DK drøfter sagen",
        )
        services.agenda_draft(actor=actor, meeting=upcoming)  # re-sorts the standing items last
    # R30: the next meeting's pack is sent out, so its members open it from their home page.
    if not PackVersion.objects.filter(meeting=upcoming).exists():
        services.agenda_pack_publish(actor=actor, meeting=upcoming)
    stdout.write(demo_quarterly.load(actor, today))  # R37
    stdout.write(demo_escalations.load(actor, today))  # R25
    stdout.write(
        f"Styring: {JointSystem.objects.count()} driftssystemer, {Matter.objects.count()} indstillinger, "
        f"{Meeting.objects.count()} møder, {AgendaItem.objects.count()} dagsordenspunkter, "
        f"{Attachment.objects.count()} bilag."
    )

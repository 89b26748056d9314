"""The pipeline's demo (R34, R40): ideas at every stage, two strategy goals, the February and September
strategy seminars (last February's with its decisions) and a regional acquisition notice. Idempotent."""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model

from governance import services as governance_services
from governance.models import Meeting
from portfolio.models import (
    AcquisitionNotice,
    Body,
    BodyKind,
    IdeaSource,
    Kommissorium,
    Pejlemaerke,
    Region,
    SeminarItem,
    StrategyGoal,
)
from portfolio.pipeline import seminar, services
from portfolio.rules import Lifecycle, PejlemaerkeType
from projects.demo_gates import prepare_lifecycle_documents

# (title, stage reached, source, regions, cost, proposer)
IDEAS = [
    ("Fælles talegenkendelse i journalen", "draft", IdeaSource.CLINICIANS, ["RSJ", "RH"], "4500000.00", "kontakt"),
    (
        "AI-understøttet visitation i akutmodtagelsen",
        "submitted",
        IdeaSource.CLINICIANS,
        ["RM", "RN"],
        "12000000.00",
        "kontakt",
    ),
    (
        "Fælles booking af ambulante tider",
        "qualified",
        IdeaSource.BUSINESS,
        ["RH", "RSJ", "RSD", "RM", "RN"],
        "18000000.00",
        "projektleder",
    ),
    (
        "Digital genoptræningsplan på tværs af sektorer",
        "ranked",
        IdeaSource.HEALTH_AGREEMENTS,
        ["RSD", "RM"],
        "7500000.00",
        "kontakt",
    ),
    (
        "Fælles platform for patientrapporterede oplysninger",
        "pipeline",
        IdeaSource.OA,
        ["RH", "RSJ", "RSD", "RM", "RN"],
        "25000000.00",
        "projektleder",
    ),
    (
        "Fælles medicinmodul til hjemmebehandling",
        "projektgrundlag",
        IdeaSource.CROSS_PUBLIC,
        ["RH", "RM"],
        "9000000.00",
        "kontakt",
    ),
    ("Robotteknologi i sterilcentralerne", "parked", IdeaSource.BUSINESS, ["RN"], "3000000.00", "kontakt"),
    ("Fælles intranet for regionerne", "rejected", IdeaSource.BUSINESS, ["RH", "RSJ"], "6000000.00", "projektleder"),
]
ORDER = ["draft", "submitted", "qualified", "ranked", "pipeline", "projektgrundlag", "parked", "rejected"]
DECISIONS = {
    "pipeline": ("pipeline", "high", "Stor gevinst for alle fem regioner; indgår i økonomiaftalen."),
    "projektgrundlag": ("pipeline", "medium", "Modent kommissorium med klar gevinst i hjemmebehandlingen."),
    "parked": ("parked", "", "Afventer erfaringer fra Region Nordjyllands eget forsøg."),
    "rejected": ("rejected", "", "Regionerne har allerede egne intranetløsninger; ingen fællesregional gevinst."),
}
GOALS = [
    (
        "Sammenhængende forløb for patienten",
        "Patienten oplever ét sundhedsvæsen på tværs af regioner, kommuner og almen praksis.",
        ["Hjemmemonitorering", "FUT", "LUNA"],
    ),
    (
        "Sikker og effektiv drift af fælles it",
        "Fælles løsninger driftes sikkert og effektivt, og data beskyttes.",
        ["Informationssikkerhed", "Pseudonymisering", "SMR2"],
    ),
]


def _seminars(actor) -> tuple[Meeting | None, Meeting | None]:
    """Mark RSI DK's February and September meetings as strategy seminars; return last and next February's."""
    rsi_dk = Body.objects.get(kind=BodyKind.RSI_DK)
    for meeting in Meeting.objects.filter(body=rsi_dk, day__month__in=(2, 9), is_seminar=False):
        governance_services.meeting_save(actor=actor, meeting=meeting, is_seminar=True, is_suggestion=False)
    today = date.today()
    februaries = Meeting.objects.filter(body=rsi_dk, is_seminar=True, day__month=2)
    return februaries.filter(day__lt=today).order_by("-day").first(), februaries.filter(day__gte=today).first()


def _idea(title, reached, source, codes, cost, proposer, regions, users):
    k = services.kommissorium_save(
        actor=users[proposer],
        title=title,
        problem=f"{title}: i dag løser hver region opgaven for sig, med dobbeltarbejde og forskellig kvalitet.",
        benefits="Kortere ventetid for patienterne, mindre dobbeltregistrering og fælles indkøb.",
        rough_cost=Decimal(cost),
        timeframe="2–3 år",
        source=source,
        type=PejlemaerkeType.ANSKAFFELSE if reached == "projektgrundlag" else PejlemaerkeType.ANALYSE,
        leading_region=regions[codes[0]],
        oa_year=2026 if source == IdeaSource.OA else None,
        regions=[regions[c] for c in codes],
    )
    if ORDER.index(reached) >= 1:
        k = services.kommissorium_save(
            actor=users[proposer],
            kommissorium=k,
            submit=True,
            reason="Klar til PMO5",
            regions=[regions[c] for c in codes],
        )
    if ORDER.index(reached) >= 2:
        for code in codes[:2]:
            services.qualification_record(
                actor=users[f"pmo5-{code.lower()}"],
                kommissorium=k,
                region=regions[code],
                coherence=f"Passer med {regions[code].name}s egen portefølje.",
                synergy="Ingen overlap med eksisterende pejlemærker.",
                maturity="medium",
                recommendation="reject" if reached == "rejected" else "pipeline",
                reason="Idéen er moden nok til IT5's prioritering.",
            )
    return k


def load(stdout) -> None:
    User = get_user_model()
    sekretariat = User.objects.get(username="sekretariat")
    last_feb, next_feb = _seminars(sekretariat)
    regions = {r.code: r for r in Region.objects.all()}
    for title, description, shorts in GOALS:
        if not StrategyGoal.objects.filter(title=title).exists():
            services.strategy_goal_save(
                actor=sekretariat,
                title=title,
                description=description,
                period_start=2024,
                period_end=2027,
                pejlemaerker=list(Pejlemaerke.objects.filter(short_name__in=shorts)),
            )
    if Kommissorium.objects.exists() or last_feb is None:
        stdout.write(f"Pipeline: {Kommissorium.objects.count()} idéer, {StrategyGoal.objects.count()} strategiske mål.")
        return
    names = {"kontakt", "projektleder"} | {f"pmo5-{c.lower()}" for c in regions} | {f"it5-{c.lower()}" for c in regions}
    users = {u.username: u for u in User.objects.filter(username__in=names)}
    ideas = {reached: _idea(*row, regions, users) for row in IDEAS for reached in [row[1]]}
    it5 = users["it5-rm"]
    ranked = [r for r in ORDER if ORDER.index(r) >= 3]
    for position, reached in enumerate(ranked, start=1):
        services.pipeline_place(
            actor=it5,
            kommissorium=ideas[reached],
            position=position,
            priority="high" if position <= 2 else "medium",
            reason="IT5's prioritering før strategiseminaret.",
            target_seminar=next_feb if reached == "ranked" else last_feb,
        )
    seminar.seminar_agenda_draft(actor=sekretariat, meeting=last_feb)
    for item in SeminarItem.objects.filter(meeting_id=last_feb.pk).select_related("kommissorium"):
        reached = next(r for r, k in ideas.items() if k.pk == item.kommissorium_id)
        outcome, priority, reason = DECISIONS[reached]
        seminar.seminar_decide(actor=sekretariat, seminar_item=item, outcome=outcome, priority=priority, reason=reason)
    # The projektgrundlag is underway (approved, not yet moved); an older idea became FUT, in the portfolio.
    pejlemaerke = Kommissorium.objects.get(pk=ideas["projektgrundlag"].pk).pejlemaerke
    prepare_lifecycle_documents(actor=sekretariat, pejlemaerke=pejlemaerke, to_state=Lifecycle.PORTFOLIO)
    fut = Pejlemaerke.objects.filter(short_name="FUT", state=Lifecycle.PORTFOLIO).first()
    if fut is not None:
        old_idea = _idea(
            fut.name, "qualified", IdeaSource.CLINICIANS, ["RM", "RH"], "30000000.00", "projektleder", regions, users
        )
        services.kommissorium_link(
            actor=sekretariat,
            kommissorium=old_idea,
            pejlemaerke=fut,
            reason="Besluttet på strategiseminaret før portalen.",
        )
    if not AcquisitionNotice.objects.exists():
        services.notice_submit(
            actor=users["kontakt"],
            region=regions["RSJ"],
            title="Nyt system til hospitalsapoteket",
            description="Region Sjælland igangsætter en anskaffelse af et nyt apotekssystem og inviterer de "
            "øvrige regioner.",
            expected_start=date(date.today().year + 1, 3, 1),
            contact="Karl Kontakt, Region Sjælland",
        )
    stdout.write(f"Pipeline: {Kommissorium.objects.count()} idéer, {StrategyGoal.objects.count()} strategiske mål.")

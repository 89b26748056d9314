"""Demo data for the portfolio: regions, bodies with invented people, pejlemærker (public names).

Idempotent: objects are found by natural key and created only when missing; passwords are set
only when a demo user is first created.
"""

from datetime import date
from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from projects.demo_gates import prepare_lifecycle_documents
from projects.models import Project, RegionalProjectLeader
from projects.services import regional_leader_set
from rsi_portal.permissions import SEKRETARIAT_GROUP, ensure_role_groups, sync_object_permissions

from .. import services
from ..models import Body, BodyKind, BodyMembership, MemberRole, Participation, Pejlemaerke, Region, RegionContact
from ..rules import Lifecycle, ParticipationStatus, PejlemaerkeType

DEMO_PASSWORD = "demo"
DEMO_LOGINS = [
    ("sekretariat", "RSI-sekretariatet: ser og redigerer alt"),
    ("projektleder", "fællesregional projektleder for LUNA"),
    ("regional", "regional projektleder, Region Nordjylland, Hjemmemonitorering"),
    ("formand", "styregruppeformand for LUNA"),
    ("direktoer", "medlem af RSI DK (direktørkredsen)"),
    ("kontakt", "kontaktperson for Region Sjælland"),
]

REGIONS = [
    ("RH", "Region Hovedstaden"),
    ("RSJ", "Region Sjælland"),
    ("RSD", "Region Syddanmark"),
    ("RM", "Region Midtjylland"),
    ("RN", "Region Nordjylland"),
]

BODIES = [
    (BodyKind.RSI_DK, "RSI DK – RSI-direktørkredsen"),
    (BodyKind.IT5, "IT5 – regionernes it-direktører"),
    (BodyKind.SYS, "SYS – Styregruppen for systemforvaltning"),
    (BodyKind.RITA, "RITA – Regionernes IT-arkitekturråd"),
    (BodyKind.PMO5, "PMO5 – regionernes porteføljeledere"),
    (BodyKind.IT_RAADET, "Regionernes It-råd"),
]

FIRST = [
    "Anne",
    "Bo",
    "Camilla",
    "Dorthe",
    "Erik",
    "Frederik",
    "Gitte",
    "Hans",
    "Ida",
    "Jens",
    "Karen",
    "Lars",
    "Mette",
    "Niels",
    "Ole",
    "Pia",
    "Rasmus",
    "Signe",
    "Thomas",
    "Ulla",
    "Vibeke",
    "Anders",
    "Birgitte",
    "Christian",
    "Dorte",
    "Esben",
    "Freja",
    "Gustav",
    "Helle",
    "Jakob",
    "Kirsten",
    "Lone",
    "Morten",
]
LAST = [
    "Andersen",
    "Bech",
    "Christensen",
    "Dahl",
    "Eriksen",
    "Frost",
    "Gregersen",
    "Holm",
    "Iversen",
    "Jepsen",
    "Kjær",
    "Lund",
    "Mortensen",
    "Nygaard",
    "Overgaard",
    "Petersen",
    "Quist",
    "Riis",
    "Storm",
    "Thomsen",
    "Udsen",
    "Vestergaard",
    "Winther",
    "Bak",
    "Krogh",
    "Lauridsen",
    "Møller",
    "Nørgaard",
    "Skov",
    "Toft",
]

# (name, short name, type, final state, leading region, programme)
PEJLEMAERKER = [
    ("LUNA – administration af praksissektoren", "LUNA", PejlemaerkeType.ANSKAFFELSE, Lifecycle.PORTFOLIO, "RM", False),
    ("Klinisk Immunologi IT", "KI-IT", PejlemaerkeType.ANSKAFFELSE, Lifecycle.PORTFOLIO, "RSD", False),
    ("LABREK – laboratorierekvisition", "LABREK", PejlemaerkeType.ANSKAFFELSE, Lifecycle.PORTFOLIO, "RN", False),
    ("Det fællesregionale patologisystem", "Patologi", PejlemaerkeType.ANSKAFFELSE, Lifecycle.CLOSED, "RSD", False),
    ("SMR2", "SMR2", PejlemaerkeType.ANSKAFFELSE, Lifecycle.PORTFOLIO, "RM", False),
    ("FUT – fælles udbud af telemedicin", "FUT", PejlemaerkeType.ANSKAFFELSE, Lifecycle.PORTFOLIO, "RM", True),
    ("PPJ – præhospital patientjournal", "PPJ", PejlemaerkeType.ANSKAFFELSE, Lifecycle.PAUSED, "RM", False),
    ("Nyt RIS/PACS", "RIS/PACS", PejlemaerkeType.ANSKAFFELSE, Lifecycle.PORTFOLIO, "RH", False),
    ("MinSundhed v2", "MinSundhed", PejlemaerkeType.ANALYSE, Lifecycle.PIPELINE, "RH", False),
    ("SUBO", "SUBO", PejlemaerkeType.ANALYSE, Lifecycle.PIPELINE, "RSJ", False),  # then stopped (STOPPED)
    (
        "Pseudonymisering af oplysninger i journaler og logs",
        "Pseudonymisering",
        PejlemaerkeType.ANALYSE,
        Lifecycle.IDEA,
        "RSD",
        False,
    ),
    ("Digital hudkræft diagnostik", "Hudkræft", PejlemaerkeType.ANALYSE, Lifecycle.IDEA, "RSJ", False),
    (
        "Fælles mål for hjemmemonitorering",
        "Hjemmemonitorering",
        PejlemaerkeType.MONITORERING,
        Lifecycle.PORTFOLIO,
        "RN",
        False,
    ),
    (
        "Fælles mål for informationssikkerhed",
        "Informationssikkerhed",
        PejlemaerkeType.MONITORERING,
        Lifecycle.PORTFOLIO,
        "RH",
        False,
    ),
    (
        "Fælles mål for digital understøttelse af akutområdet",
        "Akutområdet",
        PejlemaerkeType.MONITORERING,
        Lifecycle.PORTFOLIO,
        "RSJ",
        False,
    ),
    (
        "Strategi for fælles sprogteknologi",
        "Sprogteknologi",
        PejlemaerkeType.ANALYSE,
        Lifecycle.PORTFOLIO,
        "RSD",
        False,
    ),
    (
        "Analyse af fælles datainfrastruktur",
        "Datainfrastruktur",
        PejlemaerkeType.ANALYSE,
        Lifecycle.CLOSED,
        "RN",
        False,
    ),
]

# The path each final state is reached by, so the demo has a real lifecycle history (R2).
PATHS = {
    Lifecycle.IDEA: [],
    Lifecycle.PIPELINE: [Lifecycle.PIPELINE],
    Lifecycle.PORTFOLIO: [Lifecycle.PIPELINE, Lifecycle.PORTFOLIO],
    Lifecycle.PAUSED: [Lifecycle.PIPELINE, Lifecycle.PORTFOLIO, Lifecycle.PAUSED],
    Lifecycle.CLOSED: [Lifecycle.PIPELINE, Lifecycle.PORTFOLIO, Lifecycle.CLOSED],
}
REASONS = {
    Lifecycle.PIPELINE: "Kvalificeret af PMO5 og optaget i pipelinen på strategiseminaret.",
    Lifecycle.PORTFOLIO: "Projektgrundlaget er godkendt af RSI DK.",
    Lifecycle.PAUSED: "RSI DK har sat pejlemærket på pause, til markedet er afklaret.",
    Lifecycle.CLOSED: "RSI DK har lukket pejlemærket.",
}

# R2: pejlemærker RSI DK stopped before completion: (decided on, RSI DK's decision, reason).
STOPPED = {
    "SUBO": (
        date(2025, 11, 20),
        "RSI DK-møde 20.11.2025, punkt 6",
        "Regionerne har valgt hver sin løsning, så en fælles analyse giver ikke længere gevinster.",
    ),
}

OPT_OUTS = [
    (
        "Hjemmemonitorering",
        "RH",
        ParticipationStatus.AFVENTER,
        "Region Hovedstaden afventer udrulningen af egen platform i 2027 og når de fælles mål inden for den "
        "aftalte tidsramme ved at tilslutte sig FUT-infrastrukturen i første kvartal 2027.",
    ),
    (
        "Hudkræft",
        "RSD",
        ParticipationStatus.AFSTAAR,
        "Region Syddanmark har allerede en teledermatologisk løsning i drift, som opfylder målet og gevinsterne.",
    ),
]


def _name_source():
    for last in LAST:
        for first in FIRST:
            yield first, last


@cache
def _demo_password_hash() -> str:
    # Hash once: the demo has ~100 users and each full hash costs ~0.3 s.
    return make_password(DEMO_PASSWORD)


def user(username: str, first: str, last: str, *, staff: bool = False):
    User = get_user_model()
    person, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": f"{username}@demo.regioner.dk", "is_staff": staff},
    )
    if created:
        person.password = _demo_password_hash()
        person.save(update_fields=["password"])
    return person


def load(stdout) -> None:
    ensure_role_groups()
    regions = {}
    for order, (code, name) in enumerate(REGIONS):
        regions[code], _ = Region.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})

    sekretariat = user("sekretariat", "Sara", "Sekretær", staff=True)
    sekretariat.groups.add(Group.objects.get(name=SEKRETARIAT_GROUP))
    names = _name_source()

    def member(body, username, *, role=MemberRole.MEMBER, region=None, organisation="", title=""):
        if BodyMembership.objects.filter(body=body, user__username=username).exists():
            return
        first, last = next(names) if username not in NAMED else NAMED[username]
        person = user(username, first, last)
        services.body_member_set(
            actor=sekretariat, body=body, user=person, role=role, region=region, organisation=organisation, title=title
        )

    bodies = {}
    for kind, name in BODIES:
        bodies[kind], _ = Body.objects.get_or_create(kind=kind, defaults={"name": name})

    for code, region in regions.items():
        slug = code.lower()
        member(
            bodies[BodyKind.RSI_DK],
            "direktoer" if code == "RM" else f"rsidk-{slug}-1",
            region=region,
            title="Koncerndirektør",
        )
        member(bodies[BodyKind.RSI_DK], f"rsidk-{slug}-2", region=region, title="It-direktør")
        member(bodies[BodyKind.IT5], f"it5-{slug}", region=region, title="It-direktør")
        member(bodies[BodyKind.SYS], f"sys-{slug}", region=region)
        member(bodies[BodyKind.RITA], f"rita-{slug}", region=region, title="Enterprisearkitekt")
        member(bodies[BodyKind.PMO5], f"pmo5-{slug}", region=region, title="Porteføljeleder")
    member(
        bodies[BodyKind.RSI_DK],
        "rsidk-dr-formand",
        role=MemberRole.CHAIR,
        organisation="Danske Regioner",
        title="Direktør",
    )
    member(bodies[BodyKind.RSI_DK], "rsidk-dr-2", organisation="Danske Regioner", title="Kontorchef")
    member(bodies[BodyKind.SYS], "sys-formand", role=MemberRole.CHAIR, organisation="Danske Regioner")
    for n in range(1, 4):
        member(
            bodies[BodyKind.IT_RAADET],
            f"itraad-{n}",
            role=MemberRole.CHAIR if n == 1 else MemberRole.MEMBER,
            organisation="Regionernes It-råd",
        )

    kontakt = user("kontakt", *NAMED["kontakt"])
    if not RegionContact.objects.filter(region=regions["RSJ"], user=kontakt).exists():
        services.region_contact_add(actor=sekretariat, region=regions["RSJ"], user=kontakt)

    projektleder = user("projektleder", *NAMED["projektleder"])
    for name, short, kind, final_state, lead, programme in PEJLEMAERKER:
        if Pejlemaerke.objects.filter(name=name).exists():
            continue
        leader = projektleder if short == "LUNA" else user(f"pl-{short.lower().replace('/', '')[:20]}", *next(names))
        pejlemaerke = services.pejlemaerke_create(
            actor=sekretariat,
            name=name,
            short_name=short,
            type=kind,
            is_programme=programme,
            leading_region=regions[lead],
            project_leader=leader,
            description=f"{name}: fællesregionalt pejlemærke i RSI's portefølje.",
        )
        for state in PATHS[final_state]:
            # R2: the approved projektgrundlag / afslutningsrapport each move needs (projects.demo_gates).
            prepare_lifecycle_documents(actor=sekretariat, pejlemaerke=pejlemaerke, to_state=state)
            services.pejlemaerke_transition(
                actor=sekretariat, pejlemaerke=pejlemaerke, to_state=state, reason=REASONS[state]
            )
        if short in STOPPED:
            decided_on, reference, reason = STOPPED[short]
            services.pejlemaerke_stop(
                actor=sekretariat,
                pejlemaerke=pejlemaerke,
                reason=reason,
                decided_on=decided_on,
                decision_reference=reference,
            )
        chair_username = "formand" if short == "LUNA" else f"sg-{short.lower().replace('/', '')[:20]}-formand"
        chair_name = NAMED.get(chair_username) or next(names)
        chair = user(chair_username, *chair_name)
        services.body_member_set(
            actor=sekretariat,
            body=pejlemaerke.steering_group,
            user=chair,
            role=MemberRole.CHAIR,
            region=regions[lead],
            title="Styregruppeformand",
        )
        for code, region in regions.items():
            if code != lead:
                services.body_member_set(
                    actor=sekretariat,
                    body=pejlemaerke.steering_group,
                    user=user(f"sg-{short.lower().replace('/', '')[:12]}-{code.lower()}", *next(names)),
                    region=region,
                )

    for short, code, status, explanation in OPT_OUTS:
        participation = Participation.objects.get(pejlemaerke__short_name=short, region__code=code)
        if participation.status != status:
            services.participation_set(
                actor=sekretariat,
                pejlemaerke=participation.pejlemaerke,
                region=regions[code],
                status=status,
                explanation=explanation,
            )

    # The regional project leader of Region Nordjylland's part of a monitoring pejlemærke.
    regional = user("regional", *NAMED["regional"])
    for short in ("Hjemmemonitorering", "Informationssikkerhed", "Akutområdet"):
        for project in Project.objects.filter(pejlemaerke__short_name=short).select_related("region"):
            username = (
                "regional"
                if (short == "Hjemmemonitorering" and project.region.code == "RN")
                else (f"rpl-{short.lower()[:10]}-{project.region.code.lower()}")
            )
            if not RegionalProjectLeader.objects.filter(project=project, region=project.region).exists():
                person = regional if username == "regional" else user(username, *next(names))
                regional_leader_set(actor=sekretariat, project=project, region=project.region, user=person)
    for person in (sekretariat, kontakt, regional, projektleder):
        sync_object_permissions(person)
    stdout.write(
        f"Portefølje: {Region.objects.count()} regioner, {Body.objects.count()} fora, "
        f"{Pejlemaerke.objects.count()} pejlemærker."
    )


NAMED = {
    "direktoer": ("Dorthe", "Direktør"),
    "projektleder": ("Peter", "Projektleder"),
    "formand": ("Frida", "Formand"),
    "kontakt": ("Karl", "Kontakt"),
    "regional": ("Rikke", "Regional"),
}

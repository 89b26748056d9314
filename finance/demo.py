"""Demo business cases, bloktilskudsnøgler and a drawn-down buffer, built through the real services.

Idempotent: a project that already has a business case and a year that already has a key are left
alone. Magnitudes follow RSI's reality: projects average about 35 mio. kr. over 2–3 years.
Approval dates of earlier versions are back-dated (demo only) so the budget overview (R22) has
both current and stale pejlemærker to show. A version above its joint frame (every first financing)
opens a matter for RSI DK or IT5 (R23); the demo records that body's approval two weeks later.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal as D

from django.contrib.auth import get_user_model
from django.utils import timezone

from governance import services as governance_services
from portfolio.models import Pejlemaerke, Region
from portfolio.rules import REGION_CODES

from . import services
from .models import BlockGrantKey, BusinessCase, BusinessCaseVersion, ChangeRequest

# Bloktilskudsnøgle for health (approximate public shares, rounded to 0.01 %).
KEYS = {
    2025: {"RH": D("31.62"), "RSJ": D("14.58"), "RSD": D("21.27"), "RM": D("22.61"), "RN": D("9.92")},
    2026: {"RH": D("31.70"), "RSJ": D("14.55"), "RSD": D("21.22"), "RM": D("22.63"), "RN": D("9.90")},
    2027: {"RH": D("31.78"), "RSJ": D("14.51"), "RSD": D("21.18"), "RM": D("22.66"), "RN": D("9.87")},
    2028: {"RH": D("31.85"), "RSJ": D("14.48"), "RSD": D("21.14"), "RM": D("22.69"), "RN": D("9.84")},
}
KEY_SOURCE = "Bloktilskudsnøgle for sundhed, økonomiaftalen (demo)"


def _staff(scope, year, description, aarsvaerk, region=None):
    return {
        "kind": "staff",
        "scope": scope,
        "region": region,
        "year": year,
        "description": description,
        "aarsvaerk": D(aarsvaerk),
    }


def _external(year, description, hours, rate):
    return {
        "kind": "external",
        "scope": "joint",
        "year": year,
        "description": description,
        "hours": D(hours),
        "hourly_rate": D(rate),
    }


def _other(scope, year, description, amount, region=None, kind="other"):
    return {
        "kind": kind,
        "scope": scope,
        "region": region,
        "year": year,
        "description": description,
        "amount": D(amount),
    }


def _acquisition_lines(years, *, pm_aarsvaerk, consultant_hours, rate, purchase, regional_aarsvaerk, drift):
    lines = []
    for i, year in enumerate(years):
        lines.append(_staff("joint", year, "Fællesregional projektledelse, arkitekt og jurist", pm_aarsvaerk))
        lines.append(_external(year, "Ekstern udbudsrådgivning", consultant_hours[i], rate))
        if purchase[i]:
            lines.append(_other("joint", year, "Anskaffelse og udvikling af centrale komponenter", purchase[i]))
        for code in REGION_CODES:
            lines.append(_staff("regional", year, "Regional implementering og styregruppe", regional_aarsvaerk, code))
    lines.append(_other("joint", years[-1] + 1, "Drift og vedligehold af den fælles løsning", drift, kind="operating"))
    return lines


# short name -> spec. approvals: list of (approval date or None for a pending draft, change reason)
CASES = {
    "LUNA": {
        "start": date(2026, 1, 1),
        "end": date(2028, 12, 31),
        "scope": "Fællesregional anskaffelse og implementering af LUNA til administration af praksissektoren: "
        "ydernummerregister, afregning og overenskomststyring i alle fem regioner.",
        "lines": _acquisition_lines(
            [2026, 2027, 2028],
            pm_aarsvaerk="3",
            consultant_hours=["1200", "800", "400"],
            rate="1150",
            purchase=["6500000", "9500000", "4000000"],
            regional_aarsvaerk="1.5",
            drift="3200000",
        ),
        "buffer": D("4000000.00"),
        "versions": [
            (date(2025, 9, 18), ""),
            (date(2026, 3, 12), "Udbuddet blev forsinket et kvartal; indkøb flyttet fra 2026 til 2027."),
            (None, "Integration til Sundhedsdatanettet tilføjet efter ændringsanmodning."),
        ],
        "changes": [
            (
                date(2026, 4, 20),
                "Ekstra integration til Sundhedsdatanettet",
                "Integrationen var ikke forudset i udbudsmaterialet.",
                D("1200000.00"),
                2026,
                True,
            ),
            (None, "Forlænget testperiode", "Leverandørens testmiljø blev forsinket.", D("450000.00"), 2026, None),
        ],
    },
    "KI-IT": {
        "start": date(2025, 7, 1),
        "end": date(2027, 6, 30),
        "scope": "Fælles it-understøttelse af klinisk immunologi (blodbank) i de fem regioner.",
        "lines": _acquisition_lines(
            [2025, 2026, 2027],
            pm_aarsvaerk="1",
            consultant_hours=["300", "200", "100"],
            rate="1050",
            purchase=["1200000", "2100000", "0"],
            regional_aarsvaerk="0.25",
            drift="900000",
        ),
        "buffer": D("500000.00"),
        "versions": [(date(2025, 5, 28), "")],
    },
    "LABREK": {
        "start": date(2026, 1, 1),
        "end": date(2028, 6, 30),
        "scope": "Fælles laboratorierekvisition for almen praksis og sygehuse.",
        "lines": _acquisition_lines(
            [2026, 2027, 2028],
            pm_aarsvaerk="2.5",
            consultant_hours=["1000", "900", "300"],
            rate="1200",
            purchase=["7000000", "8000000", "3000000"],
            regional_aarsvaerk="1",
            drift="2600000",
        ),
        "buffer": D("3000000.00"),
        "versions": [(date(2026, 2, 5), "")],
    },
    "SMR2": {
        "start": date(2026, 1, 1),
        "end": date(2028, 12, 31),
        "scope": "Anden generation af den fælles medicinering: SMR2 med integration til FMK.",
        "lines": _acquisition_lines(
            [2026, 2027, 2028],
            pm_aarsvaerk="4",
            consultant_hours=["2000", "1500", "800"],
            rate="1250",
            purchase=["9000000", "11000000", "6000000"],
            regional_aarsvaerk="1.5",
            drift="4500000",
        ),
        "buffer": D("5000000.00"),
        "versions": [(date(2026, 1, 22), "")],
        "split": (
            {"RH": D("20"), "RSJ": D("20"), "RSD": D("20"), "RM": D("20"), "RN": D("20")},
            "Styregruppemødet 22. januar 2026: lige fordeling, da alle regioner får samme løsning.",
        ),
    },
    "FUT": {
        "start": date(2025, 1, 1),
        "end": date(2027, 12, 31),
        "scope": "Fælles udbud af telemedicinsk infrastruktur (program).",
        "lines": _acquisition_lines(
            [2025, 2026, 2027],
            pm_aarsvaerk="5",
            consultant_hours=["2500", "2000", "1000"],
            rate="1300",
            purchase=["10000000", "14000000", "8000000"],
            regional_aarsvaerk="2",
            drift="6000000",
        ),
        "buffer": D("6000000.00"),
        "versions": [(date(2024, 11, 14), ""), (date(2026, 5, 7), "Programmet udvidet med hjemmemonitorering af KOL.")],
    },
    "RIS/PACS": {
        "start": date(2027, 1, 1),
        "end": date(2029, 6, 30),
        "scope": "Analyse og fælles udbud af nyt RIS/PACS.",
        "lines": _acquisition_lines(
            [2027, 2028, 2029],
            pm_aarsvaerk="2",
            consultant_hours=["1500", "1000", "500"],
            rate="1200",
            purchase=["3000000", "9000000", "6000000"],
            regional_aarsvaerk="0.5",
            drift="3000000",
        ),
        "buffer": D("2500000.00"),
        "versions": [(None, "")],
    },
    "Sprogteknologi": {
        "start": date(2026, 3, 1),
        "end": date(2027, 8, 31),
        "scope": "Strategi og proof of concept for fælles sprogteknologi (tale til tekst).",
        "lines": [
            _staff("joint", 2026, "Analyseleder og arkitekt", "1.5"),
            _staff("joint", 2027, "Analyseleder og arkitekt", "1"),
            _external(2026, "Markedsdialog og juridisk rådgivning", "400", "1100"),
            _other("joint", 2027, "Proof of concept", "900000"),
            *[_staff("regional", 2026, "Klinisk deltagelse i analysen", "0.1", code) for code in REGION_CODES],
        ],
        "buffer": D("300000.00"),
        "versions": [(date(2026, 2, 19), "")],
    },
}


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(14, 0)))


def _body_approves(version, approved_on: date, sekretariat) -> None:
    """R23: the body the version's frame matter went to approves it at its next meeting (demo: two weeks on)."""
    if version.frame_matter is None:
        return
    governance_services.matter_decision_record(
        actor=sekretariat,
        matter=version.frame_matter,
        outcome="approved",
        text="Godkendt som indstillet.",
        decided_on=approved_on + timedelta(days=14),
    )


def _build_case(project, spec: dict, leader, chair, sekretariat) -> None:
    regions = {r.code: r for r in Region.objects.all()}
    version = services.business_case_create(
        actor=leader, project=project, start_date=spec["start"], end_date=spec["end"], scope=spec["scope"]
    )
    for n, (approved_on, reason) in enumerate(spec["versions"]):
        if n > 0:
            version = services.version_new(actor=leader, business_case=version.business_case, change_reason=reason)
        if n == 0:
            for line in spec["lines"]:
                data = dict(line)
                code = data.pop("region", None)
                services.line_add(actor=leader, version=version, region=regions[code] if code else None, **data)
            version.refresh_from_db()
            services.version_update(
                actor=leader,
                version=version,
                start_date=spec["start"],
                end_date=spec["end"],
                scope=spec["scope"],
                buffer=spec["buffer"],
            )
        elif n == 1:
            # A later version moves a year's purchase a year on (time and money change).
            moved = version.lines.filter(kind="other", scope="joint").order_by("year").first()
            if moved is not None:
                services.line_add(
                    actor=leader,
                    version=version,
                    kind="other",
                    scope="joint",
                    year=moved.year + 1,
                    description=moved.description,
                    amount=moved.amount,
                )
                services.line_delete(actor=leader, line=moved)
            version.refresh_from_db()
            services.version_update(
                actor=leader,
                version=version,
                start_date=version.start_date,
                end_date=date(version.end_date.year, 12, 31),
                scope=version.scope,
                buffer=version.buffer,
                change_reason=reason,
            )
        else:
            services.line_add(
                actor=leader,
                version=version,
                kind="other",
                scope="joint",
                year=2027,
                description="Integration til Sundhedsdatanettet",
                amount=D("1200000"),
            )
        if approved_on is not None:
            version = services.version_approve(actor=chair, version=version, note="Godkendt på styregruppemødet.")
            _body_approves(version, approved_on, sekretariat)
            BusinessCaseVersion.objects.filter(pk=version.pk).update(
                decided_at=_aware(approved_on), created_at=_aware(approved_on - timedelta(days=21))
            )
    case = version.business_case
    for filed_on, title, description, amount, year, approve in spec.get("changes", []):
        request = services.change_request_file(
            actor=leader, business_case=case, title=title, description=description, amount=amount, year=year
        )
        if approve is not None:
            services.change_request_decide(
                actor=chair, change_request=request, approve=approve, note="Godkendt af styregruppen."
            )
            ChangeRequest.objects.filter(pk=request.pk).update(filed_at=_aware(filed_on), decided_at=_aware(filed_on))
    if "split" in spec:
        shares, reason = spec["split"]
        services.agreed_split_set(actor=chair, business_case=case, shares=shares, reason=reason)


def load(stdout) -> None:
    User = get_user_model()
    sekretariat = User.objects.get(username="sekretariat")
    for year, shares in KEYS.items():
        if not BlockGrantKey.objects.filter(year=year).exists():
            services.block_grant_key_set(actor=sekretariat, year=year, shares=shares, source=KEY_SOURCE)
    built = 0
    for short, spec in CASES.items():
        pejlemaerke = Pejlemaerke.objects.filter(short_name=short).select_related("project_leader").first()
        if pejlemaerke is None:
            continue
        project = pejlemaerke.projects.filter(region__isnull=True).first()
        if project is None or BusinessCase.objects.filter(project=project).exists():
            continue
        leader = project.leader or pejlemaerke.project_leader or sekretariat
        chair = pejlemaerke.chair or sekretariat
        _build_case(project, spec, leader, chair, sekretariat)
        built += 1
    # One regional project under a monitoring pejlemærke: regional costs only.
    monitoring = Pejlemaerke.objects.filter(short_name="Hjemmemonitorering").first()
    rn = monitoring.projects.filter(region__code="RN").first() if monitoring else None
    if rn is not None and not BusinessCase.objects.filter(project=rn).exists():
        chair = rn.pejlemaerke.chair or sekretariat
        spec = {
            "start": date(2026, 1, 1),
            "end": date(2027, 12, 31),
            "scope": "Region Nordjyllands udrulning af hjemmemonitorering mod de fælles mål.",
            "lines": [
                _staff("regional", 2026, "Regional projektleder og implementering", "1", "RN"),
                _staff("regional", 2027, "Regional projektleder og implementering", "1", "RN"),
                _other("regional", 2026, "Udstyr til borgere", "450000", "RN"),
            ],
            "buffer": D("150000.00"),
            "versions": [(date(2026, 1, 15), "")],
        }
        _build_case(rn, spec, sekretariat, chair, sekretariat)
        built += 1
    stdout.write(
        f"Økonomi: {BusinessCase.objects.count()} business cases ({built} nye), "
        f"{BlockGrantKey.objects.count()} bloktilskudsnøgler."
    )

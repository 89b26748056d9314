"""factory-boy factories for the projects app's service-level tests: each test builds the few rows it
needs instead of leaning on the named demo data.

The region and pejlemærke factories are here until tests/portfolio has its own.
"""

from datetime import date

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from factory.django import DjangoModelFactory

from portfolio.models import Participation, Pejlemaerke, Region
from portfolio.rules import REGION_CODES, Lifecycle, ParticipationStatus, PejlemaerkeType
from projects.models import Project, ReportState, StatusReport, StatusReportVersion
from projects.rules import Colour, colour_needs_risk_text
from projects.services.rollup import rollup_refresh
from rsi_portal.permissions import SEKRETARIAT_GROUP

# A month far from the demo history, as in status_support.
MONTH = date(2031, 3, 1)


class UserFactory(DjangoModelFactory):
    """A user without any role; `UserFactory(sekretariat=True)` puts them in the secretariat."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"testbruger{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Bruger {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")

    @factory.post_generation
    def sekretariat(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=SEKRETARIAT_GROUP))


class RegionFactory(DjangoModelFactory):
    """One of the five regions (the database knows no others); an existing row is reused."""

    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Iterator(REGION_CODES)
    name = factory.LazyAttribute(lambda r: f"Region {r.code}")
    sort_order = factory.LazyAttribute(lambda r: REGION_CODES.index(r.code))


def first_regions(count: int = len(REGION_CODES)) -> list[Region]:
    """The first `count` regions in their display order."""
    return [RegionFactory(code=code) for code in REGION_CODES[:count]]


class PejlemaerkeFactory(DjangoModelFactory):
    """A pejlemærke in the portfolio (it reports monthly). `regions=[...]` are its participating regions
    (R3; default: the leading region); `opted_out=[...]` regions wait ("afventer") with an explanation."""

    class Meta:
        model = Pejlemaerke
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Testpejlemærke {n}")
    short_name = factory.LazyAttribute(lambda p: p.name[:40])
    type = PejlemaerkeType.ANALYSE
    state = Lifecycle.PORTFOLIO
    leading_region = factory.SubFactory(RegionFactory)

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create:
            for region in extracted if extracted is not None else [self.leading_region]:
                Participation.objects.create(pejlemaerke=self, region=region)

    @factory.post_generation
    def opted_out(self, create, extracted, **kwargs):
        if create:
            for region in extracted or ():
                Participation.objects.create(
                    pejlemaerke=self, region=region, status=ParticipationStatus.AFVENTER, explanation="Afventer."
                )


class ProjectFactory(DjangoModelFactory):
    """A pejlemærke's joint project (no region); with `region=` a monitoring pejlemærke's regional project."""

    class Meta:
        model = Project

    pejlemaerke = factory.SubFactory(PejlemaerkeFactory)
    region = None
    name = factory.LazyAttribute(
        lambda p: p.pejlemaerke.name if p.region is None else f"{p.pejlemaerke.name} – {p.region.name}"
    )


class StatusReportFactory(DjangoModelFactory):
    """A submitted month's report with its first version (R9, R12) and the kept roll-up (R10); `draft=True`
    gives a draft instead."""

    class Meta:
        model = StatusReport
        skip_postgeneration_save = True

    class Params:
        draft = factory.Trait(state=ReportState.DRAFT, version=0, colour="", submitted_at=None)

    project = factory.SubFactory(ProjectFactory)
    region = factory.LazyAttribute(lambda r: r.project.region or r.project.pejlemaerke.leading_region)
    period = MONTH
    state = ReportState.SUBMITTED
    colour = Colour.GREEN
    overall = "Status for måneden."
    risici = factory.LazyAttribute(lambda r: "Risiko." if colour_needs_risk_text(r.colour) else "")
    version = 1
    created_by = factory.SubFactory(UserFactory)
    submitted_at = factory.LazyFunction(timezone.now)
    first_submitted_at = factory.SelfAttribute("submitted_at")

    @factory.post_generation
    def first_version(self, create, extracted, **kwargs):
        if create and self.state == ReportState.SUBMITTED:
            StatusReportVersion.objects.create(
                report=self,
                version=1,
                colour=self.colour,
                overall=self.overall,
                risici=self.risici,
                affects_tid=self.affects_tid,
                affects_oekonomi=self.affects_oekonomi,
                affects_leverancer=self.affects_leverancer,
                submitted_by=self.created_by,
                submitted_at=self.submitted_at,
            )
            # As the services do: the kept monthly roll-up follows the report in the same transaction.
            rollup_refresh(pejlemaerke=self.project.pejlemaerke_id, months=[self.period])

"""R1 and R3 at the service level, on rows the tests build themselves (tests/portfolio/factories.py).

No demo fixture: whatever else the database holds, only the rows made here are asserted on.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from portfolio.models import Participation
from portfolio.rules import REGION_CODES, ParticipationStatus, PejlemaerkeType
from portfolio.services import participation_set

from .factories import PejlemaerkeFactory, RegionFactory, SekretariatFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_r1_monitoring_pejlemaerke_gets_one_project_per_region():
    pejlemaerke = PejlemaerkeFactory(type=PejlemaerkeType.MONITORERING)
    projects = list(pejlemaerke.projects.select_related("region"))
    assert sorted(p.region.code for p in projects) == sorted(REGION_CODES)
    assert all(p.name.startswith(pejlemaerke.name) for p in projects)


def test_r1_analysis_pejlemaerke_gets_one_joint_project():
    pejlemaerke = PejlemaerkeFactory(type=PejlemaerkeType.ANALYSE)
    (project,) = pejlemaerke.projects.all()
    assert project.region_id is None
    assert project.name == pejlemaerke.name


def test_r3_every_region_takes_part_from_the_start():
    pejlemaerke = PejlemaerkeFactory()
    statuses = dict(pejlemaerke.participations.values_list("region__code", "status"))
    assert statuses == dict.fromkeys(REGION_CODES, ParticipationStatus.DELTAGER)


@pytest.mark.parametrize("explanation", ["", "   \n "])
def test_r3_opt_out_without_explanation_is_refused(explanation):
    sekretariat = SekretariatFactory()
    pejlemaerke = PejlemaerkeFactory(actor=sekretariat)
    region = RegionFactory(code="RN")
    with pytest.raises(ValidationError) as refused:
        participation_set(
            actor=sekretariat,
            pejlemaerke=pejlemaerke,
            region=region,
            status=ParticipationStatus.AFSTAAR,
            explanation=explanation,
        )
    assert "explanation" in refused.value.message_dict
    participation = Participation.objects.get(pejlemaerke=pejlemaerke, region=region)
    assert (participation.status, participation.explanation) == (ParticipationStatus.DELTAGER, "")


def test_r3_opt_out_with_explanation_is_recorded():
    sekretariat = SekretariatFactory()
    pejlemaerke = PejlemaerkeFactory(actor=sekretariat)
    region = RegionFactory(code="RSD")
    participation_set(
        actor=sekretariat,
        pejlemaerke=pejlemaerke,
        region=region,
        status=ParticipationStatus.AFVENTER,
        explanation="  Afventer ny platform i 2027.  ",
    )
    participation = Participation.objects.get(pejlemaerke=pejlemaerke, region=region)
    assert (participation.status, participation.explanation) == (
        ParticipationStatus.AFVENTER,
        "Afventer ny platform i 2027.",
    )


def test_r3_a_user_without_rights_may_not_set_participation():
    pejlemaerke = PejlemaerkeFactory()
    with pytest.raises(PermissionDenied):
        participation_set(
            actor=UserFactory(),
            pejlemaerke=pejlemaerke,
            region=RegionFactory(code="RM"),
            status=ParticipationStatus.AFSTAAR,
            explanation="Har egen løsning.",
        )

"""Database invariants of the portfolio (R1, R3, R4 and the organisation)."""

import pytest
from django.db import IntegrityError, transaction

from portfolio.models import Body, BodyKind, BodyMembership, MemberRole, Participation, Pejlemaerke, Region
from projects.models import Project


def _refused(callable_):
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_()


def test_region_code_must_be_one_of_the_five(demo):
    _refused(lambda: Region.objects.create(code="XX", name="Ukendt"))


def test_portfolio_bodies_exist_once_but_steering_groups_many(demo):
    _refused(lambda: Body.objects.create(kind=BodyKind.IT5, name="Et andet IT5"))
    assert Body.objects.filter(kind=BodyKind.STYREGRUPPE).count() == Pejlemaerke.objects.count()


def test_body_has_at_most_one_chair(demo, django_user_model):
    body = Body.objects.get(kind=BodyKind.RSI_DK)
    other = django_user_model.objects.create(username="ny-formand")
    _refused(lambda: BodyMembership.objects.create(body=body, user=other, role=MemberRole.CHAIR))


def test_r1_programme_only_for_acquisitions(demo):
    analysis = Pejlemaerke.objects.filter(type="analyse").first()
    analysis.is_programme = True
    _refused(analysis.save)


def test_r3_one_participation_per_region(demo):
    existing = Participation.objects.first()
    _refused(lambda: Participation.objects.create(pejlemaerke=existing.pejlemaerke, region=existing.region))


def test_r1_monitoring_pejlemaerke_has_one_regional_project_per_region(demo):
    monitoring = Pejlemaerke.objects.get(short_name="Hjemmemonitorering")
    assert sorted(monitoring.projects.values_list("region__code", flat=True)) == sorted(
        Region.objects.values_list("code", flat=True)
    )
    _refused(
        lambda: Project.objects.create(pejlemaerke=monitoring, region=Region.objects.get(code="RN"), name="Dublet")
    )


def test_r1_acquisition_has_one_joint_project(demo):
    luna = Pejlemaerke.objects.get(short_name="LUNA")
    assert [(p.region, p.leader.username) for p in luna.projects.all()] == [(None, "projektleder")]


def test_r4_leadership_count_per_region(demo):
    from portfolio.selectors import leadership_per_region

    counts = {row["code"]: row["count"] for row in leadership_per_region()}
    active = Pejlemaerke.objects.filter(state__in=["pipeline", "portfolio", "paused"])
    assert counts["RM"] == active.filter(leading_region__code="RM").count() > 0
    assert sum(counts.values()) == active.count()

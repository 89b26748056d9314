"""R33: SYS's register of joint running systems: each system's user groups, and the system-responsible region,
recommended by SYS and decided by RSI DK through a routed matter (never a plain field edit)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from governance import services
from governance.models import JointSystem, Matter
from governance.rules import Kind
from portfolio.models import AuditEntry, BodyKind
from tests.governance.factories import BodyFactory, JointSystemFactory, RegionFactory, SekretariatFactory


@pytest.fixture
def actor(db):
    return SekretariatFactory()


@pytest.fixture
def regions(db):
    return RegionFactory(code="RN", name="Region Nordjylland"), RegionFactory(code="RM", name="Region Midtjylland")


@pytest.fixture
def system(regions):
    return JointSystemFactory(name="Fælles labsystem", responsible_region=regions[0])


def _decide(actor, matter, outcome, kind=BodyKind.RSI_DK):
    return services.decision_record(
        actor=actor,
        subject=matter,
        body=BodyFactory(kind=kind),
        outcome=outcome,
        text="Beslutning",
        decided_on=date(2040, 5, 1),
    )


def test_r33_the_responsible_region_is_not_a_plain_field_edit(client, actor, system, regions):
    client.force_login(actor)
    response = client.post(
        f"/styring/systemer/{system.pk}/rediger/",
        {"name": system.name, "responsible_region": regions[1].pk, "fsa": "Ny FSA", "year": 2040},
    )
    assert response.status_code == 302
    system.refresh_from_db()
    assert system.fsa == "Ny FSA"
    assert system.responsible_region == regions[0]  # only RSI DK's decision moves it
    with pytest.raises(TypeError):
        services.joint_system_save(actor=actor, system=system, responsible_region=regions[1])


def test_r33_sys_recommends_and_rsi_dk_decides_the_responsible_region(actor, system, regions):
    matter = services.system_responsibility_recommend(
        actor=actor, system=system, region=regions[1], reason="Region Midtjylland driver allerede løsningen."
    )
    assert matter.kind == Kind.SYSTEM_RESPONSIBLE and matter.recommended_region == regions[1]
    assert matter.route_body == "RSI_DK" and "SYS" in matter.route_reason and "RSI DK" in matter.route_reason
    assert "Region Midtjylland driver allerede løsningen." in matter.description
    system.refresh_from_db()
    assert system.responsible_region == regions[0]  # a recommendation changes nothing yet
    with pytest.raises(ValidationError, match="RSI DK"):
        _decide(actor, matter, "approved", kind=BodyKind.IT5)
    _decide(actor, matter, "approved")
    system.refresh_from_db()
    assert system.responsible_region == regions[1]
    entry = AuditEntry.objects.get(action="jointsystem.responsibility", object_id=str(system.pk))
    assert entry.data["responsible_region"] == ["Region Nordjylland", "Region Midtjylland"]
    assert entry.data["matter"] == matter.pk


def test_r33_a_rejected_recommendation_leaves_the_region(actor, system, regions):
    matter = services.system_responsibility_recommend(actor=actor, system=system, region=regions[1], reason="Forslag")
    _decide(actor, matter, "rejected")
    system.refresh_from_db()
    assert system.responsible_region == regions[0]
    with pytest.raises(ValidationError, match="allerede systemansvarlig"):
        services.system_responsibility_recommend(actor=actor, system=system, region=regions[0], reason="Igen")


def test_r33_a_new_system_waits_for_rsi_dk_before_it_has_a_responsible_region(client, actor, regions):
    system = services.joint_system_save(actor=actor, name="Nyt fælles system", fsa="FSA Nysted")
    assert system.responsible_region is None
    services.system_responsibility_recommend(actor=actor, system=system, region=regions[0], reason="SYS anbefaler")
    client.force_login(actor)
    text = client.get("/styring/systemer/").content.decode()
    assert "Nyt fælles system" in text and "Afventer RSI DK (SYS anbefaler Region Nordjylland)" in text


def test_r33_the_responsibility_kind_is_not_offered_as_an_ordinary_matter(client, actor, system):
    client.force_login(actor)
    response = client.post(
        "/styring/sager/ny/",
        {"title": "x", "kind": Kind.SYSTEM_RESPONSIBLE, "amount": "0", "year": "2040", "joint_system": system.pk},
    )
    assert response.status_code == 200 and not Matter.objects.filter(title="x").exists()
    with pytest.raises(ValidationError):
        services.matter_create(
            actor=actor, title="y", kind=Kind.SYSTEM_RESPONSIBLE, amount=0, year=2040, joint_system=system
        )


def test_r33_each_joint_system_has_its_user_groups(actor, system):
    group = services.user_group_add(
        actor=actor,
        system=system,
        name="Brugergruppen for klinisk biokemi",
        description="Laboranter fra alle fem regioner",
    )
    services.user_group_add(actor=actor, system=system, name="Brugergruppen for patologi")
    assert [g.name for g in system.user_groups.all()] == [
        "Brugergruppen for klinisk biokemi",
        "Brugergruppen for patologi",
    ]
    with pytest.raises(ValidationError, match="allerede en brugergruppe med det navn"):
        services.user_group_add(actor=actor, system=system, name="Brugergruppen for klinisk biokemi ")
    services.user_group_remove(actor=actor, group=group)
    assert [g.name for g in JointSystem.objects.get(pk=system.pk).user_groups.all()] == ["Brugergruppen for patologi"]
    actions = list(AuditEntry.objects.filter(object_id=str(system.pk)).values_list("action", flat=True))
    assert "jointsystem.user_group_add" in actions and "jointsystem.user_group_remove" in actions


def test_r33_the_system_page_shows_user_groups_and_takes_sys_recommendation(client, actor, system, regions):
    BodyFactory(kind=BodyKind.RSI_DK)
    services.user_group_add(actor=actor, system=system, name="Brugergruppen for klinisk biokemi")
    client.force_login(actor)
    page = client.get(f"/styring/systemer/{system.pk}/").content.decode()
    assert "Brugergruppen for klinisk biokemi" in page and "Region Nordjylland" in page
    response = client.post(f"/styring/systemer/{system.pk}/brugergrupper/", {"name": "", "description": ""})
    assert response.status_code == 400 and "Skriv brugergruppens navn" in response.content.decode()
    client.post(f"/styring/systemer/{system.pk}/brugergrupper/", {"name": "Brugergruppen for mikrobiologi"})
    assert system.user_groups.filter(name="Brugergruppen for mikrobiologi").exists()
    response = client.post(
        f"/styring/systemer/{system.pk}/systemansvar/", {"region": regions[1].pk, "reason": "Midt har driften."}
    )
    matter = Matter.objects.get(joint_system=system, kind=Kind.SYSTEM_RESPONSIBLE)
    assert response.status_code == 302 and response["Location"] == matter.get_absolute_url()
    page = client.get(f"/styring/systemer/{system.pk}/").content.decode()
    assert matter.title in page


def test_r33_register_with_user_groups_in_constant_queries(client, actor, regions, django_assert_max_num_queries):
    for n in range(3):
        system = JointSystemFactory(name=f"System {n}", responsible_region=regions[0])
        services.user_group_add(actor=actor, system=system, name=f"Brugergruppe {n}")
    client.force_login(actor)
    client.get("/styring/systemer/")
    with django_assert_max_num_queries(14):
        text = client.get("/styring/systemer/").content.decode()
    assert all(f"Brugergruppe {n}" in text for n in range(3))

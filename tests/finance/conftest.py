"""Helpers for the finance tests: a LUNA business case built through the real services."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model

from finance import services
from finance.models import BusinessCase
from portfolio.models import Pejlemaerke, Region
from projects.models import Project


@pytest.fixture
def people(demo):
    User = get_user_model()
    return {
        u.username: u
        for u in User.objects.filter(
            username__in=["sekretariat", "projektleder", "formand", "direktoer", "kontakt", "regional"]
        )
    }


@pytest.fixture
def luna_project(demo):
    return Project.objects.get(pejlemaerke__short_name="LUNA")


@pytest.fixture
def fresh_luna(luna_project):
    """LUNA without the demo's business case, so each test starts from nothing."""
    BusinessCase.objects.filter(project=luna_project).delete()
    return luna_project


def make_case(project, leader, *, joint=D("1000000.00"), regional=D("0.00"), year=2027, buffer=D("0.00")):
    """A draft with one joint 'other' line (and optionally one regional line in RN) and a buffer."""
    version = services.business_case_create(
        actor=leader,
        project=project,
        start_date=date(year, 1, 1),
        end_date=date(year + 1, 12, 31),
        scope="Anskaffelse og implementering af LUNA.",
    )
    services.line_add(
        actor=leader, version=version, kind="other", scope="joint", year=year, description="Anskaffelse", amount=joint
    )
    if regional:
        services.line_add(
            actor=leader,
            version=version,
            kind="other",
            scope="regional",
            region=Region.objects.get(code="RN"),
            year=year,
            description="Lokal implementering",
            amount=regional,
        )
    if buffer:
        version = services.version_update(
            actor=leader,
            version=version,
            start_date=version.start_date,
            end_date=version.end_date,
            scope=version.scope,
            buffer=buffer,
        )
    version.refresh_from_db()
    return version


@pytest.fixture
def luna(demo):
    return Pejlemaerke.objects.get(short_name="LUNA")

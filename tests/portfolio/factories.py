"""factory-boy factories for the portfolio base, so a service test builds the rows it needs.

The session database may already hold the demo: the five regions and the one-per-kind bodies are
fetched when they exist, and every other row gets a name of its own. A pejlemærke is made through
`pejlemaerke_create`, so its styregruppe, participations and project(s) exist as in the portal.
"""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory, Password

from portfolio.models import Body, BodyKind, Pejlemaerke, Region
from portfolio.rules import REGION_CODES, PejlemaerkeType
from portfolio.services import pejlemaerke_create
from rsi_portal.permissions import SEKRETARIAT_GROUP


class RegionFactory(DjangoModelFactory):
    """One of the five regions, fetched by code when it exists."""

    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "RH"
    name = factory.LazyAttribute(lambda o: f"Region {o.code}")
    sort_order = factory.LazyAttribute(lambda o: REGION_CODES.index(o.code))


def all_regions() -> list[Region]:
    return [RegionFactory(code=code) for code in REGION_CODES]


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"fabrik-bruger-{n}")
    first_name = factory.Sequence(lambda n: f"Bruger{n}")
    last_name = "Testesen"
    email = factory.LazyAttribute(lambda o: f"{o.username}@test.regioner.dk")
    password = Password("demo")


class SekretariatFactory(UserFactory):
    """A member of the RSI secretariat, who may do every write."""

    username = factory.Sequence(lambda n: f"fabrik-sekretariat-{n}")

    @factory.post_generation
    def secretariat(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get_or_create(name=SEKRETARIAT_GROUP)[0])


class BodyFactory(DjangoModelFactory):
    """A portfolio body; there is one of each kind, so an existing one is reused."""

    class Meta:
        model = Body
        django_get_or_create = ("kind",)

    kind = BodyKind.RSI_DK
    name = factory.LazyAttribute(lambda o: str(BodyKind(o.kind).label))


class SteeringGroupFactory(DjangoModelFactory):
    """A styregruppe of its own (a pejlemærke made by the service gets one already)."""

    class Meta:
        model = Body

    kind = BodyKind.STYREGRUPPE
    name = factory.Sequence(lambda n: f"Fabriksstyregruppe {n}")


class PejlemaerkeFactory(DjangoModelFactory):
    """A pejlemærke created by `pejlemaerke_create` (R1, R3) in all five regions, by `actor`."""

    class Meta:
        model = Pejlemaerke

    name = factory.Sequence(lambda n: f"Fabrikspejlemærke {n}")
    type = PejlemaerkeType.ANALYSE
    leading_region = factory.SubFactory(RegionFactory, code="RH")
    actor = factory.SubFactory(SekretariatFactory)

    @classmethod
    def _build(cls, model_class, *args, actor=None, **kwargs):
        return model_class(*args, **kwargs)

    @classmethod
    def _create(cls, model_class, *args, actor, **kwargs):
        all_regions()
        return pejlemaerke_create(actor=actor, **kwargs)

"""factory-boy factories for governance tests that build their own rows instead of leaning on the demo.

They write rows directly; the behaviour under test goes through the services. The session database
may already hold the demo, so the one-per-kind bodies and the five regions are fetched when they
exist, and meetings fall on days far after the demo's.
"""

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Max
from factory.django import DjangoModelFactory

from governance.models import Access, AgendaItem, JointSystem, Matter, Meeting, MeetingFormat, OperatingBudget
from governance.rules import Kind
from portfolio.models import Body, BodyKind, Region
from rsi_portal.permissions import SEKRETARIAT_GROUP

FIRST_DAY = date(2040, 1, 2)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gov-bruger-{n}")
    first_name = factory.Sequence(lambda n: f"Bruger{n}")
    last_name = "Testesen"


class SekretariatFactory(UserFactory):
    """A member of the RSI secretariat: may do every governance write."""

    username = factory.Sequence(lambda n: f"gov-sekretariat-{n}")

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
    name = factory.LazyAttribute(lambda o: BodyKind(o.kind).label)


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "RN"
    name = "Region Nordjylland"


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    day = factory.Sequence(lambda n: FIRST_DAY + timedelta(days=n))
    format = MeetingFormat.PHYSICAL
    location = "Danske Regioner, København"


def _next_number(item) -> int:
    return (AgendaItem.objects.filter(meeting=item.meeting).aggregate(m=Max("number"))["m"] or 0) + 1


class AgendaItemFactory(DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.LazyAttribute(_next_number)
    title = factory.Sequence(lambda n: f"Punkt {n}")
    access = Access.PUBLIC
    indstilling = "at sagen godkendes"


class JointSystemFactory(DjangoModelFactory):
    class Meta:
        model = JointSystem

    name = factory.Sequence(lambda n: f"Fælles driftssystem {n}")
    responsible_region = factory.SubFactory(RegionFactory)
    fsa = "FSA Testesen"


class OperatingBudgetFactory(DjangoModelFactory):
    class Meta:
        model = OperatingBudget

    system = factory.SubFactory(JointSystemFactory)
    year = 2040
    amount = Decimal("500000.00")


class MatterFactory(DjangoModelFactory):
    """A matter already routed to IT5 (written directly; matter_create is what routes)."""

    class Meta:
        model = Matter

    title = factory.Sequence(lambda n: f"Indstilling {n}")
    kind = Kind.ECONOMY
    amount = Decimal("100000.00")
    year = 2040
    joint_system = factory.SubFactory(JointSystemFactory)
    route_body = "IT5"
    route_reason = "Beløbet er højst 1.000.000 kr. Derfor godkender IT5."
    created_by = factory.SubFactory(UserFactory)

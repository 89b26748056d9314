"""factory-boy factories for finance's service-level tests: each test builds the data it needs.

The actor is a superuser by default (the secretariat passes every permission check), so these
tests exercise the rules; the permission matrix stays on the demo roles (test_permissions.py).
"""

from datetime import date
from decimal import Decimal as D

import factory
from django.contrib.auth import get_user_model
from django.db.models import Sum
from django.utils import timezone
from factory.django import DjangoModelFactory

from finance.models import BlockGrantKey, BusinessCase, BusinessCaseVersion, ExpenseLine
from finance.rules import LineKind, Scope, VersionStatus
from governance import services as governance_services
from governance.models import Matter
from portfolio.models import Body, BodyKind, Pejlemaerke, Region
from portfolio.rules import REGION_CODES, Lifecycle, PejlemaerkeType
from projects.models import Project

REGION_NAMES = {
    "RH": "Region Hovedstaden",
    "RSJ": "Region Sjælland",
    "RSD": "Region Syddanmark",
    "RM": "Region Midtjylland",
    "RN": "Region Nordjylland",
}


def region(code: str) -> Region:
    """One of the five regions (fixed reference data), created when the demo is not loaded."""
    found, _created = Region.objects.get_or_create(
        code=code, defaults={"name": REGION_NAMES[code], "sort_order": REGION_CODES.index(code)}
    )
    return found


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"finance-{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Bruger {n}")
    is_superuser = True


class PejlemaerkeFactory(DjangoModelFactory):
    class Meta:
        model = Pejlemaerke

    name = factory.Sequence(lambda n: f"Testpejlemærke {n}")
    short_name = factory.Sequence(lambda n: f"TEST{n}")
    type = PejlemaerkeType.ANSKAFFELSE
    state = Lifecycle.PORTFOLIO
    leading_region = factory.LazyFunction(lambda: region("RM"))


class ProjectFactory(DjangoModelFactory):
    class Meta:
        model = Project

    pejlemaerke = factory.SubFactory(PejlemaerkeFactory)
    name = factory.LazyAttribute(lambda o: o.pejlemaerke.name)


class BusinessCaseFactory(DjangoModelFactory):
    class Meta:
        model = BusinessCase

    project = factory.SubFactory(ProjectFactory)


class BusinessCaseVersionFactory(DjangoModelFactory):
    """A draft (number 1) of a new business case; `approved=True` makes it the counting version."""

    class Meta:
        model = BusinessCaseVersion

    class Params:
        approved = factory.Trait(
            status=VersionStatus.APPROVED,
            decided_by=factory.SelfAttribute("created_by"),
            decided_at=factory.LazyFunction(timezone.now),
        )

    business_case = factory.SubFactory(BusinessCaseFactory)
    number = 1
    start_date = date(2027, 1, 1)
    end_date = date(2028, 12, 31)
    scope = "Anskaffelse og implementering."
    created_by = factory.SubFactory(UserFactory)


class ExpenseLineFactory(DjangoModelFactory):
    """A joint 'other' line; creating it keeps the version's expense total (R16) in step."""

    class Meta:
        model = ExpenseLine

    version = factory.SubFactory(BusinessCaseVersionFactory)
    kind = LineKind.OTHER
    scope = Scope.JOINT
    year = 2027
    description = factory.Sequence(lambda n: f"Udgift {n}")
    amount = D("1000000.00")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        line = super()._create(model_class, *args, **kwargs)
        version = line.version
        total = version.lines.project_expenses().aggregate(total=Sum("amount"))["total"] or D("0")
        version.expense_total = total.quantize(D("0.01"))
        version.save(update_fields=["expense_total"])
        return line


class BlockGrantKeyFactory(DjangoModelFactory):
    """A year's key with five equal shares (20 % each)."""

    class Meta:
        model = BlockGrantKey
        django_get_or_create = ("year",)

    year = 2027
    share_rh = D("20")
    share_rsj = D("20")
    share_rsd = D("20")
    share_rm = D("20")
    share_rn = D("20")
    updated_by = factory.SubFactory(UserFactory)


def body_decides(version, outcome: str = "approved") -> None:
    """The body a version's frame matter was routed to (IT5 or RSI DK, R23/R24) decides it, through governance."""
    matter = Matter.objects.get(pk=BusinessCaseVersion.objects.get(pk=version.pk).frame_matter_id)
    Body.objects.get_or_create(kind=matter.route_body, defaults={"name": BodyKind(matter.route_body).label})
    governance_services.matter_decision_record(
        actor=UserFactory(),
        matter=matter,
        outcome=outcome,
        text="Godkendt." if outcome == "approved" else "Ikke godkendt.",
        decided_on=timezone.localdate(),
    )

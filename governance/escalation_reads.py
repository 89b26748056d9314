"""R25/R37 reads: the escalation log, its filters and the count per path and year."""

from django.db.models import Count
from django.db.models.functions import ExtractYear

from portfolio.models import BodyKind, BodyMembership
from rsi_portal.permissions import is_sekretariat

from .models import Access, Escalation
from .rules import Source

LOG_READERS = (BodyKind.IT5, BodyKind.RSI_DK)


def may_view_log(user) -> bool:
    """The secretariat and the members of IT5 and RSI DK read the escalation log."""
    return escalation_raisers(user, LOG_READERS)


def escalation_raisers(user, kinds=(BodyKind.SYS, BodyKind.RITA)) -> bool:
    """May the user raise an escalation from a joint system's page (a member of SYS or RITA, or the secretariat)?"""
    if is_sekretariat(user):
        return True
    if not (user and user.is_authenticated and user.is_active):
        return False
    return BodyMembership.objects.filter(user=user, body__kind__in=kinds).exists()


def closed_to(user):
    """R29 in the log: a row whose agenda item is Lukket or Fortrolig shows its reason and outcome only to the
    secretariat and the receiving body's members. Returns escalation -> True when it must stay closed. One query."""
    if is_sekretariat(user):
        return lambda escalation: False
    bodies = set(BodyMembership.objects.filter(user=user).values_list("body_id", flat=True))
    return lambda e: e.item_id is not None and e.item.access != Access.PUBLIC and e.to_body_id not in bodies


def escalation_log(*, source: str = "", kind: str = "", year: int | None = None, state: str = ""):
    """The log, filtered: path (source), kind, year raised, open or decided. One query."""
    queryset = Escalation.objects.select_related(
        "from_body", "to_body", "pejlemaerke", "joint_system", "matter", "item__meeting", "decision"
    )
    if source:
        queryset = queryset.filter(source=source)
    if kind:
        queryset = queryset.filter(kind=kind)
    if year:
        queryset = queryset.filter(raised_on__year=year)
    if state == "open":
        queryset = queryset.filter(decision__isnull=True)
    elif state == "decided":
        queryset = queryset.filter(decision__isnull=False)
    return queryset


def escalation_counts(queryset) -> list[dict]:
    """How many escalations per path and year (of the filtered log), newest year first. One query."""
    labels = dict(Source.choices)
    rows = (
        queryset.order_by()
        .annotate(year=ExtractYear("raised_on"))
        .values("year", "source")
        .annotate(n=Count("pk"))
        .order_by("-year", "source")
    )
    return [{**row, "label": labels[row["source"]]} for row in rows]


def escalation_years() -> list[int]:
    return sorted({d.year for d in Escalation.objects.dates("raised_on", "year")}, reverse=True)

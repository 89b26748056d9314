"""R29 access for agenda items and for everything derived from them.

A Lukket or Fortrolig item is seen in full only by its body's members and the secretariat, and so is
what comes from it: the decision taken under it, its Bilag, the status that decision gives a matter.
`may_see(user, obj)` is the one answer to "may this user see this?"; a list builds one `Reader` and
asks it per row, so the user's bodies are read once. Others see a derived decision only as
"Besluttet i lukket punkt" with its date.
"""

from dataclasses import dataclass
from functools import cached_property

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, CharField, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from portfolio.models import Body
from rsi_portal.permissions import is_sekretariat, restrict

from .models import Access, AgendaItem, Attachment, Decision, Matter, MatterStatus
from .rules import r29_shown

MEMBER_PERMISSION = "portfolio.member_of_body"
CLOSED_DECISION = _("Besluttet i lukket punkt")
HIDDEN_STATUS = "closed_item"  # the matter status shown when the decision that set it is hidden
RESTRICTED = (Access.CLOSED, Access.CONFIDENTIAL)


class Reader:
    """One user's R29 view of governance: the bodies whose closed items they see (every body for the
    secretariat and for whoever holds the membership permission globally)."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def body_ids(self) -> frozenset[int] | None:
        """None means every body."""
        user = self.user
        if is_sekretariat(user):
            return None
        if not (user and user.is_authenticated and user.is_active):
            return frozenset()
        if user.has_perm(MEMBER_PERMISSION):
            return None
        return frozenset(restrict(Body.objects.all(), user, MEMBER_PERMISSION).values_list("pk", flat=True))

    def is_member(self, body_id: int) -> bool:
        return self.body_ids is None or body_id in self.body_ids

    def shown(self, item: AgendaItem) -> str:
        """R29 for this reader: full, number or nothing (rules.r29_shown)."""
        return r29_shown(item.access, member=self.is_member(item.meeting.body_id))

    def sees(self, obj) -> bool:
        item = source_item(obj)
        return item is None or self.shown(item) == "full"


def source_item(obj) -> AgendaItem | None:
    """The agenda item a thing derives from (None: it derives from no item and is not restricted by R29)."""
    if isinstance(obj, AgendaItem):
        return obj
    if isinstance(obj, Attachment | Decision):
        return obj.item
    raise TypeError(f"no R29 source item for {type(obj).__name__}")


def may_see(user, obj) -> bool:
    """R29: may `user` see `obj` (an agenda item, a Bilag or a decision) in full?"""
    return Reader(user).sees(obj)


def is_member(user, body) -> bool:
    """The body's members and the secretariat see Lukket and Fortrolig items (R29)."""
    return Reader(user).is_member(body.pk)


@dataclass(frozen=True)
class ShownDecision:
    """A decision as one reader may see it: in full, or only that it was taken in a closed item and when."""

    decision: Decision
    full: bool

    @property
    def decided_on(self):
        return self.decision.decided_on

    @property
    def closed_label(self) -> str:
        return str(CLOSED_DECISION)


def shown_decisions(user, decisions) -> list[ShownDecision]:
    reader = Reader(user)
    return [ShownDecision(decision, reader.sees(decision)) for decision in decisions]


def with_shown_status(queryset, user):
    """Matters annotated with `shown_status`: their status, or HIDDEN_STATUS where the decision that set it
    (the latest recorded) came from an item the user may not see. Sorting on it leaks nothing either."""
    body_ids = Reader(user).body_ids
    if body_ids is None:
        return queryset.annotate(shown_status=F("status"))
    latest = Decision.objects.filter(
        content_type=ContentType.objects.get_for_model(Matter), object_id=OuterRef("pk")
    ).order_by("-pk")
    queryset = queryset.annotate(
        status_item_access=Coalesce(
            Subquery(latest.values("item__access")[:1]), Value(Access.PUBLIC), output_field=CharField()
        ),
        status_item_body=Subquery(latest.values("item__meeting__body_id")[:1]),
    )
    hidden = Q(status_item_access__in=RESTRICTED) & ~Q(status_item_body__in=body_ids)
    return queryset.annotate(
        shown_status=Case(When(hidden, then=Value(HIDDEN_STATUS)), default=F("status"), output_field=CharField())
    )


def status_label(shown_status: str) -> str:
    """The Danish label of a `shown_status`."""
    if shown_status == HIDDEN_STATUS:
        return str(CLOSED_DECISION)
    return str(MatterStatus(shown_status).label)


def matter_status_shown(user, matter: Matter) -> str:
    """The matter's status as the user may see it (the label)."""
    shown = with_shown_status(Matter.objects.filter(pk=matter.pk), user).values_list("shown_status", flat=True)
    return status_label(shown.first() or matter.status)

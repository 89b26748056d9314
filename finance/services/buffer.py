"""The buffer (R17, R18): its cap on a version, and the change requests that draw on it."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portfolio.audit import log_action
from rsi_portal.formatting import format_kr
from rsi_portal.permissions import require
from rsi_portal.services import audit_value, model_update

from .. import rules
from ..models import AuditAction, BusinessCase, ChangeRequest
from ..permissions import CHAIR as CHAIR_PERM  # the steering-group chair (on the pejlemærke)
from ..permissions import EDIT as EDIT_PERM  # the project leader (on the project)
from ..rules import RequestStatus
from ..selectors import buffer_drawn, buffer_status


def buffer_cap_message(cap: Decimal) -> str:
    return _(
        "Bufferen må højst være 10 %% af projektets samlede udgifter (uden buffer og drift): højst %(cap)s kr."
    ) % {"cap": format_kr(cap)}


def check_buffer(buffer: Decimal, expense_total: Decimal) -> None:
    """R17 in the service: refuse a buffer above the cap (or below zero) with the cap in the message."""
    if not rules.buffer_allowed(buffer, expense_total):
        raise ValidationError({"buffer": buffer_cap_message(rules.max_buffer(expense_total))})


def check_not_below_drawn(buffer: Decimal, business_case: BusinessCase) -> None:
    """R18: a new version cannot shrink the buffer below what approved change requests already drew."""
    drawn = buffer_drawn(business_case)
    if buffer < drawn:
        raise ValidationError(
            {
                "buffer": _("Bufferen kan ikke sættes lavere end det, der allerede er trukket: %(drawn)s kr.")
                % {"drawn": format_kr(drawn)}
            }
        )


@transaction.atomic
def change_request_file(
    *, actor, business_case: BusinessCase, title: str, description: str, amount: Decimal, year: int
) -> ChangeRequest:
    """R18: the project leader files an ændringsanmodning to draw on the buffer."""
    require(actor, EDIT_PERM, business_case.project)
    if amount is None or Decimal(amount) <= 0:
        raise ValidationError({"amount": _("Beløbet skal være større end 0 kr.")})
    fields = {"title": title, "description": description, "amount": amount, "year": year}
    request = ChangeRequest(business_case=business_case, filed_by=actor, **fields)
    request.full_clean()
    request.save()
    log_action(
        actor=actor,
        action=AuditAction.CHANGE_REQUEST_FILE,
        obj=business_case,
        data={"request": request.pk, **{name: [None, audit_value(value)] for name, value in fields.items()}},
    )
    return request


@transaction.atomic
def change_request_decide(*, actor, change_request: ChangeRequest, approve: bool, note: str = "") -> ChangeRequest:
    """R18: the chair approves or rejects; an approval draws on the buffer and never beyond what is left.

    The business case row is locked first, so two concurrent approvals are serialised and the
    second sees the first one's drawing.
    """
    case = change_request.business_case
    require(actor, CHAIR_PERM, case.project.pejlemaerke)
    BusinessCase.objects.select_for_update().get(pk=case.pk)
    request = ChangeRequest.objects.select_for_update().get(pk=change_request.pk)
    if request.status != RequestStatus.SUBMITTED:
        raise ValidationError(_("Ændringsanmodningen er allerede afgjort."))
    if approve:
        remaining = buffer_status(case)["remaining"]
        if not rules.drawing_allowed(request.amount, remaining):
            raise ValidationError(
                _("Ændringsanmodningen på %(amount)s kr. overstiger det, der er tilbage af bufferen: %(left)s kr.")
                % {"amount": format_kr(request.amount), "left": format_kr(remaining)}
            )
    changes = model_update(
        instance=request,
        data={
            "status": RequestStatus.APPROVED if approve else RequestStatus.REJECTED,
            "decided_by": actor,
            "decided_at": timezone.now(),
            "decision_note": (note or "").strip(),
        },
    )
    log_action(
        actor=actor,
        action=AuditAction.CHANGE_REQUEST_APPROVE if approve else AuditAction.CHANGE_REQUEST_REJECT,
        obj=case,
        data={"request": request.pk, "amount": str(request.amount), **changes},
    )
    return request

"""Every write to business cases, buffer, keys and splits: atomic, permission-checked, audited."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from portfolio.audit import log_action
from rsi_portal.formatting import format_kr
from rsi_portal.permissions import require

from . import rules
from .models import AgreedSplit, BlockGrantKey, BusinessCase, BusinessCaseVersion, ChangeRequest, ExpenseLine
from .permissions import CHAIR as CHAIR_PERM  # the steering-group chair (on the pejlemærke)
from .permissions import EDIT as EDIT_PERM  # the project leader (on the project)
from .permissions import KEYS as KEY_PERM  # the secretariat
from .rules import LineKind, RequestStatus, Scope, VersionStatus


def buffer_cap_message(cap: Decimal) -> str:
    return _(
        "Bufferen må højst være 10 %% af projektets samlede udgifter (uden buffer og drift): højst %(cap)s kr."
    ) % {"cap": format_kr(cap)}


def shares_message() -> str:
    return _("De fem andele skal tilsammen give præcis 100 %, og ingen andel må være negativ.")


def _require_draft(version: BusinessCaseVersion) -> None:
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(_("Kun en kladde kan ændres. Opret en ny version for at ændre en godkendt version."))


def _lock_version(version: BusinessCaseVersion) -> BusinessCaseVersion:
    return (
        BusinessCaseVersion.objects.select_for_update()
        .select_related("business_case__project__pejlemaerke")
        .get(pk=version.pk)
    )


def _check_buffer(buffer: Decimal, expense_total: Decimal) -> None:
    """R17 in the service: refuse a buffer above the cap (or below zero) with the cap in the message."""
    if not rules.buffer_allowed(buffer, expense_total):
        raise ValidationError({"buffer": buffer_cap_message(rules.max_buffer(expense_total))})


def _drawn(business_case) -> Decimal:
    return ChangeRequest.objects.filter(business_case=business_case, status=RequestStatus.APPROVED).aggregate(
        total=Sum("amount")
    )["total"] or Decimal("0.00")


def _check_not_below_drawn(buffer: Decimal, business_case) -> None:
    """R18: a new version cannot shrink the buffer below what approved change requests already drew."""
    drawn = _drawn(business_case)
    if buffer < drawn:
        raise ValidationError(
            {
                "buffer": _("Bufferen kan ikke sættes lavere end det, der allerede er trukket: %(drawn)s kr.")
                % {"drawn": format_kr(drawn)}
            }
        )


def _recompute_total(version: BusinessCaseVersion) -> None:
    total = version.lines.exclude(kind=LineKind.OPERATING).aggregate(total=Sum("amount"))["total"] or Decimal("0.00")
    _check_buffer(version.buffer, total)
    version.expense_total = total
    version.save(update_fields=["expense_total"])


def line_amount(*, kind: str, aarsvaerk=None, hours=None, hourly_rate=None, amount=None) -> Decimal:
    """R14/R15: the kroner of a line from what was entered."""
    if kind == LineKind.STAFF:
        if (aarsvaerk is None) == (hours is None):
            raise ValidationError(_("Angiv interne ressourcer enten i årsværk eller i timer (ikke begge)."))
        return rules.staff_cost(aarsvaerk=aarsvaerk, hours=hours)
    if kind == LineKind.EXTERNAL:
        if hours is None or hourly_rate is None:
            raise ValidationError(_("Ekstern bistand angives som forventede timer og ressourcens egen timepris."))
        return rules.external_cost(hours=hours, hourly_rate=hourly_rate)
    if amount is None:
        raise ValidationError({"amount": _("Angiv beløbet.")})
    return rules.to_oere(amount)


@transaction.atomic
def business_case_create(*, actor, project, start_date: date, end_date: date, scope: str) -> BusinessCaseVersion:
    """R23: open a project's business case with its first draft version."""
    require(actor, EDIT_PERM, project)
    if BusinessCase.objects.filter(project=project).exists():
        raise ValidationError(_("Projektet har allerede en business case."))
    case = BusinessCase.objects.create(project=project)
    version = BusinessCaseVersion(
        business_case=case, number=1, start_date=start_date, end_date=end_date, scope=scope, created_by=actor
    )
    version.full_clean()
    version.save()
    log_action(actor=actor, action="business_case.create", obj=case, data={"version": 1})
    return version


@transaction.atomic
def version_new(*, actor, business_case: BusinessCase, change_reason: str) -> BusinessCaseVersion:
    """R23: a new version starts as a copy of the counting (else the newest) version, lines included."""
    require(actor, EDIT_PERM, business_case.project)
    business_case = BusinessCase.objects.select_for_update().get(pk=business_case.pk)
    if not (change_reason or "").strip():
        raise ValidationError(
            {"change_reason": _("Skriv hvorfor der laves en ny version (tid, økonomi eller omfang).")}
        )
    if business_case.versions.filter(status=VersionStatus.DRAFT).exists():
        raise ValidationError(_("Der er allerede en kladde. Færdiggør eller afgør den først."))
    source = (
        business_case.versions.filter(status=VersionStatus.APPROVED).order_by("-decided_at", "-number").first()
        or business_case.versions.order_by("-number").first()
    )
    number = (business_case.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = BusinessCaseVersion.objects.create(
        business_case=business_case,
        number=number,
        start_date=source.start_date,
        end_date=source.end_date,
        scope=source.scope,
        buffer=source.buffer,
        expense_total=source.expense_total,
        change_reason=change_reason.strip(),
        based_on=source,
        created_by=actor,
    )
    ExpenseLine.objects.bulk_create(
        [
            ExpenseLine(
                version=version,
                kind=line.kind,
                scope=line.scope,
                region_id=line.region_id,
                year=line.year,
                description=line.description,
                aarsvaerk=line.aarsvaerk,
                hours=line.hours,
                hourly_rate=line.hourly_rate,
                amount=line.amount,
            )
            for line in source.lines.all()
        ]
    )
    log_action(
        actor=actor,
        action="business_case.version_new",
        obj=business_case,
        data={"version": number, "based_on": source.number, "reason": version.change_reason},
    )
    return version


@transaction.atomic
def version_update(
    *,
    actor,
    version: BusinessCaseVersion,
    start_date: date,
    end_date: date,
    scope: str,
    buffer: Decimal,
    change_reason: str = "",
) -> BusinessCaseVersion:
    """Edit a draft's time, scope and buffer (R17: buffer at most 10 % of the expense total)."""
    require(actor, EDIT_PERM, version.business_case.project)
    version = _lock_version(version)
    _require_draft(version)
    _check_buffer(Decimal(buffer), version.expense_total)
    _check_not_below_drawn(Decimal(buffer), version.business_case)
    before = {"start": str(version.start_date), "end": str(version.end_date), "buffer": str(version.buffer)}
    version.start_date, version.end_date, version.scope = start_date, end_date, scope
    version.buffer, version.change_reason = Decimal(buffer), change_reason
    version.full_clean()
    version.save()
    log_action(
        actor=actor,
        action="business_case.version_update",
        obj=version,
        data={"before": before, "after": {"start": str(start_date), "end": str(end_date), "buffer": str(buffer)}},
    )
    return version


@transaction.atomic
def line_add(
    *,
    actor,
    version: BusinessCaseVersion,
    kind: str,
    scope: str,
    region=None,
    year: int,
    description: str,
    aarsvaerk=None,
    hours=None,
    hourly_rate=None,
    amount=None,
) -> ExpenseLine:
    """R14–R16: add an expense line to a draft; its kroner are computed from årsværk/hours/rate."""
    require(actor, EDIT_PERM, version.business_case.project)
    version = _lock_version(version)
    _require_draft(version)
    if scope == Scope.REGIONAL and region is None:
        raise ValidationError({"region": _("En regional udgift skal have en region.")})
    if scope == Scope.JOINT:
        region = None
    if kind != LineKind.STAFF:
        aarsvaerk = None
    if kind not in (LineKind.STAFF, LineKind.EXTERNAL):
        hours = hourly_rate = None
    if kind == LineKind.STAFF:
        hourly_rate = None
    line = ExpenseLine(
        version=version,
        kind=kind,
        scope=scope,
        region=region,
        year=year,
        description=description,
        aarsvaerk=aarsvaerk,
        hours=hours,
        hourly_rate=hourly_rate,
        amount=line_amount(kind=kind, aarsvaerk=aarsvaerk, hours=hours, hourly_rate=hourly_rate, amount=amount),
    )
    line.full_clean()
    line.save()
    _recompute_total(version)
    log_action(
        actor=actor,
        action="business_case.line_add",
        obj=version,
        data={"line": line.pk, "year": year, "kind": kind, "scope": scope, "amount": str(line.amount)},
    )
    return line


@transaction.atomic
def line_delete(*, actor, line: ExpenseLine) -> None:
    """Remove a line from a draft; refused if the remaining total would put the buffer above its cap."""
    version = line.version
    require(actor, EDIT_PERM, version.business_case.project)
    version = _lock_version(version)
    _require_draft(version)
    data = {"line": line.pk, "description": line.description, "amount": str(line.amount)}
    line.delete()
    try:
        _recompute_total(version)
    except ValidationError as error:
        raise ValidationError(
            _("Linjen kan ikke fjernes, før bufferen er sat ned. %(cap)s") % {"cap": " ".join(error.messages)}
        ) from error
    log_action(actor=actor, action="business_case.line_delete", obj=version, data=data)


def _decide_version(*, actor, version, status: str, note: str) -> BusinessCaseVersion:
    require(actor, CHAIR_PERM, version.business_case.project.pejlemaerke)
    version = _lock_version(version)
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(_("Versionen er allerede afgjort."))
    if status == VersionStatus.APPROVED:
        if not version.lines.exists():
            raise ValidationError(_("En version uden udgiftslinjer kan ikke godkendes."))
        _check_buffer(version.buffer, version.expense_total)
        _check_not_below_drawn(version.buffer, version.business_case)
    version.status, version.decided_by, version.decided_at = status, actor, timezone.now()
    version.decision_note = (note or "").strip()
    version.full_clean()
    version.save()
    log_action(
        actor=actor,
        action=f"business_case.version_{'approve' if status == VersionStatus.APPROVED else 'reject'}",
        obj=version,
        data={"version": version.number, "note": version.decision_note, "total": str(version.expense_total)},
    )
    return version


@transaction.atomic
def version_approve(*, actor, version: BusinessCaseVersion, note: str = "") -> BusinessCaseVersion:
    """R23: the steering-group chair approves a draft; from now on it is the version that counts."""
    return _decide_version(actor=actor, version=version, status=VersionStatus.APPROVED, note=note)


@transaction.atomic
def version_reject(*, actor, version: BusinessCaseVersion, note: str) -> BusinessCaseVersion:
    """The chair rejects a draft (it is kept, never counts)."""
    if not (note or "").strip():
        raise ValidationError({"note": _("Skriv hvorfor versionen afvises.")})
    return _decide_version(actor=actor, version=version, status=VersionStatus.REJECTED, note=note)


@transaction.atomic
def staff_actual_record(*, actor, line: ExpenseLine, actual_hours: Decimal) -> ExpenseLine:
    """R19: record actual staff use next to the budget; it is shown, never claimed or re-budgeted."""
    require(actor, EDIT_PERM, line.version.business_case.project)
    line = ExpenseLine.objects.select_for_update().get(pk=line.pk)
    if line.kind != LineKind.STAFF:
        raise ValidationError(_("Faktisk forbrug registreres kun på interne ressourcer (lukkede poster)."))
    if actual_hours is None or Decimal(actual_hours) < 0:
        raise ValidationError({"actual_hours": _("Angiv det faktiske forbrug i timer (0 eller mere).")})
    before = line.actual_hours
    line.actual_hours = Decimal(actual_hours)
    line.full_clean()
    line.save(update_fields=["actual_hours"])
    log_action(
        actor=actor,
        action="business_case.staff_actual",
        obj=line.version,
        data={"line": line.pk, "before": str(before), "after": str(line.actual_hours)},
    )
    return line


@transaction.atomic
def change_request_file(
    *, actor, business_case: BusinessCase, title: str, description: str, amount: Decimal, year: int
) -> ChangeRequest:
    """R18: the project leader files an ændringsanmodning to draw on the buffer."""
    require(actor, EDIT_PERM, business_case.project)
    request = ChangeRequest(
        business_case=business_case,
        title=title,
        description=description,
        amount=amount,
        year=year,
        filed_by=actor,
    )
    if amount is None or Decimal(amount) <= 0:
        raise ValidationError({"amount": _("Beløbet skal være større end 0 kr.")})
    request.full_clean()
    request.save()
    log_action(
        actor=actor,
        action="change_request.file",
        obj=business_case,
        data={"request": request.pk, "amount": str(amount)},
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
        from .selectors import latest_approved_version

        version = latest_approved_version(case.project)
        buffer = version.buffer if version else Decimal("0.00")
        remaining = rules.buffer_remaining(buffer, [_drawn(case)])
        if not rules.drawing_allowed(request.amount, remaining):
            raise ValidationError(
                _("Ændringsanmodningen på %(amount)s kr. overstiger det, der er tilbage af bufferen: %(left)s kr.")
                % {"amount": format_kr(request.amount), "left": format_kr(remaining)}
            )
    request.status = RequestStatus.APPROVED if approve else RequestStatus.REJECTED
    request.decided_by, request.decided_at, request.decision_note = actor, timezone.now(), (note or "").strip()
    request.full_clean()
    request.save()
    log_action(
        actor=actor,
        action="change_request.approve" if approve else "change_request.reject",
        obj=case,
        data={"request": request.pk, "amount": str(request.amount), "note": request.decision_note},
    )
    return request


def _check_shares(shares: dict[str, Decimal]) -> dict[str, Decimal]:
    from portfolio.rules import REGION_CODES

    if set(shares) != set(REGION_CODES):
        raise ValidationError(_("Angiv en andel for hver af de fem regioner."))
    shares = {code: Decimal(shares[code]) for code in REGION_CODES}
    if not rules.shares_are_valid(shares):
        raise ValidationError(shares_message())
    return shares


@transaction.atomic
def block_grant_key_set(*, actor, year: int, shares: dict[str, Decimal], source: str = "") -> BlockGrantKey:
    """R20: the secretariat records the year's bloktilskudsnøgle (five shares, exactly 100 %)."""
    require(actor, KEY_PERM)
    shares = _check_shares(shares)
    key = BlockGrantKey.objects.select_for_update().filter(year=year).first() or BlockGrantKey(year=year)
    before = key.shares() if key.pk else None
    for code, value in shares.items():
        setattr(key, BlockGrantKey.SHARE_FIELDS[code], value)
    key.source, key.updated_by = source, actor
    key.full_clean()
    key.save()
    log_action(
        actor=actor,
        action="block_grant_key.set",
        obj=key,
        data={
            "before": {k: str(v) for k, v in before.items()} if before else None,
            "after": {k: str(v) for k, v in shares.items()},
        },
    )
    return key


@transaction.atomic
def agreed_split_set(*, actor, business_case: BusinessCase, shares: dict[str, Decimal], reason: str) -> AgreedSplit:
    """R20: record the steering group's agreed split (instead of the key); also exactly 100 %."""
    require(actor, CHAIR_PERM, business_case.project.pejlemaerke)
    shares = _check_shares(shares)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Skriv hvor fordelingen er aftalt (fx styregruppemøde og dato).")})
    split = AgreedSplit.objects.select_for_update().filter(business_case=business_case).first() or AgreedSplit(
        business_case=business_case
    )
    for code, value in shares.items():
        setattr(split, AgreedSplit.SHARE_FIELDS[code], value)
    split.reason, split.updated_by = reason.strip(), actor
    split.full_clean()
    split.save()
    log_action(
        actor=actor,
        action="agreed_split.set",
        obj=business_case,
        data={"shares": {k: str(v) for k, v in shares.items()}, "reason": split.reason},
    )
    return split


@transaction.atomic
def agreed_split_remove(*, actor, business_case: BusinessCase) -> None:
    """R20: go back to the bloktilskudsnøgle."""
    require(actor, CHAIR_PERM, business_case.project.pejlemaerke)
    deleted, _count = AgreedSplit.objects.filter(business_case=business_case).delete()
    if deleted:
        log_action(actor=actor, action="agreed_split.remove", obj=business_case)

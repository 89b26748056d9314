"""Typed audit in finance: each action is an AuditAction with a Danish label; updates record {field: [old, new]}."""

from decimal import Decimal as D

import pytest

from finance import services
from finance.models import AuditAction
from portfolio.audit import entries_for
from portfolio.models import AuditEntry
from rsi_portal.registry import audit_action_label

from .factories import BlockGrantKeyFactory, ExpenseLineFactory, UserFactory

pytestmark = pytest.mark.django_db

SHARES = {"RH": D("31.6"), "RSJ": D("14.3"), "RSD": D("21.4"), "RM": D("22.7"), "RN": D("10")}


def test_the_stored_action_strings_are_unchanged_and_have_danish_labels():
    assert set(AuditAction.values) == {
        "business_case.create",
        "business_case.version_new",
        "business_case.version_update",
        "business_case.version_approve",
        "business_case.version_reject",
        "business_case.line_add",
        "business_case.line_delete",
        "business_case.staff_actual",
        "change_request.file",
        "change_request.approve",
        "change_request.reject",
        "block_grant_key.set",
        "agreed_split.set",
        "agreed_split.remove",
    }
    assert audit_action_label("business_case.version_approve") == "Business case-version godkendt"
    assert audit_action_label("change_request.file") == "Ændringsanmodning indsendt"


def test_a_version_update_records_old_and_new_of_what_changed_only():
    version = ExpenseLineFactory(amount=D("1000000.00")).version
    leader = version.created_by
    fields = {"start_date": version.start_date, "end_date": version.end_date, "scope": "Nyt omfang"}
    services.version_update(actor=leader, version=version, buffer=D("50000"), **fields)
    entry = AuditEntry.objects.get(action=AuditAction.VERSION_UPDATE, object_id=str(version.pk))
    assert entry.data == {"scope": ["Anskaffelse og implementering.", "Nyt omfang"], "buffer": ["0.00", "50000"]}
    assert entry.action_label == "Business case-version ændret" and entry.actor == leader
    services.version_update(actor=leader, version=version, buffer=D("50000.00"), **fields)
    assert AuditEntry.objects.filter(action=AuditAction.VERSION_UPDATE, object_id=str(version.pk)).count() == 1


def test_a_line_records_the_new_total_and_a_decision_its_status_change():
    version = ExpenseLineFactory(amount=D("200000.00")).version
    services.line_add(
        actor=version.created_by,
        version=version,
        kind="other",
        scope="joint",
        year=2027,
        description="Licens",
        amount=D("50000"),
    )
    line_entry = AuditEntry.objects.get(action=AuditAction.LINE_ADD, object_id=str(version.pk))
    assert line_entry.data["amount"] == [None, "50000.00"]
    assert line_entry.data["expense_total"] == ["200000.00", "250000.00"]
    chair = UserFactory()
    services.version_approve(actor=chair, version=version, note="OK")
    entry = entries_for(version).get(action=AuditAction.VERSION_APPROVE)
    assert entry.data["status"] == ["draft", "approved"]
    assert entry.data["decision_note"] == ["", "OK"]
    assert entry.data["decided_by"] == [None, str(chair)]


def test_the_key_records_its_shares_when_created_and_only_the_changed_ones_after():
    secretariat = UserFactory()
    key = services.block_grant_key_set(actor=secretariat, year=2040, shares=SHARES, source="Aftalen")
    created = entries_for(key).get()
    assert created.data["share_rh"] == [None, "31.6"] and created.data["source"] == [None, "Aftalen"]
    services.block_grant_key_set(
        actor=secretariat, year=2040, shares={**SHARES, "RH": D("31.5"), "RN": D("10.1")}, source="Aftalen"
    )
    updated = entries_for(key).exclude(pk=created.pk).get()
    assert updated.data == {"share_rh": ["31.6000", "31.5"], "share_rn": ["10.0000", "10.1"]}


def test_a_change_request_decision_records_old_and_new_status():
    version = services.version_approve(
        actor=UserFactory(), version=_with_buffer(ExpenseLineFactory(amount=D("1000000.00")).version)
    )
    case = version.business_case
    request = services.change_request_file(
        actor=version.created_by,
        business_case=case,
        title="Ekstra",
        description="Uforudset",
        amount=D("1000"),
        year=2027,
    )
    services.change_request_decide(actor=UserFactory(), change_request=request, approve=True)
    entry = entries_for(case).get(action=AuditAction.CHANGE_REQUEST_APPROVE)
    assert entry.data["request"] == request.pk and entry.data["status"] == ["submitted", "approved"]


def test_an_unchanged_key_writes_no_entry():
    key = BlockGrantKeyFactory(year=2041)
    services.block_grant_key_set(
        actor=key.updated_by, year=2041, shares={code: D("20") for code in SHARES}, source=key.source
    )
    assert not entries_for(key).exists()


def _with_buffer(version):
    return services.version_update(
        actor=version.created_by,
        version=version,
        start_date=version.start_date,
        end_date=version.end_date,
        scope=version.scope,
        buffer=D("100000"),
    )

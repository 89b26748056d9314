"""R17 at every door: the form, the service and the database refuse a buffer above 10 %, with the cap shown."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from finance import services
from finance.forms import VersionForm
from finance.models import BusinessCaseVersion

from .conftest import make_case
from .factories import ExpenseLineFactory, region


def _draft(joint=D("1000000.00"), regional=None):
    """A draft with one joint line (and optionally one regional line in RN), built with factories."""
    version = ExpenseLineFactory(amount=joint).version
    if regional:
        ExpenseLineFactory(version=version, scope="regional", region=region("RN"), amount=regional)
    version.refresh_from_db()
    return version


def _set_buffer(version, buffer):
    return services.version_update(
        actor=version.created_by,
        version=version,
        start_date=version.start_date,
        end_date=version.end_date,
        scope=version.scope,
        buffer=buffer,
    )


@pytest.mark.django_db
def test_r17_service_allows_exactly_ten_percent():
    version = _set_buffer(_draft(D("1000000.00")), D("100000.00"))
    version.refresh_from_db()
    assert version.buffer == D("100000.00")


@pytest.mark.django_db
def test_r17_service_refuses_one_oere_over_with_the_cap_in_the_message():
    version = _draft(D("1000000.00"))
    with pytest.raises(ValidationError) as error:
        _set_buffer(version, D("100000.01"))
    assert "100.000,00 kr." in " ".join(error.value.messages)
    version.refresh_from_db()
    assert version.buffer == D("0.00")


@pytest.mark.django_db
def test_r17_base_is_joint_plus_regional_excluding_drift():
    version = _draft(D("600000.00"), regional=D("400000.00"))
    services.line_add(
        actor=version.created_by,
        version=version,
        kind="operating",
        scope="joint",
        year=2029,
        description="Drift",
        amount=D("5000000.00"),
    )
    version.refresh_from_db()
    assert version.expense_total == D("1000000.00")
    with pytest.raises(ValidationError):
        _set_buffer(version, D("100000.01"))


@pytest.mark.django_db
def test_r17_cap_rounds_down_in_the_service():
    # 10 % of 1,000,000.05 is 100,000.005 -> the cap is 100,000.00, never 100,000.01
    version = _draft(D("1000000.05"))
    with pytest.raises(ValidationError):
        _set_buffer(version, D("100000.01"))
    _set_buffer(version, D("100000.00"))


@pytest.mark.django_db
def test_r17_removing_a_line_that_would_break_the_cap_is_refused():
    version = _set_buffer(_draft(D("600000.00"), regional=D("400000.00")), D("100000.00"))
    regional = version.lines.get(scope="regional")
    with pytest.raises(ValidationError):
        services.line_delete(actor=version.created_by, line=regional)
    assert version.lines.count() == 2


def test_r17_form_refuses_above_cap_and_keeps_what_was_typed(fresh_luna, people, client, login):
    version = make_case(fresh_luna, people["projektleder"], joint=D("1000000.00"))
    form = VersionForm(
        {"start_date": "2027-01-01", "end_date": "2028-12-31", "scope": "x", "buffer": "100000.01"}, instance=version
    )
    assert not form.is_valid()
    assert "100.000,00 kr." in form.errors["buffer"][0]
    login("projektleder")
    response = client.post(
        reverse("finance:version_edit", args=[version.pk]),
        {
            "start_date": "2027-01-01",
            "end_date": "2028-12-31",
            "scope": "Mit nye omfang",
            "buffer": "150000",
            "change_reason": "",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Mit nye omfang" in html and 'value="150000"' in html and "100.000,00 kr." in html
    version.refresh_from_db()
    assert version.buffer == D("0.00")


def test_r17_database_check_refuses_a_buffer_above_the_cap(fresh_luna, people):
    version = make_case(fresh_luna, people["projektleder"], joint=D("1000000.00"))
    with pytest.raises(IntegrityError), transaction.atomic():
        BusinessCaseVersion.objects.filter(pk=version.pk).update(buffer=D("100000.01"))
    BusinessCaseVersion.objects.filter(pk=version.pk).update(buffer=D("100000.00"))  # exactly 10 % is fine

"""R20 at every door: the key and an agreed split sum to exactly 100 % in form, service and database."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from finance import selectors, services
from finance.forms import KeyForm
from finance.models import BlockGrantKey

from .conftest import make_case
from .factories import body_decides

KEY = {"RH": D("31.6000"), "RSJ": D("14.3000"), "RSD": D("21.4000"), "RM": D("22.7000"), "RN": D("10.0000")}


def test_r20_secretariat_sets_a_key_of_exactly_100(people):
    key = services.block_grant_key_set(actor=people["sekretariat"], year=2031, shares=KEY, source="test")
    assert key.shares() == KEY
    with pytest.raises(ValidationError):
        services.block_grant_key_set(actor=people["sekretariat"], year=2031, shares={**KEY, "RN": D("10.0001")})
    with pytest.raises(ValidationError):
        services.block_grant_key_set(actor=people["sekretariat"], year=2031, shares={"RH": D("100")})
    with pytest.raises(PermissionDenied):
        services.block_grant_key_set(actor=people["formand"], year=2031, shares=KEY)


def test_r20_database_refuses_a_key_that_does_not_sum_to_100(people):
    key = services.block_grant_key_set(actor=people["sekretariat"], year=2032, shares=KEY)
    with pytest.raises(IntegrityError), transaction.atomic():
        BlockGrantKey.objects.filter(pk=key.pk).update(share_rn=D("10.0001"))
    with pytest.raises(IntegrityError), transaction.atomic():
        BlockGrantKey.objects.filter(pk=key.pk).update(share_rn=D("-1"), share_rh=D("42.6"))


def test_r20_key_form_shows_the_sum_and_keeps_input(people, client, login):
    form = KeyForm(
        {
            "share_rh": "31.6",
            "share_rsj": "14.3",
            "share_rsd": "21.4",
            "share_rm": "22.7",
            "share_rn": "9.9",
            "source": "",
        }
    )
    assert not form.is_valid()
    assert "præcis 100 %" in form.non_field_errors()[0] and "99,9" in form.non_field_errors()[0]
    login("sekretariat")
    response = client.post(
        reverse("finance:key_edit", args=[2033]),
        {
            "share_rh": "31.6",
            "share_rsj": "14.3",
            "share_rsd": "21.4",
            "share_rm": "22.7",
            "share_rn": "9.9",
            "source": "Min kilde",
        },
    )
    assert response.status_code == 400 and 'value="Min kilde"' in response.content.decode()
    assert not BlockGrantKey.objects.filter(year=2033).exists()


def test_r20_joint_expenses_follow_the_key_unless_an_agreed_split(fresh_luna, people):
    services.block_grant_key_set(actor=people["sekretariat"], year=2027, shares=KEY)
    version = make_case(fresh_luna, people["projektleder"], joint=D("1000000.01"), regional=D("500000"))
    body_decides(services.version_approve(actor=people["formand"], version=version))  # the first financing, R23
    parts = {c.paying_region.code: c.amount for c in selectors.collections_for_year(2027, project=fresh_luna)}
    assert sum(parts.values()) == D("1000000.01")  # regional lines are not collected, the parts add up
    assert parts["RH"] == D("316000.01") and parts["RN"] == D("100000.00")  # RH has the largest remainder
    equal = {code: D("20") for code in KEY}
    services.agreed_split_set(
        actor=people["formand"], business_case=version.business_case, shares=equal, reason="Styregruppemøde"
    )
    parts = {c.paying_region.code: c.amount for c in selectors.collections_for_year(2027, project=fresh_luna)}
    assert sorted(parts.values()) == [D("200000.00")] * 4 + [D("200000.01")]
    with pytest.raises(ValidationError):
        services.agreed_split_set(
            actor=people["formand"], business_case=version.business_case, shares={**equal, "RN": D("19.99")}, reason="x"
        )
    with pytest.raises(PermissionDenied):
        services.agreed_split_set(
            actor=people["projektleder"], business_case=version.business_case, shares=equal, reason="x"
        )

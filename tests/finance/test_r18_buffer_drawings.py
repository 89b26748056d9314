"""R18: change requests filed by the leader, decided by the chair; drawings never exceed the buffer."""

import threading
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import close_old_connections, connection

from finance import selectors, services
from finance.models import ChangeRequest
from tests.conftest import require_component

from .conftest import make_case


@pytest.fixture
def approved_case(fresh_luna, people):
    version = make_case(fresh_luna, people["projektleder"], joint=D("1000000.00"), buffer=D("100000.00"))
    services.version_approve(actor=people["formand"], version=version)
    return version.business_case


def _file(case, people, amount):
    return services.change_request_file(
        actor=people["projektleder"],
        business_case=case,
        title="Ekstra test",
        description="Uforudset",
        amount=amount,
        year=2027,
    )


def test_r18_only_an_approved_request_draws_on_the_buffer(approved_case, people):
    request = _file(approved_case, people, D("30000.00"))
    assert selectors.buffer_status(approved_case)["remaining"] == D("100000.00")
    services.change_request_decide(actor=people["formand"], change_request=request, approve=True)
    rejected = _file(approved_case, people, D("20000.00"))
    services.change_request_decide(actor=people["formand"], change_request=rejected, approve=False, note="Nej")
    status = selectors.buffer_status(approved_case)
    assert (status["drawn"], status["remaining"]) == (D("30000.00"), D("70000.00"))


def test_r18_drawing_exactly_what_is_left_is_allowed_one_oere_more_is_not(approved_case, people):
    services.change_request_decide(
        actor=people["formand"], change_request=_file(approved_case, people, D("60000")), approve=True
    )
    too_much = _file(approved_case, people, D("40000.01"))
    with pytest.raises(ValidationError) as error:
        services.change_request_decide(actor=people["formand"], change_request=too_much, approve=True)
    assert "40.000,00 kr." in " ".join(error.value.messages)
    exact = _file(approved_case, people, D("40000.00"))
    services.change_request_decide(actor=people["formand"], change_request=exact, approve=True)
    assert selectors.buffer_status(approved_case)["remaining"] == D("0.00")


def test_r18_leader_files_chair_decides(approved_case, people):
    with pytest.raises(PermissionDenied):
        _file(approved_case, {"projektleder": people["direktoer"]}, D("1"))
    request = _file(approved_case, people, D("1000"))
    for role in ("projektleder", "direktoer", "kontakt", "regional"):
        with pytest.raises(PermissionDenied):
            services.change_request_decide(actor=people[role], change_request=request, approve=True)
    with pytest.raises(ValidationError):
        _file(approved_case, people, D("0"))


def test_r18_a_decided_request_cannot_be_decided_again(approved_case, people):
    request = _file(approved_case, people, D("1000"))
    services.change_request_decide(actor=people["formand"], change_request=request, approve=False, note="Nej")
    with pytest.raises(ValidationError):
        services.change_request_decide(actor=people["formand"], change_request=request, approve=True)


def test_r18_no_approved_version_means_no_buffer(fresh_luna, people):
    case = make_case(fresh_luna, people["projektleder"], buffer=D("100000")).business_case
    with pytest.raises(ValidationError):
        services.change_request_decide(
            actor=people["formand"], change_request=_file(case, people, D("1")), approve=True
        )


@pytest.mark.django_db(transaction=True)
def test_r18_two_concurrent_approvals_never_overdraw_the_buffer(demo, fresh_luna, people):
    require_component("PostgreSQL", connection.vendor == "postgresql", "row locks need PostgreSQL (DATABASE_URL)")
    version = make_case(fresh_luna, people["projektleder"], joint=D("1000000.00"), buffer=D("100000.00"))
    services.version_approve(actor=people["formand"], version=version)
    case = version.business_case
    first, second = _file(case, people, D("60000.00")), _file(case, people, D("60000.00"))
    barrier = threading.Barrier(2)
    outcomes = []

    def approve(request):
        try:
            barrier.wait(timeout=10)
            services.change_request_decide(actor=people["formand"], change_request=request, approve=True)
            outcomes.append("approved")
        except ValidationError:
            outcomes.append("refused")
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=approve, args=(r,)) for r in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(outcomes) == ["approved", "refused"]
    assert ChangeRequest.objects.filter(business_case=case, status="approved").count() == 1
    assert selectors.buffer_status(case)["remaining"] == D("40000.00")


def test_r18_a_new_version_cannot_shrink_the_buffer_below_what_was_drawn(approved_case, people):
    services.change_request_decide(
        actor=people["formand"], change_request=_file(approved_case, people, D("60000")), approve=True
    )
    draft = services.version_new(actor=people["projektleder"], business_case=approved_case, change_reason="Ny plan")
    with pytest.raises(ValidationError) as error:
        services.version_update(
            actor=people["projektleder"],
            version=draft,
            start_date=draft.start_date,
            end_date=draft.end_date,
            scope=draft.scope,
            buffer=D("59999.99"),
        )
    assert "60.000,00 kr." in " ".join(error.value.messages)
    services.version_update(
        actor=people["projektleder"],
        version=draft,
        start_date=draft.start_date,
        end_date=draft.end_date,
        scope=draft.scope,
        buffer=D("60000.00"),
    )
    services.version_approve(actor=people["formand"], version=draft)
    assert selectors.buffer_status(approved_case)["remaining"] == D("0.00")

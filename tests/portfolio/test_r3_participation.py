"""R3 følg eller forklar: no opt-out without an explanation, in the form, the service and the database."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from portfolio.models import Participation, Pejlemaerke, Region
from portfolio.rules import ParticipationStatus
from portfolio.services import participation_set


@pytest.fixture
def luna(demo):
    return Pejlemaerke.objects.get(short_name="LUNA")


def test_r3_database_refuses_opt_out_without_explanation(luna):
    participation = luna.participations.get(region__code="RN")
    participation.status = ParticipationStatus.AFSTAAR
    participation.explanation = "   "
    with pytest.raises(IntegrityError), transaction.atomic():
        participation.save()


def test_r3_service_refuses_opt_out_without_explanation(luna, sekretariat):
    region = Region.objects.get(code="RN")
    with pytest.raises(ValidationError) as error:
        participation_set(actor=sekretariat, pejlemaerke=luna, region=region, status="afventer", explanation="")
    assert "følg eller forklar" in str(error.value)
    assert luna.participations.get(region=region).status == ParticipationStatus.DELTAGER


def test_r3_service_records_opt_out_with_explanation(luna, sekretariat):
    region = Region.objects.get(code="RN")
    participation_set(
        actor=sekretariat, pejlemaerke=luna, region=region, status="afstaar", explanation="  Egen løsning i drift.  "
    )
    participation = luna.participations.get(region=region)
    assert (participation.status, participation.explanation) == ("afstaar", "Egen løsning i drift.")
    assert participation.history.count() >= 2  # the change is kept, not overwritten


def _formset_data(pejlemaerke, overrides):
    data = {"form-TOTAL_FORMS": "5", "form-INITIAL_FORMS": "5", "form-MIN_NUM_FORMS": "0", "form-MAX_NUM_FORMS": "1000"}
    for index, participation in enumerate(pejlemaerke.participations.order_by("region__sort_order")):
        status, explanation = overrides.get(
            participation.region.code, (participation.status, participation.explanation)
        )
        data |= {
            f"form-{index}-id": str(participation.pk),
            f"form-{index}-status": status,
            f"form-{index}-explanation": explanation,
        }
    return data


def test_r3_form_refuses_opt_out_in_danish_and_keeps_what_was_typed(luna, client, login):
    login("sekretariat")
    data = _formset_data(luna, {"RN": ("afventer", ""), "RH": ("afstaar", "Tekst brugeren skrev")})
    response = client.post(f"/pejlemaerker/{luna.pk}/deltagelse/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "En region kan kun afstå eller afvente med en forklaring" in page
    assert "Tekst brugeren skrev" in page
    assert '<option value="afventer" selected>' in page
    assert not Participation.objects.filter(pejlemaerke=luna).exclude(status="deltager").exists()


def test_r3_form_saves_opt_out_with_explanation(luna, client, login):
    login("sekretariat")
    data = _formset_data(luna, {"RN": ("afventer", "Afventer ny platform i 2027.")})
    response = client.post(f"/pejlemaerker/{luna.pk}/deltagelse/", data)
    assert response.status_code == 302
    assert luna.participations.get(region__code="RN").status == "afventer"


def test_demo_has_a_region_opting_out_with_explanation(demo):
    opt_out = Participation.objects.exclude(status="deltager").first()
    assert opt_out is not None and opt_out.explanation.strip()


def test_r3_detail_page_shows_every_region_participation(luna, client, login):
    login("direktoer")
    page = client.get(luna.get_absolute_url()).content.decode()
    for region in Region.objects.all():
        assert region.name in page


def test_r3_admin_shows_participation_but_changes_it_only_through_the_service(luna, rf, admin_user):
    """The admin's inline would save a participation past R3's explanation, the audit and the roll-up."""
    from django.contrib.admin.sites import site

    request = rf.get("/")
    request.user = admin_user
    (inline,) = [i for i in site._registry[Pejlemaerke].get_inline_instances(request, luna) if i.model is Participation]
    assert not inline.has_add_permission(request, luna)
    assert not inline.has_change_permission(request, luna)
    assert not inline.has_delete_permission(request, luna)
    assert inline.has_view_permission(request, luna)

"""Demo data, the pejlemærke list (filters, sorting, export) and bounded queries."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from openpyxl import load_workbook

from portfolio.models import Pejlemaerke
from portfolio.rules import Lifecycle, PejlemaerkeType

DEMO_USERS = ["sekretariat", "projektleder", "regional", "formand", "direktoer", "kontakt"]


def _snapshot():
    counts = {m._meta.label: m.objects.count() for m in apps.get_models()}
    passwords = dict(apps.get_model("auth", "User").objects.values_list("username", "password"))
    return counts, passwords


def test_loaddemo_is_idempotent(demo):
    before = _snapshot()
    call_command("loaddemo", "--i-know-this-is-not-production", stdout=io.StringIO())
    assert _snapshot() == before


def test_demo_covers_types_states_and_logins(demo, django_user_model):
    assert Pejlemaerke.objects.count() >= 15
    assert set(Pejlemaerke.objects.values_list("type", flat=True)) == set(PejlemaerkeType.values)
    assert set(Pejlemaerke.objects.values_list("state", flat=True)) == set(Lifecycle.values)
    assert set(Pejlemaerke.objects.exclude(closure="").values_list("closure", flat=True)) == {"completed", "stopped"}
    for username in DEMO_USERS:
        assert django_user_model.objects.get(username=username).check_password("demo")


def test_list_filters_by_type_state_region_and_participation(demo, client, login):
    login("direktoer")
    page = client.get("/pejlemaerker/?type=monitorering").content.decode()
    assert "Fælles mål for hjemmemonitorering" in page and "LUNA" not in page
    page = client.get("/pejlemaerker/?state=paused").content.decode()
    assert "PPJ" in page and "LABREK" not in page
    page = client.get("/pejlemaerker/?leading_region=RN").content.decode()
    assert "LABREK" in page and "Nyt RIS/PACS" not in page
    page = client.get("/pejlemaerker/?participation=fravalg&participation_region=RH").content.decode()
    assert "hjemmemonitorering" in page and "Digital hudkræft" not in page


def test_list_sorting_marks_the_sorted_column(demo, client, login):
    login("direktoer")
    page = client.get("/pejlemaerker/?sort=-name").content.decode()
    assert 'aria-sort="descending"' in page
    names = list(Pejlemaerke.objects.order_by("-name").values_list("name", flat=True))
    table = page[page.index("<tbody>") :]
    assert table.index(names[0]) < table.index(names[-1])


def test_list_exports_the_filtered_rows_as_xlsx(demo, client, login):
    login("kontakt")
    response = client.get("/pejlemaerker/?type=analyse&format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Navn"
    assert len(rows) - 1 == Pejlemaerke.objects.filter(type="analyse").count()


def test_list_exports_csv(demo, client, login):
    login("kontakt")
    body = client.get("/pejlemaerker/?format=csv").content.decode("utf-8-sig")
    assert body.splitlines()[0].startswith("Navn;Type;Livscyklus")


@pytest.mark.parametrize("extra", [0, 40])
def test_list_query_count_does_not_grow_with_the_portfolio(demo, client, login, django_assert_max_num_queries, extra):
    from portfolio.models import Region
    from portfolio.services import pejlemaerke_create

    sekretariat = login("sekretariat")
    for n in range(extra):
        pejlemaerke_create(
            actor=sekretariat, name=f"Ekstra {n}", type="analyse", leading_region=Region.objects.get(code="RH")
        )
    with django_assert_max_num_queries(12):
        assert client.get("/pejlemaerker/").status_code == 200


def test_empty_state_when_filters_match_nothing(demo, client, login):
    login("direktoer")
    page = client.get("/pejlemaerker/?q=findes-ikke").content.decode()
    assert "Ingen pejlemærker passer til filtrene" in page


def test_create_form_keeps_input_and_explains_in_danish(demo, client, login):
    login("sekretariat")
    response = client.post(
        "/pejlemaerker/ny/",
        {"name": "Mit nye pejlemærke", "type": "analyse", "is_programme": "on", "leading_region": ""},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Mit nye pejlemærke" in page
    assert "Kun anskaffelsespejlemærker kan organiseres som et program." in page
    assert "Dette felt er påkrævet." in page


def test_create_builds_steering_group_participation_and_project(demo, client, login):
    login("sekretariat")
    from portfolio.models import Region

    rh = Region.objects.get(code="RH")
    response = client.post(
        "/pejlemaerker/ny/", {"name": "Nyt pejlemærke", "type": "anskaffelse", "leading_region": rh.pk}
    )
    assert response.status_code == 302
    created = Pejlemaerke.objects.get(name="Nyt pejlemærke")
    assert created.state == "idea"
    assert created.participations.count() == 5
    assert created.steering_group.kind == "STYREGRUPPE"
    assert created.projects.count() == 1

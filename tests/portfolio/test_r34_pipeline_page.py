"""R34: the pipeline page shows the whole funnel with counts and time in stage, links each stage to its
list, exports to xlsx, is for the secretariat, IT5 and PMO5, and reads in a constant number of queries."""

import io
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from portfolio.models import Kommissorium
from portfolio.pipeline import selectors, services
from portfolio.pipeline.rules import kommissorium_missing, seminar_deadline

pytestmark = pytest.mark.django_db


def _user(name):
    return get_user_model().objects.get(username=name)


def _counts(user):
    stages, side = selectors.funnel(user)
    return {s.code: s.count for s in stages + side}


def test_r34_the_demo_has_an_idea_at_every_stage(demo):
    counts = _counts(_user("sekretariat"))
    assert all(counts[code] >= 1 for code, _label in selectors.FUNNEL + selectors.SIDE_STAGES), counts


def test_r34_counts_and_time_in_stage(demo):
    sekretariat = _user("sekretariat")
    before = _counts(sekretariat)
    k = services.kommissorium_save(actor=_user("kontakt"), title="Ny kladde til tælling")
    Kommissorium.objects.filter(pk=k.pk).update(stage_since=timezone.now() - timedelta(days=40))
    stages, _side = selectors.funnel(sekretariat)
    draft = next(s for s in stages if s.code == "draft")
    assert draft.count == before["draft"] + 1
    assert draft.longest_days >= 40
    # Another person's draft is not counted for someone else.
    assert _counts(_user("it5-rm"))["draft"] == 0


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("sekretariat", 200),
        ("it5-rm", 200),
        ("pmo5-rh", 200),
        ("kontakt", 403),
        ("direktoer", 403),
        ("projektleder", 403),
    ],
)
def test_r34_pipeline_page_roles(client, login, demo, username, status):
    login(username)
    assert client.get(reverse("portfolio:pipeline")).status_code == status


def test_r34_every_stage_links_to_its_list(client, login, demo):
    login("sekretariat")
    html = client.get(reverse("portfolio:pipeline")).content.decode()
    for code, _label in selectors.FUNNEL:
        assert f"?stage={code}" in html
    listing = client.get(reverse("portfolio:kommissorium_list") + "?stage=ranked").content.decode()
    assert "Digital genoptræningsplan på tværs af sektorer" in listing
    assert "Fælles talegenkendelse i journalen" not in listing
    assert client.get(reverse("portfolio:kommissorium_list") + "?stage=<script>").status_code == 200


def test_r34_pipeline_exports_to_xlsx(client, login, demo):
    login("sekretariat")
    response = client.get(reverse("portfolio:pipeline") + "?format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Idé", "Trin", "Dage på trinnet"]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["Fælles medicinmodul til hjemmebehandling"][1] == "Projektgrundlag undervejs"
    assert rows["FUT – fælles udbud af telemedicin"][1] == "I porteføljen"


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url_name", ["portfolio:pipeline", "portfolio:kommissorium_list", "portfolio:pipeline_ranking"]
)
def test_r34_query_counts_are_constant_in_the_number_of_ideas(client, login, demo, url_name):
    login("sekretariat")
    url = reverse(url_name)
    _queries(client, url)  # the first request of a session also reads what later ones keep
    first = _queries(client, url)
    kontakt = _user("kontakt")
    for n in range(6):
        k = services.kommissorium_save(
            actor=kontakt,
            title=f"Ekstra idé {n}",
            problem="p",
            benefits="b",
            rough_cost=1,
            timeframe="t",
            source="business",
            regions=[],
            submit=False,
        )
        services.qualification_record(
            actor=_user("pmo5-rh"),
            kommissorium=services.kommissorium_save(
                actor=kontakt,
                kommissorium=k,
                title=k.title,
                problem="p",
                benefits="b",
                rough_cost=1,
                timeframe="t",
                source="business",
                regions=[kontakt.region_contacts.first().region],
                submit=True,
            ),
            coherence="c",
            maturity="low",
            recommendation="mature",
            reason="r",
        )
        services.pipeline_place(actor=_user("it5-rm"), kommissorium=k, position=1, priority="low", reason="r")
    assert _queries(client, url) == first


def test_r34_rules():
    assert set(kommissorium_missing({"title": "x", "regions": []})) == {
        "problem",
        "benefits",
        "regions",
        "rough_cost",
        "timeframe",
        "source",
    }
    assert (
        kommissorium_missing(
            {
                "title": "x",
                "problem": "p",
                "benefits": "b",
                "regions": [1],
                "rough_cost": 0,
                "timeframe": "t",
                "source": "oa",
            }
        )
        == {}
    )
    assert seminar_deadline(date(2027, 2, 11), 3) == date(2027, 1, 21)

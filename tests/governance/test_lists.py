"""Governance lists share rsi_portal.listing: encoded export links, sorting, CSV; detail pages re-render with 400."""

import html
from datetime import date
from decimal import Decimal
from urllib.parse import parse_qs

import pytest

from governance.models import Decision
from portfolio.models import BodyKind
from tests.governance.factories import (
    BodyFactory,
    JointSystemFactory,
    MatterFactory,
    MeetingFactory,
    OperatingBudgetFactory,
    SekretariatFactory,
)

TRICKY = "R&D #1 æøå"


@pytest.fixture
def secretariat_client(client, db):
    client.force_login(SekretariatFactory())
    return client


def _export_queries(text: str) -> list[dict]:
    links = [part.split('"', 1)[0] for part in text.split('href="?')[1:]]
    return [parse_qs(html.unescape(link)) for link in links if "format=csv" in html.unescape(link)]


@pytest.mark.parametrize("url", ["/styring/", "/styring/sager/", "/styring/systemer/"])
def test_export_link_keeps_a_filter_with_ampersand_hash_and_danish_letters(secretariat_client, url):
    text = secretariat_client.get(url, {"q": TRICKY, "sort": "-" + ("day" if url == "/styring/" else "title")})
    queries = _export_queries(text.content.decode())
    assert queries, "the page has a CSV export link"
    assert all(q["q"] == [TRICKY] and q["format"] == ["csv"] for q in queries)


def test_joint_systems_sort_by_what_is_left_and_export_it(secretariat_client):
    year = 2046
    roomy = JointSystemFactory(name="Rummeligt system")
    tight = JointSystemFactory(name="Stramt system")
    OperatingBudgetFactory(system=roomy, year=year, amount=Decimal("900000.00"))
    OperatingBudgetFactory(system=tight, year=year, amount=Decimal("100000.00"))
    MatterFactory(
        joint_system=tight, year=year, kind="system_development", within_operating_budget=True, route_body="SYS"
    )
    text = secretariat_client.get("/styring/systemer/", {"year": year, "sort": "left"}).content.decode()
    assert text.index("Stramt system") < text.index("Rummeligt system")
    assert "0,00 kr." in text  # 100.000 budget, 100.000 committed
    csv = secretariat_client.get("/styring/systemer/", {"year": year, "format": "csv"}).content.decode("utf-8-sig")
    assert "Tilbage til SYS-godkendelser" in csv.splitlines()[0]
    assert any(line.startswith("Rummeligt system;") and "900000" in line for line in csv.splitlines())


def test_meeting_plan_redirects_to_the_filtered_list(secretariat_client):
    body = MeetingFactory().body
    response = secretariat_client.post("/styring/moeder/aarsplan/", {"body": body.pk, "year": 2047})
    assert response.status_code == 302
    assert parse_qs(response["Location"].split("?", 1)[1]) == {"body": [str(body.pk)], "year": ["2047"]}


def test_matter_page_keeps_an_invalid_decision_and_answers_400(secretariat_client):
    BodyFactory(kind=BodyKind.IT5)  # the body the matter is routed to
    matter = MatterFactory(title="Sag med fejl")
    invalid = {"outcome": "approved", "text": "Godkendt med forbehold", "decided_on": "ikke en dato"}
    response = secretariat_client.post(matter.get_absolute_url(), invalid)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Sag med fejl" in text and "Godkendt med forbehold" in text
    assert not Decision.objects.filter(object_id=matter.pk, text="Godkendt med forbehold").exists()
    response = secretariat_client.post(
        matter.get_absolute_url(), {"outcome": "approved", "text": "Godkendt", "decided_on": date(2046, 7, 1)}
    )
    assert response.status_code == 302
    matter.refresh_from_db()
    assert matter.status == "approved"

"""R34: the secretariat links a submitted idea to an existing pejlemærke (decided before the portal, or started
through ØA) from the kommissorium's page, with a required reason; the link shows in the idea's history and the
pejlemærke's. Only the secretariat may link (role matrix)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from portfolio.models import Kommissorium, Region, Stage
from portfolio.pipeline import services
from tests.projects.factories import PejlemaerkeFactory

pytestmark = pytest.mark.django_db

ROLES = ["sekretariat", "kontakt", "projektleder", "direktoer", "formand", "pmo5-rh", "it5-rm"]
REASON = "Besluttet af RSI DK før portalen; kommissoriet er det oprindelige."


def _user(name):
    return get_user_model().objects.get(username=name)


def _submitted(title="Fælles telefonsystem til akutmodtagelser"):
    return services.kommissorium_save(
        actor=_user("kontakt"),
        title=title,
        problem="Problem",
        benefits="Gevinster",
        rough_cost=2_000_000,
        timeframe="2 år",
        source="oa",
        regions=[Region.objects.get(code="RM")],
        submit=True,
    )


def _url(k):
    return reverse("portfolio:kommissorium_link", args=[k.pk])


@pytest.mark.parametrize("username", ROLES)
def test_r34_only_the_secretariat_links_an_idea_to_a_pejlemaerke(client, demo, login, username):
    k = _submitted()
    pejlemaerke = PejlemaerkeFactory(name="Akuttelefoni i porteføljen")
    login(username)
    page = client.get(k.get_absolute_url()).content.decode()
    allowed = username == "sekretariat"
    assert ("Knyt idéen til et eksisterende pejlemærke" in page) == allowed
    response = client.post(_url(k), {"pejlemaerke": pejlemaerke.pk, "reason": REASON})
    assert response.status_code == (302 if allowed else 403)
    k.refresh_from_db()
    assert (k.pejlemaerke_id == pejlemaerke.pk) == allowed


def test_r34_linking_needs_a_reason_and_keeps_the_choice(client, demo, login):
    k = _submitted()
    pejlemaerke = PejlemaerkeFactory(name="Pejlemærke uden begrundelse")
    login("sekretariat")
    response = client.post(_url(k), {"pejlemaerke": pejlemaerke.pk, "reason": "  "})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Skriv en begrundelse." in html
    assert f'<option value="{pejlemaerke.pk}" selected>' in html
    k.refresh_from_db()
    assert k.pejlemaerke_id is None


def test_r34_linking_bad_input_never_500(client, demo, login):
    k = _submitted()
    login("sekretariat")
    for data in ({"pejlemaerke": "abc", "reason": REASON}, {"pejlemaerke": "999999", "reason": REASON}, {}):
        response = client.post(_url(k), data)
        assert response.status_code == 400
        assert "Vælg" in response.content.decode()


def test_r34_a_draft_or_a_pejlemaerke_with_a_kommissorium_is_refused(client, demo, login):
    draft = services.kommissorium_save(actor=_user("kontakt"), title="Kun en kladde")
    taken = PejlemaerkeFactory(name="Har allerede et kommissorium")
    first = _submitted("Første idé")
    services.kommissorium_link(actor=_user("sekretariat"), kommissorium=first, pejlemaerke=taken, reason=REASON)
    login("sekretariat")
    assert "Knyt idéen" not in client.get(draft.get_absolute_url()).content.decode()
    response = client.post(_url(draft), {"pejlemaerke": PejlemaerkeFactory().pk, "reason": REASON})
    assert response.status_code == 400
    assert "En kladde kan ikke knyttes til et pejlemærke." in response.content.decode()
    second = _submitted("Anden idé")
    response = client.post(_url(second), {"pejlemaerke": taken.pk, "reason": REASON})
    assert response.status_code == 400  # no longer offered: the choice is refused
    assert Kommissorium.objects.get(pk=second.pk).pejlemaerke_id is None


def test_r34_the_link_shows_in_the_ideas_and_the_pejlemaerkes_history(client, demo, login):
    k = _submitted()
    pejlemaerke = PejlemaerkeFactory(name="Pejlemærke fra før portalen")
    login("sekretariat")
    response = client.post(_url(k), {"pejlemaerke": pejlemaerke.pk, "reason": REASON}, follow=True)
    html = response.content.decode()
    assert "Idéen er knyttet til pejlemærket." in html
    history = html[html.index("Historik") :]
    assert "Kommissorium knyttet til pejlemærke" in history and REASON in history
    assert "Knyt idéen til et eksisterende pejlemærke" not in html  # linked: the form is gone
    k.refresh_from_db()
    assert k.stage == Stage.DECIDED  # it follows its pejlemærke in the portfolio now
    login("direktoer")
    page = client.get(pejlemaerke.get_absolute_url()).content.decode()
    assert "Kommissorium knyttet til pejlemærke" in page and REASON in page

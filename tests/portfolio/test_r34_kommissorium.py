"""R34: the one-page kommissorium: draft and submit, Danish errors with the input kept, versions
(who, when, why), who may edit, and the one-page PDF."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from pypdf import PdfReader

from portfolio.models import Kommissorium, KommissoriumVersion, Region, Stage
from portfolio.pipeline import services
from portfolio.pipeline.pdf import kommissorium_pdf
from rsi_portal.pdf import pdf_text

pytestmark = pytest.mark.django_db

FULL = {
    "title": "Fælles app til indkaldelser",
    "problem": "Patienterne får indkaldelser i fem forskellige formater.",
    "benefits": "Færre udeblivelser og mindre porto.",
    "rough_cost": "2500000,00",
    "timeframe": "2 år",
    "source": "clinicians",
    "type": "analyse",
}


def _user(name):
    return get_user_model().objects.get(username=name)


def _post(client, url, data, action):
    return client.post(url, {**data, "action": action})


def test_r34_kontakt_saves_a_draft_with_only_a_title(client, demo, login):
    kontakt = login("kontakt")
    response = _post(
        client, reverse("portfolio:kommissorium_new"), {"title": "Kun en titel", "type": "analyse"}, "draft"
    )
    assert response.status_code == 302
    k = Kommissorium.objects.get(title="Kun en titel")
    assert (k.stage, k.proposer) == (Stage.DRAFT, kontakt)
    version = k.versions.get()
    assert (version.number, version.author, version.reason) == (1, kontakt, "Kladde gemt")


def test_r34_submit_with_missing_fields_shows_danish_errors_and_keeps_the_input(client, demo, login):
    login("kontakt")
    data = {"title": "Halvfærdig idé", "problem": "Et problem, der er beskrevet.", "type": "analyse"}
    response = _post(client, reverse("portfolio:kommissorium_new"), data, "submit")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Beskriv de forventede gevinster og effekter." in html
    assert "Vælg mindst én region, idéen vedrører." in html
    assert "Angiv den anslåede økonomi i kroner." in html
    assert "Et problem, der er beskrevet." in html  # what was typed is kept
    assert 'value="Halvfærdig idé"' in html
    assert not Kommissorium.objects.filter(title="Halvfærdig idé").exists()
    # The same input can still be saved as a draft.
    assert _post(client, reverse("portfolio:kommissorium_new"), data, "draft").status_code == 302
    assert Kommissorium.objects.get(title="Halvfærdig idé").stage == Stage.DRAFT


def test_r34_submit_versions_and_then_only_reading(client, demo, login):
    kontakt = login("kontakt")
    rsj = Region.objects.get(code="RSJ")
    _post(client, reverse("portfolio:kommissorium_new"), {"title": FULL["title"], "type": "analyse"}, "draft")
    k = Kommissorium.objects.get(title=FULL["title"])
    data = {**FULL, "regions": [rsj.pk], "reason": "Alle felter udfyldt"}
    response = _post(client, reverse("portfolio:kommissorium_edit", args=[k.pk]), data, "submit")
    assert response.status_code == 302
    k.refresh_from_db()
    assert k.stage == Stage.SUBMITTED and k.submitted_at is not None
    assert str(k.rough_cost) == "2500000.00"
    versions = list(KommissoriumVersion.objects.filter(kommissorium=k).order_by("number"))
    assert [(v.number, v.author, v.reason) for v in versions] == [
        (1, kontakt, "Kladde gemt"),
        (2, kontakt, "Alle felter udfyldt"),
    ]
    assert versions[1].content["regions"] == ["RSJ"] and versions[1].content["problem"] == FULL["problem"]
    # Submitted: nobody edits it any more, not even the proposer.
    assert client.get(reverse("portfolio:kommissorium_edit", args=[k.pk])).status_code == 403
    login("sekretariat")
    assert client.get(reverse("portfolio:kommissorium_edit", args=[k.pk])).status_code == 403


def test_r34_a_draft_is_the_proposers_and_the_secretariats(client, demo, login):
    k = services.kommissorium_save(actor=_user("kontakt"), title="Hemmelig kladde")
    login("projektleder")
    assert client.get(reverse("portfolio:kommissorium_detail", args=[k.pk])).status_code == 404
    assert client.get(reverse("portfolio:kommissorium_edit", args=[k.pk])).status_code == 403
    assert "Hemmelig kladde" not in client.get(reverse("portfolio:kommissorium_list")).content.decode()
    login("sekretariat")
    assert client.get(reverse("portfolio:kommissorium_edit", args=[k.pk])).status_code == 200
    response = _post(
        client,
        reverse("portfolio:kommissorium_edit", args=[k.pk]),
        {"title": "Hemmelig kladde", "type": "analyse", "reason": "Rettet af sekretariatet"},
        "draft",
    )
    assert response.status_code == 302
    assert k.versions.order_by("-number").first().author.username == "sekretariat"


def test_r34_without_a_role_nobody_proposes(client, db, demo):
    outsider = get_user_model().objects.create_user("udenfor", password="x")
    client.force_login(outsider)
    assert client.get(reverse("portfolio:kommissorium_new")).status_code == 403
    assert client.get(reverse("portfolio:kommissorium_list")).status_code == 403


def test_r34_bad_money_never_500(client, demo, login):
    login("kontakt")
    for cost in ("mange penge", "-5", "1" * 30):
        response = _post(client, reverse("portfolio:kommissorium_new"), {**FULL, "rough_cost": cost}, "submit")
        assert response.status_code == 400, cost


def test_r34_the_kommissorium_pdf_is_one_page_for_a_realistic_text(demo):
    rh, rm = Region.objects.filter(code__in=["RH", "RM"]).order_by("code")
    problem = (
        "Regionerne bruger i dag hver sin løsning til visitation af akutte patienter. Det giver forskellig "
        "kvalitet, dobbeltregistrering og svært sammenlignelige data på tværs af regionerne. "
    ) * 6
    benefits = (
        "Kortere tid fra henvendelse til visitation, færre fejlvisiteringer, et fælles datagrundlag og lavere "
        "udgifter til vedligehold, når fem løsninger bliver til én. "
    ) * 5
    k = services.kommissorium_save(
        actor=get_user_model().objects.get(username="kontakt"),
        title="AI-understøttet visitation i akutmodtagelsen",
        problem=problem,
        benefits=benefits,
        rough_cost=12_000_000,
        timeframe="2027–2029",
        source="clinicians",
        regions=[rh, rm],
        submit=True,
    )
    data = kommissorium_pdf(k)
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    text = pdf_text(data)
    assert (
        "One page-kommissorium" in text
        and "Problem og formål" in text
        and "12.000.000,00 kr." in text.replace("\xa0", " ")
    )

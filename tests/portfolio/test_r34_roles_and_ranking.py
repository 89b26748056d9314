"""R34: only PMO5 members qualify, only IT5 members rank, only the secretariat records seminar decisions
(role matrices); qualification needs a reason; IT5's order is kept with history."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from portfolio.models import PipelineEntry, PipelineRevision, Qualification, Region, SeminarItem, Stage
from portfolio.pipeline import selectors, seminar, services

pytestmark = pytest.mark.django_db

ROLES = ["sekretariat", "kontakt", "projektleder", "direktoer", "formand", "pmo5-rh", "it5-rm"]


def _user(name):
    return get_user_model().objects.get(username=name)


def _submitted(title="Fælles røntgenbooking"):
    return services.kommissorium_save(
        actor=_user("kontakt"),
        title=title,
        problem="Problem",
        benefits="Gevinster",
        rough_cost=1_000_000,
        timeframe="1 år",
        source="business",
        regions=[Region.objects.get(code="RSJ")],
        submit=True,
    )


QUALIFY = {
    "coherence": "Passer ind",
    "maturity": "medium",
    "recommendation": "pipeline",
    "reason": "Moden",
    "region": "",
}


@pytest.mark.parametrize("username", ROLES)
def test_r34_only_pmo5_members_qualify(client, demo, login, username):
    k = _submitted()
    login(username)
    response = client.post(reverse("portfolio:kommissorium_qualify", args=[k.pk]), QUALIFY)
    allowed = username.startswith("pmo5-")
    assert response.status_code == (302 if allowed else 403)
    assert Qualification.objects.filter(kommissorium=k).exists() == allowed
    k.refresh_from_db()
    assert k.stage == (Stage.QUALIFIED if allowed else Stage.SUBMITTED)


def test_r34_qualification_needs_a_reason_and_the_own_region(client, demo, login):
    k = _submitted()
    login("pmo5-rh")
    response = client.post(reverse("portfolio:kommissorium_qualify", args=[k.pk]), {**QUALIFY, "reason": " "})
    assert response.status_code == 400
    assert "Skriv en begrundelse for anbefalingen." in response.content.decode()
    assert "Passer ind" in response.content.decode()  # typed text kept
    with pytest.raises(ValidationError) as error:
        services.qualification_record(
            actor=_user("pmo5-rh"),
            kommissorium=k,
            region=Region.objects.get(code="RN"),
            coherence="x",
            maturity="low",
            recommendation="mature",
            reason="y",
        )
    assert "region" in error.value.message_dict
    rh = Region.objects.get(code="RH")
    services.qualification_record(
        actor=_user("pmo5-rh"),
        kommissorium=k,
        region=rh,
        coherence="x",
        maturity="low",
        recommendation="mature",
        reason="y",
    )
    assert Qualification.objects.get(kommissorium=k).region == rh


def test_r34_secretariat_sees_what_awaits_qualification(client, demo, login):
    k = _submitted("Venter på PMO5")
    login("sekretariat")
    html = client.get(reverse("portfolio:pipeline")).content.decode()
    assert "Venter på PMO5" in html.split("Afventer PMO5")[1]
    services.qualification_record(
        actor=_user("pmo5-rh"), kommissorium=k, coherence="x", maturity="high", recommendation="pipeline", reason="y"
    )
    html = client.get(reverse("portfolio:pipeline")).content.decode()
    assert "Venter på PMO5" not in html.split("Afventer PMO5")[1]


def _qualified(title):
    k = _submitted(title)
    services.qualification_record(
        actor=_user("pmo5-rh"), kommissorium=k, coherence="x", maturity="high", recommendation="pipeline", reason="y"
    )
    return k


@pytest.mark.parametrize("username", ROLES)
def test_r34_only_it5_members_rank(client, demo, login, username):
    k = _qualified("Rangeres")
    login(username)
    response = client.post(
        reverse("portfolio:kommissorium_rank", args=[k.pk]), {"position": 1, "priority": "high", "reason": "Vigtig"}
    )
    allowed = username.startswith("it5-")
    assert response.status_code == (302 if allowed else 403)
    assert PipelineEntry.objects.filter(kommissorium=k).exists() == allowed


def test_r34_ranking_keeps_the_order_with_history(demo):
    it5 = _user("it5-rm")
    before = list(PipelineEntry.objects.filter(kommissorium__stage=Stage.RANKED).order_by("rank"))
    a, b = _qualified("Idé A"), _qualified("Idé B")
    services.pipeline_place(actor=it5, kommissorium=a, position=1, priority="high", reason="A først")
    services.pipeline_place(actor=it5, kommissorium=b, position=1, priority="medium", reason="B er vigtigere")
    ranked = list(PipelineEntry.objects.filter(kommissorium__stage=Stage.RANKED).order_by("rank"))
    assert [e.kommissorium for e in ranked[:2]] == [b, a]
    assert [e.rank for e in ranked] == list(range(1, len(before) + 3))
    history = list(PipelineRevision.objects.order_by("-changed_at", "-pk")[:2])
    assert [h.reason for h in history] == ["B er vigtigere", "A først"]
    assert [o["title"] for o in history[0].order[:2]] == ["Idé B", "Idé A"]
    assert [o["title"] for o in history[1].order[:1]] == ["Idé A"]
    assert history[0].changed_by == it5
    with pytest.raises(ValidationError) as error:
        services.pipeline_place(actor=it5, kommissorium=a, position=1, priority="high", reason="")
    assert "reason" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.pipeline_place(actor=_user("pmo5-rh"), kommissorium=a, position=1, priority="high", reason="x")


def test_r34_an_unqualified_idea_cannot_be_ranked(demo):
    k = _submitted("Ikke kvalificeret")
    with pytest.raises(ValidationError):
        services.pipeline_place(actor=_user("it5-rm"), kommissorium=k, position=1, priority="high", reason="x")


@pytest.mark.parametrize("username", ROLES)
def test_r34_only_the_secretariat_records_seminar_decisions(client, demo, login, username):
    item = SeminarItem.objects.filter(outcome="").first() or _undecided_item()
    login(username)
    response = client.post(
        reverse("portfolio:seminar_decide", args=[item.meeting_id, item.pk]),
        {f"i{item.pk}-outcome": "parked", f"i{item.pk}-reason": "Afventer"},
    )
    allowed = username == "sekretariat"
    assert response.status_code == (302 if allowed else 403)
    item.refresh_from_db()
    assert (item.outcome == "parked") == allowed


def _undecided_item():
    it5, sekretariat = _user("it5-rm"), _user("sekretariat")
    k = _qualified("Til seminaret")
    meeting = selectors.seminar_meetings()[-1]
    services.pipeline_place(actor=it5, kommissorium=k, position=1, priority="high", reason="x", target_seminar=meeting)
    seminar.seminar_agenda_draft(actor=sekretariat, meeting=meeting)
    return SeminarItem.objects.get(kommissorium=k)

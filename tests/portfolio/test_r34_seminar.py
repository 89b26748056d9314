"""R34: the strategy seminar's agenda is drafted from IT5's pipeline with the kommissorium as Bilag; each
decision is recorded in the decision protocol and moves the idea's lifecycle (R2) with reason and link;
regional acquisition notices land on the next RSI DK agenda; ØA marking."""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from governance.models import AgendaItem, Attachment, Decision, Meeting, Standing
from portfolio.models import (
    AcquisitionNotice,
    OAMarking,
    Pejlemaerke,
    PejlemaerkeTransition,
    Region,
    SeminarItem,
    Stage,
)
from portfolio.pipeline import selectors, seminar, services
from portfolio.rhythm.selectors import calendar_events
from portfolio.rules import Closure, Lifecycle

pytestmark = pytest.mark.django_db


def _user(name):
    return get_user_model().objects.get(username=name)


def _ranked(title, meeting, position=1, oa_year=None):
    k = services.kommissorium_save(
        actor=_user("kontakt"),
        title=title,
        problem="Problem og formål",
        benefits="Gevinster",
        rough_cost=3_000_000,
        timeframe="2 år",
        source="oa" if oa_year else "business",
        oa_year=oa_year,
        regions=[Region.objects.get(code="RSJ")],
        leading_region=Region.objects.get(code="RSJ"),
        submit=True,
    )
    services.qualification_record(
        actor=_user("pmo5-rsj"), kommissorium=k, coherence="x", maturity="high", recommendation="pipeline", reason="y"
    )
    services.pipeline_place(
        actor=_user("it5-rm"), kommissorium=k, position=position, priority="high", reason="x", target_seminar=meeting
    )
    return k


@pytest.fixture
def seminar_meeting(demo):
    return selectors.seminar_meetings(after=date.today())[0]


def test_r34_agenda_is_drafted_from_the_pipeline_with_the_kommissorium_appended(seminar_meeting):
    sekretariat = _user("sekretariat")
    first = _ranked("Idé nummer et", seminar_meeting, 1)
    second = _ranked("Idé nummer to", seminar_meeting, 1)  # IT5 put it first
    created = seminar.seminar_agenda_draft(actor=sekretariat, meeting=seminar_meeting)
    assert [s.kommissorium for s in created][:2] == [second, first]
    items = {s.kommissorium_id: AgendaItem.objects.get(pk=s.agenda_item_id) for s in created}
    item = items[first.pk]
    assert item.title == "Kommissorium: Idé nummer et" and "Problem og formål" in item.sagsfremstilling
    attachment = Attachment.objects.get(item=item)
    assert attachment.content_type == "application/pdf" and attachment.pages == 1
    assert AgendaItem.objects.filter(meeting=seminar_meeting, standing=Standing.MINUTES).exists()
    # A second draft adds nothing twice.
    assert seminar.seminar_agenda_draft(actor=sekretariat, meeting=seminar_meeting) == []
    with pytest.raises(PermissionDenied):
        seminar.seminar_agenda_draft(actor=_user("it5-rm"), meeting=seminar_meeting)


def test_r34_an_ordinary_meeting_is_not_a_seminar(demo):
    meeting = Meeting.objects.filter(body__kind="RSI_DK", is_seminar=False).first()
    with pytest.raises(ValidationError):
        seminar.seminar_agenda_draft(actor=_user("sekretariat"), meeting=meeting)


def test_r34_r2_into_the_pipeline_moves_the_lifecycle_with_the_decision_as_reason(seminar_meeting):
    sekretariat = _user("sekretariat")
    k = _ranked("Fælles ØA-idé", seminar_meeting, oa_year=2027)
    (item,) = [
        s for s in seminar.seminar_agenda_draft(actor=sekretariat, meeting=seminar_meeting) if s.kommissorium == k
    ]
    with pytest.raises(ValidationError) as error:
        seminar.seminar_decide(actor=sekretariat, seminar_item=item, outcome="pipeline", reason="", priority="")
    assert {"reason", "priority"} <= set(error.value.message_dict)
    seminar.seminar_decide(
        actor=sekretariat, seminar_item=item, outcome="pipeline", priority="high", reason="Stor gevinst"
    )
    k.refresh_from_db()
    item.refresh_from_db()
    pejlemaerke = k.pejlemaerke
    assert pejlemaerke.state == Lifecycle.PIPELINE and k.stage == Stage.DECIDED
    transition = PejlemaerkeTransition.objects.get(pejlemaerke=pejlemaerke)
    agenda_item = AgendaItem.objects.get(pk=item.agenda_item_id)
    assert transition.decided_by == sekretariat
    assert f"strategiseminar {seminar_meeting.day:%d.%m.%Y}, punkt {agenda_item.number}" in transition.reason
    assert "Stor gevinst" in transition.reason
    decision = Decision.objects.get(pk=item.decision_id)
    assert (decision.meeting, decision.item, decision.outcome) == (seminar_meeting, agenda_item, "approved")
    assert OAMarking.objects.get(pejlemaerke=pejlemaerke).year == 2027  # still needs its projektgrundlag (R2)
    with pytest.raises(ValidationError):  # decided once
        seminar.seminar_decide(actor=sekretariat, seminar_item=item, outcome="rejected", reason="igen")


def test_r34_parked_and_rejected(seminar_meeting):
    sekretariat = _user("sekretariat")
    parked, rejected = _ranked("Parkeres", seminar_meeting), _ranked("Afvises", seminar_meeting)
    items = {s.kommissorium_id: s for s in seminar.seminar_agenda_draft(actor=sekretariat, meeting=seminar_meeting)}
    seminar.seminar_decide(actor=sekretariat, seminar_item=items[parked.pk], outcome="parked", reason="Vent")
    seminar.seminar_decide(actor=sekretariat, seminar_item=items[rejected.pk], outcome="rejected", reason="Nej")
    parked.refresh_from_db()
    rejected.refresh_from_db()
    assert (parked.stage, rejected.stage) == (Stage.PARKED, Stage.REJECTED)
    assert parked.pejlemaerke is None and rejected.pejlemaerke is None
    decision_id = SeminarItem.objects.get(pk=items[rejected.pk].pk).decision_id
    assert Decision.objects.get(pk=decision_id).outcome == "rejected"


def test_r34_r2_rejecting_an_idea_with_a_pejlemaerke_stops_it(seminar_meeting):
    sekretariat = _user("sekretariat")
    k = _ranked("Har allerede pejlemærke", seminar_meeting)
    idea = Pejlemaerke.objects.filter(state=Lifecycle.IDEA).exclude(kommissorium__isnull=False).first()
    services.kommissorium_link(actor=sekretariat, kommissorium=k, pejlemaerke=idea, reason="Samme idé")
    k.refresh_from_db()
    assert k.stage == Stage.RANKED  # an idea-state pejlemærke still waits for the seminar
    items = {s.kommissorium_id: s for s in seminar.seminar_agenda_draft(actor=sekretariat, meeting=seminar_meeting)}
    seminar.seminar_decide(actor=sekretariat, seminar_item=items[k.pk], outcome="rejected", reason="Ingen gevinst")
    idea.refresh_from_db()
    assert (idea.state, idea.closure) == (Lifecycle.CLOSED, Closure.STOPPED)
    assert "strategiseminar" in idea.stop_decision_reference


def test_r34_seminar_decision_form_keeps_input_and_needs_reason(client, login, seminar_meeting):
    sekretariat = login("sekretariat")
    k = _ranked("Formulartest", seminar_meeting)
    items = {s.kommissorium_id: s for s in seminar.seminar_agenda_draft(actor=sekretariat, meeting=seminar_meeting)}
    item = items[k.pk]
    url = reverse("portfolio:seminar_decide", args=[seminar_meeting.pk, item.pk])
    response = client.post(url, {f"i{item.pk}-outcome": "pipeline", f"i{item.pk}-reason": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Skriv seminarets begrundelse." in html and "Vælg en prioritet for idéen i pipelinen." in html
    response = client.post(
        url, {f"i{item.pk}-outcome": "pipeline", f"i{item.pk}-priority": "low", f"i{item.pk}-reason": "Godt"}
    )
    assert response.status_code == 302
    assert Pejlemaerke.objects.get(name="Formulartest").state == Lifecycle.PIPELINE


def test_regional_notice_lands_on_the_next_rsi_dk_agenda_as_orientation(client, login, demo):
    login("kontakt")
    rsj = Region.objects.get(code="RSJ")
    url = reverse("portfolio:notice_new")
    bad = client.post(
        url,
        {"region": rsj.pk, "title": "Nyt EPJ-modul", "description": "", "expected_start": "snart", "contact": "Karl"},
    )
    assert bad.status_code == 400 and "Nyt EPJ-modul" in bad.content.decode()
    other = Region.objects.get(code="RN")
    refused = client.post(
        url, {"region": other.pk, "title": "x", "description": "y", "expected_start": "2027-03-01", "contact": "k"}
    )
    assert refused.status_code == 400  # not their region: not a choice
    ok = client.post(
        url,
        {
            "region": rsj.pk,
            "title": "Nyt EPJ-modul",
            "description": "Anskaffelse",
            "expected_start": "2027-03-01",
            "contact": "Karl",
        },
    )
    assert ok.status_code == 302
    login("sekretariat")
    meeting = selectors.rsi_dk_meetings(after=date.today())[0]
    response = client.post(reverse("portfolio:notices_to_agenda"), {"meeting": meeting.pk})
    assert response.status_code == 302
    item = AgendaItem.objects.get(meeting=meeting, standing=Standing.ORIENTERING)
    assert "Nyt EPJ-modul" in item.sagsfremstilling and "Region Sjælland" in item.sagsfremstilling
    assert not AcquisitionNotice.objects.filter(agenda_item_id__isnull=True).exists()


def test_projektleder_without_contact_role_gives_no_notice(client, login, demo):
    login("projektleder")
    assert client.get(reverse("portfolio:notice_new")).status_code == 403


def test_r34_oa_marking_by_the_secretariat_only(client, login, demo):
    pejlemaerke = Pejlemaerke.objects.filter(state=Lifecycle.PIPELINE).first()
    login("kontakt")
    assert client.post(reverse("portfolio:pejlemaerke_oa", args=[pejlemaerke.pk]), {"year": 2027}).status_code == 403
    login("sekretariat")
    assert client.post(reverse("portfolio:pejlemaerke_oa", args=[pejlemaerke.pk]), {"year": "x"}).status_code == 302
    assert not OAMarking.objects.filter(pejlemaerke=pejlemaerke).exists()
    client.post(reverse("portfolio:pejlemaerke_oa", args=[pejlemaerke.pk]), {"year": 2027})
    assert OAMarking.objects.get(pejlemaerke=pejlemaerke).year == 2027
    page = client.get(pejlemaerke.get_absolute_url()).content.decode()
    assert "ØA 2027" in page and pejlemaerke.state == Lifecycle.PIPELINE


def test_r34_r32_the_aarshjul_shows_the_seminars_with_the_kommissorium_deadline(seminar_meeting, settings):
    events = {e.uid: e for e in calendar_events(seminar_meeting.day.year)}
    assert "strategiseminar" in events[f"meeting-{seminar_meeting.pk}"].title
    deadline = events[f"kommissorium-{seminar_meeting.pk}"]
    assert deadline.start == seminar_meeting.day - timedelta(weeks=3)
    settings.RSI = {**settings.RSI, "KOMMISSORIUM_WEEKS_BEFORE_SEMINAR": 4}
    events = {e.uid: e for e in calendar_events(seminar_meeting.day.year)}
    assert events[f"kommissorium-{seminar_meeting.pk}"].start == seminar_meeting.day - timedelta(weeks=4)

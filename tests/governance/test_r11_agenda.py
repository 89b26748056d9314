"""R11 on the RSI DK agenda: red roll-ups and green→yellow moves become items for a decision on corrective
action, presented by the IT director of the region leading the steering group; persistent yellow is offered."""

from datetime import date

import pytest

from governance import services
from governance.selectors import agenda_candidates_for, it_director_for, report_month, yellow_offers
from portfolio.models import BodyKind, BodyMembership
from tests.governance.helpers import make_meeting, sekretariat

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting_with_candidates(demo):
    """A meeting whose latest reported month has R11 candidates in the demo's status history."""
    from projects.selectors import agenda_candidates

    today = date.today()
    for months_back in range(1, 7):
        month_index = today.year * 12 + today.month - 1 - months_back
        month = date(month_index // 12, month_index % 12 + 1, 1)
        if agenda_candidates(month):
            # a meeting 3 weeks after the month ends: its agenda is drafted from that month
            nxt = date((month_index + 1) // 12, (month_index + 1) % 12 + 1, 1)
            meeting = make_meeting(day=nxt.replace(day=23))
            assert report_month(meeting.day, today=meeting.day) == month
            return meeting, month
    pytest.fail("the demo status history has no R11 candidates in the last six months")


def test_r11_drafting_an_rsi_dk_agenda_adds_each_candidate_once_with_presenter(meeting_with_candidates):
    meeting, month = meeting_with_candidates
    candidates = agenda_candidates_for(meeting, month=month)
    assert candidates
    services.agenda_draft(actor=sekretariat(), meeting=meeting, month=month)
    services.agenda_draft(actor=sekretariat(), meeting=meeting, month=month)
    items = {item.pejlemaerke_id: item for item in meeting.items.exclude(pejlemaerke=None)}
    assert set(items) == {c.pejlemaerke.pk for c in candidates}
    for candidate in candidates:
        item = items[candidate.pejlemaerke.pk]
        director = BodyMembership.objects.get(body__kind=BodyKind.IT5, region=candidate.pejlemaerke.leading_region)
        assert item.presenter == director.user
        assert director.user.get_full_name() in item.resume
        assert candidate.why in item.sagsfremstilling
        assert "korrigerende handlinger" in item.indstilling
        text = item.sagsfremstilling
        for report in candidate.region_reports:
            assert report.region.name in text
            if report.overall and report.colour != "green":
                assert report.overall.strip()[:40] in text
        # R30: red and yellow regions come first; the green ones collapse into one line at the end
        rank = {"red": 0, "yellow": 1}
        shown = sorted(
            (r for r in candidate.region_reports if r.colour != "green"), key=lambda r: rank.get(r.colour, 2)
        )
        positions = [text.index(f"{r.region.name}: ") for r in shown]
        assert positions == sorted(positions)
        greens = sorted({r.region.name for r in candidate.region_reports if r.colour == "green"})
        if greens:
            assert text.rstrip().endswith(f"Grøn: {', '.join(greens)}.")
            assert all(f"{name}: Grøn." not in text for name in greens)
    red = [c for c in candidates if c.colour == "red"]
    for c in red:
        assert "Samlet status: Rød." in items[c.pejlemaerke.pk].sagsfremstilling


def test_r11_other_bodies_get_only_standing_items(meeting_with_candidates):
    _, month = meeting_with_candidates
    it5 = make_meeting(kind=BodyKind.IT5, day=date(2031, 2, 4))
    services.agenda_draft(actor=sekretariat(), meeting=it5, month=month)
    assert not it5.items.exclude(pejlemaerke=None).exists()
    assert it5.items.count() == 4


def test_r11_it_director_is_the_it5_member_of_the_leading_region(demo):
    from portfolio.models import Pejlemaerke

    luna = Pejlemaerke.objects.get(short_name="LUNA")
    director = it_director_for(luna)
    assert BodyMembership.objects.filter(user=director, body__kind=BodyKind.IT5, region=luna.leading_region).exists()


def test_r11_persistent_yellow_offered_and_added_with_one_click(client, login, demo):
    from projects.selectors import persistent_yellow

    today = date.today()
    month = None
    for months_back in range(1, 7):
        index = today.year * 12 + today.month - 1 - months_back
        candidate_month = date(index // 12, index % 12 + 1, 1)
        if persistent_yellow(candidate_month):
            month = candidate_month
            break
    if month is None:
        pytest.fail("the demo has no persistent-yellow pejlemærke in the last six months")
    index = month.year * 12 + month.month
    meeting = make_meeting(day=date(index // 12, index % 12 + 1, 24))
    offers = yellow_offers(meeting, month=month)
    assert [p.pk for p in offers] == [p.pk for p in persistent_yellow(month)]
    pejlemaerke = offers[0]
    login("sekretariat")
    response = client.post(f"/styring/moeder/{meeting.pk}/pejlemaerke/{pejlemaerke.pk}/")
    assert response.status_code == 302
    item = meeting.items.get(pejlemaerke=pejlemaerke)
    assert item.presenter == it_director_for(pejlemaerke)
    assert pejlemaerke.pk not in [p.pk for p in yellow_offers(meeting, month=month)]
    client.post(f"/styring/moeder/{meeting.pk}/pejlemaerke/{pejlemaerke.pk}/")
    assert meeting.items.filter(pejlemaerke=pejlemaerke).count() == 1
    login("direktoer")
    assert client.post(f"/styring/moeder/{meeting.pk}/pejlemaerke/{pejlemaerke.pk}/").status_code == 403

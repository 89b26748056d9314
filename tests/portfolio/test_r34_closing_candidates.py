"""R34 yearly prioritisation: besides long red and persistent yellow, a pejlemærke whose next gate has not
been passed for settings.RSI["STALLED_GATE_MONTHS"] months (default 6) is a closing candidate, with the
reason shown on the seminar page. Each test builds its own pejlemærker and projects."""

from datetime import date, datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portfolio.pipeline import selectors
from portfolio.pipeline.rules import gate_stalled, whole_months
from portfolio.pipeline.settings import DEFAULT_STALLED_GATE_MONTHS, stalled_gate_months
from portfolio.rules import Lifecycle, PejlemaerkeType
from projects.models import PhaseChange, Project
from projects.rules import Phase, Step
from projects.selectors import open_gates
from tests.projects.factories import PejlemaerkeFactory, ProjectFactory, UserFactory, first_regions

pytestmark = pytest.mark.django_db

TODAY = date(2031, 6, 15)
MONTH = date(2031, 5, 1)


def _in_analyse(name: str, *, entered: date | None, created: date = date(2030, 1, 1), region=None, pejlemaerke=None):
    """A project in Analyse (with an acquisition ahead), entered through a phase change on `entered`."""
    pejlemaerke = pejlemaerke or PejlemaerkeFactory(name=name)
    project = ProjectFactory(
        pejlemaerke=pejlemaerke, region=region, phase=Phase.ANALYSE, step=Step.FORANALYSE, has_acquisition=True
    )
    Project.objects.filter(pk=project.pk).update(created_at=timezone.make_aware(datetime.combine(created, time(12))))
    if entered is not None:
        PhaseChange.objects.create(
            project=project,
            from_phase=Phase.IDE,
            from_step=Step.MODNING,
            to_phase=Phase.ANALYSE,
            to_step=Step.FORANALYSE,
            changed_on=entered,
            reason="Projektgrundlaget er godkendt.",
            changed_by=UserFactory(),
        )
    return pejlemaerke


def _reasons(pejlemaerke, **kwargs) -> list[str]:
    for candidate in selectors.close_candidates(MONTH, today=TODAY, **kwargs):
        if candidate.status.pejlemaerke.pk == pejlemaerke.pk:
            return candidate.reasons
    return []


def test_r34_stalled_gate_rule_counts_whole_months():
    assert whole_months(date(2030, 12, 15), TODAY) == 6
    assert whole_months(date(2030, 12, 16), TODAY) == 5
    assert whole_months(TODAY + timedelta(days=1), TODAY) == 0
    assert gate_stalled(date(2030, 12, 15), TODAY, 6)
    assert not gate_stalled(date(2030, 12, 16), TODAY, 6)


def test_r34_a_gate_waiting_six_months_makes_a_closing_candidate_with_its_reason():
    stalled = _in_analyse("Stået stille i analysen", entered=date(2030, 11, 2))
    moving = _in_analyse("Netop gået i analyse", entered=date(2031, 4, 1))
    reasons = _reasons(stalled)
    assert reasons == ["Gaten fra Analyse til Anskaffelse er ikke passeret i 7 måneder (i fasen siden 02.11.2030)"]
    assert _reasons(moving) == []


def test_r34_the_last_phase_change_or_else_the_projects_start_counts_and_realisation_has_no_gate():
    # A step change inside the phase is no gate: the clock runs from the phase change before it.
    stepped = _in_analyse("Skiftede kun trin", entered=date(2030, 10, 1))
    project = stepped.projects.get()
    PhaseChange.objects.create(
        project=project,
        from_phase=Phase.ANALYSE,
        from_step=Step.FORANALYSE,
        to_phase=Phase.ANALYSE,
        to_step=Step.SPECIFICERING,
        changed_on=date(2031, 5, 1),
        reason="Specificering.",
        changed_by=UserFactory(),
    )
    assert _reasons(stepped)
    # Without any recorded phase change the project's creation starts the clock.
    never_moved = _in_analyse("Aldrig flyttet", entered=None, created=date(2030, 1, 10))
    assert "i fasen siden 10.01.2030" in _reasons(never_moved)[0]
    # The last phase has no gate ahead: never stalled.
    done = PejlemaerkeFactory(name="I realisering")
    ProjectFactory(pejlemaerke=done, phase=Phase.REALISERING, step=Step.GEVINSTREALISERING)
    assert _reasons(done) == []
    assert done.pk not in {g.project.pejlemaerke_id for g in open_gates([done.pk])}


def test_r34_the_number_of_months_is_a_setting(settings):
    assert stalled_gate_months() == DEFAULT_STALLED_GATE_MONTHS == 6
    stalled = _in_analyse("Syv måneder i analysen", entered=date(2030, 11, 2))
    settings.RSI = {**settings.RSI, "STALLED_GATE_MONTHS": 8}
    assert _reasons(stalled) == []
    settings.RSI = {**settings.RSI, "STALLED_GATE_MONTHS": 7}
    assert _reasons(stalled)


def test_r34_a_monitoring_pejlemaerkes_stalled_region_is_named():
    rh, rsj = first_regions(2)
    pejlemaerke = PejlemaerkeFactory(
        name="Fælles mål med én region bagud", type=PejlemaerkeType.MONITORERING, regions=[rh, rsj]
    )
    _in_analyse("", entered=date(2030, 9, 1), region=rh, pejlemaerke=pejlemaerke)
    _in_analyse("", entered=date(2031, 5, 1), region=rsj, pejlemaerke=pejlemaerke)
    (reason,) = _reasons(pejlemaerke)
    assert reason.startswith(f"{rh.name}: Gaten fra Analyse til Anskaffelse")


def test_r34_only_the_rollups_pejlemaerker_are_candidates():
    idea = _in_analyse("Kun en idé", entered=date(2029, 1, 1))
    idea.state = Lifecycle.PIPELINE
    idea.save(update_fields=["state"])
    assert _reasons(idea) == []


def test_r34_the_seminar_page_shows_the_stalled_gate(client, login, demo):
    stalled = _in_analyse("Gaten venter på seminaret", entered=timezone.localdate() - timedelta(days=400))
    login("sekretariat")
    meeting = selectors.seminar_meetings()[0]
    html = client.get(reverse("portfolio:seminar_detail", args=[meeting.pk])).content.decode()
    row = html[html.index(stalled.name) :]
    assert "Gaten fra Analyse til Anskaffelse er ikke passeret i 13 måneder" in row[:400]


def test_r34_closing_candidates_read_in_a_constant_number_of_queries():
    for n in range(2):
        _in_analyse(f"Målt {n}", entered=date(2030, 1, 1))

    def count():
        with CaptureQueriesContext(connection) as captured:
            selectors.close_candidates(MONTH, today=TODAY)
        return len(captured)

    small = count()
    for n in range(2, 8):
        _in_analyse(f"Målt {n}", entered=date(2030, 1, 1))
    assert count() == small

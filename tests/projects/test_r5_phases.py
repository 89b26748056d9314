"""R5: phases and steps, the skip of Anskaffelse, dated phase history; phase shown on the pejlemærke pages."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from projects import services
from projects.models import PhaseChange, Project
from projects.rules import PHASE_STEPS, Phase, Step, next_phase, skipped_phases, step_belongs_to, steps_of
from tests.projects.gates_support import TODAY, make_project, ready_for_gate


def test_r5_phase_order_and_steps():
    assert [next_phase(p) for p in Phase.values] == [
        Phase.ANALYSE,
        Phase.ANSKAFFELSE,
        Phase.GENNEMFOERELSE,
        Phase.REALISERING,
        None,
    ]
    assert steps_of(Phase.ANSKAFFELSE) == (Step.PLANLAEGNING, Step.KRAVSPECIFIKATION, Step.UDBUD)
    assert steps_of(Phase.GENNEMFOERELSE) == (Step.UDVIKLING_TEST, Step.IMPLEMENTERING, Step.AFSLUTNING)
    assert sum(len(s) for s in PHASE_STEPS.values()) == len(Step.values) == 10
    assert step_belongs_to(Phase.ANALYSE, Step.SPECIFICERING)
    assert not step_belongs_to(Phase.IDE, Step.UDBUD)


def test_r5_without_acquisition_anskaffelse_is_skipped():
    assert next_phase(Phase.ANALYSE, has_acquisition=False) == Phase.GENNEMFOERELSE
    assert next_phase(Phase.ANALYSE, has_acquisition=True) == Phase.ANSKAFFELSE
    assert skipped_phases(Phase.ANALYSE, Phase.GENNEMFOERELSE) == (Phase.ANSKAFFELSE,)
    assert skipped_phases(Phase.IDE, Phase.ANALYSE) == ()


def test_r5_database_refuses_a_step_of_another_phase(sekretariat):
    project = make_project(sekretariat)
    project.step = Step.UDBUD
    with pytest.raises(IntegrityError), transaction.atomic():
        project.save(update_fields=["step"])


def test_r5_gate_without_acquisition_records_the_skip_and_dated_history(sekretariat):
    project = make_project(sekretariat, has_acquisition=False)
    Project.objects.filter(pk=project.pk).update(phase=Phase.ANALYSE, step=Step.SPECIFICERING)
    project.refresh_from_db()
    ready_for_gate(project, sekretariat)
    gate = services.gate_pass(actor=sekretariat, project=project, decided_on=TODAY, text="PID godkendt.")
    project.refresh_from_db()
    assert (project.phase, project.step) == (Phase.GENNEMFOERELSE, Step.UDVIKLING_TEST)
    assert gate.skipped_phases == Phase.ANSKAFFELSE
    change = PhaseChange.objects.get(project=project)
    assert (change.from_phase, change.to_phase, change.changed_on, change.gate) == (
        Phase.ANALYSE,
        Phase.GENNEMFOERELSE,
        TODAY,
        gate,
    )
    assert change.skipped_labels == ["Anskaffelse"]


def test_r5_step_change_inside_phase_is_kept_as_history(sekretariat):
    project = make_project(sekretariat)
    Project.objects.filter(pk=project.pk).update(phase=Phase.ANSKAFFELSE, step=Step.PLANLAEGNING)
    project.refresh_from_db()
    services.project_step_set(
        actor=sekretariat, project=project, step=Step.KRAVSPECIFIKATION, changed_on=TODAY, reason="Plan godkendt"
    )
    services.project_step_set(actor=sekretariat, project=project, step=Step.UDBUD, changed_on=TODAY, reason="Udbud")
    assert list(project.phase_changes.order_by("pk").values_list("from_step", "to_step")) == [
        (Step.PLANLAEGNING, Step.KRAVSPECIFIKATION),
        (Step.KRAVSPECIFIKATION, Step.UDBUD),
    ]
    with pytest.raises(ValidationError, match="Faser skiftes kun ved en gate"):
        services.project_step_set(
            actor=sekretariat, project=project, step=Step.IMPLEMENTERING, changed_on=TODAY, reason="Spring"
        )


def test_demo_has_projects_in_every_phase_with_history(demo):
    phases = set(Project.objects.values_list("phase", flat=True))
    assert phases == set(Phase.values)
    datainfrastruktur = Project.objects.get(pejlemaerke__short_name="Datainfrastruktur")
    assert datainfrastruktur.phase_changes.filter(skipped_phases=Phase.ANSKAFFELSE).exists()


def test_r5_phase_on_pejlemaerke_list_and_detail(demo, client, login, django_assert_max_num_queries):
    login("direktoer")
    luna = Project.objects.get(pejlemaerke__short_name="LUNA")
    with django_assert_max_num_queries(15):
        response = client.get("/pejlemaerker/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Fase" in page and "Gennemførelse" in page
    detail = client.get(f"/pejlemaerker/{luna.pejlemaerke_id}/").content.decode()
    assert f"/projekter/{luna.pk}/faser/" in detail and "Implementering" in detail
    export = client.get("/pejlemaerker/?format=csv").content.decode("utf-8-sig")
    assert "Fase" in export.splitlines()[0]


def test_r5_last_phase_has_no_gate(demo, client, login):
    done = Project.objects.filter(phase=Phase.REALISERING).first()
    login("kontakt")
    page = client.get(f"/projekter/{done.pk}/faser/").content.decode()
    assert "Ingen flere gates" in page and "Passér gaten" not in page


def test_r5_project_leader_changes_step_in_the_browser_form(demo, client, login):
    luna = Project.objects.get(pejlemaerke__short_name="LUNA")
    login("projektleder")
    refused = client.post(
        f"/projekter/{luna.pk}/faser/trin/", {"step": Step.AFSLUTNING, "changed_on": "2026-05-04", "reason": ""}
    )
    assert refused.status_code == 400 and "Skriv en begrundelse for skiftet." in refused.content.decode()
    response = client.post(
        f"/projekter/{luna.pk}/faser/trin/",
        {"step": Step.AFSLUTNING, "changed_on": "2026-05-04", "reason": "Implementeringen er gennemført"},
    )
    assert response.status_code == 302
    luna.refresh_from_db()
    assert (luna.phase, luna.step) == (Phase.GENNEMFOERELSE, Step.AFSLUTNING)
    login("kontakt")
    assert client.post(f"/projekter/{luna.pk}/faser/trin/", {"step": Step.UDVIKLING_TEST}).status_code == 403

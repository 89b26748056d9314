"""R6 under concurrency: two secretaries passing the same gate at once pass it once (row lock, PostgreSQL)."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection

from projects import services
from projects.models import GateDecision, PhaseChange
from projects.rules import Phase
from tests.conftest import require_component
from tests.projects.gates_support import TODAY, make_project, ready_for_gate


@pytest.mark.django_db(transaction=True)
def test_r6_concurrent_gate_passes_record_one_gate(demo):
    require_component("PostgreSQL", connection.vendor == "postgresql", "row locks need PostgreSQL (DATABASE_URL)")
    sekretariat = get_user_model().objects.get(username="sekretariat")
    project = make_project(sekretariat, "Samtidig gate")
    ready_for_gate(project, sekretariat)
    barrier = threading.Barrier(2)
    outcomes = []

    def pass_gate():
        try:
            barrier.wait(timeout=10)
            services.gate_pass(actor=sekretariat, project=project, decided_on=TODAY, text="Idé godkendt")
            outcomes.append("passed")
        except ValidationError:
            outcomes.append("refused")
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=pass_gate) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) == ["passed", "refused"]  # the second sees Analyse and its own missing items
    assert GateDecision.objects.filter(project=project).count() == 1
    assert list(PhaseChange.objects.filter(project=project).values_list("to_phase", flat=True)) == [Phase.ANALYSE]

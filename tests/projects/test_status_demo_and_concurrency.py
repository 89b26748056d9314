"""Demo history of the monthly status and concurrent submits of the same (project, region, month)."""

import io
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from projects import demo as status_demo
from projects.models import StatusReport, StatusReportVersion
from projects.selectors import STATUS_STATES
from rsi_portal.dates import add_months, month_start
from tests.conftest import require_component

from .status_support import MONTH, hm_project, region, user


def test_status_demo_has_18_months_for_every_reporting_pejlemaerke_and_is_idempotent(demo):
    from portfolio.models import Pejlemaerke

    last = add_months(month_start(timezone.localdate()), -1)
    first = add_months(last, -17)
    for pejlemaerke in Pejlemaerke.objects.filter(state__in=STATUS_STATES).exclude(short_name="PPJ"):
        months = set(
            StatusReport.objects.filter(project__pejlemaerke=pejlemaerke, period__gte=first).values_list(
                "period", flat=True
            )
        )
        assert len(months) == 18, pejlemaerke
    # The regional project leader in Nordjylland still has last month to report (the browser test does it).
    assert not StatusReport.objects.filter(project=hm_project("RN"), period=last).exists()
    # One report was corrected, with a reason (R12).
    assert StatusReportVersion.objects.filter(version=2).exclude(reason="").exists()
    before = (StatusReport.objects.count(), StatusReportVersion.objects.count())
    status_demo.load(io.StringIO())
    assert (StatusReport.objects.count(), StatusReportVersion.objects.count()) == before


@pytest.mark.django_db(transaction=True)
def test_r9_concurrent_submits_of_the_same_month_one_wins(demo):
    require_component("PostgreSQL", connection.vendor == "postgresql", "row locks need PostgreSQL")
    from projects import services

    project, rn, regional = hm_project("RN"), region("RN"), user("regional")
    barrier = threading.Barrier(2)
    outcomes = []

    def submit(colour):
        from django.db import connections

        try:
            barrier.wait()
            services.status_report_submit(
                actor=regional, project=project, region=rn, period=MONTH, colour=colour, overall="x", risici="y"
            )
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(c,)) for c in ("red", "yellow")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "refused"]
    report = StatusReport.objects.get(project=project, region=rn, period=MONTH)
    assert report.version == 1 and report.versions.count() == 1

"""Shared helpers for the monthly-status tests (R9–R13)."""

from datetime import date

from django.contrib.auth import get_user_model

from portfolio.models import Pejlemaerke, Region
from projects import services
from projects.models import Project

# A month far from the demo history, so each test starts from a clean slate.
MONTH = date(2031, 3, 1)
PREVIOUS = date(2031, 2, 1)


def user(username: str):
    return get_user_model().objects.get(username=username)


def region(code: str) -> Region:
    return Region.objects.get(code=code)


def hm_project(code: str) -> Project:
    """Region `code`'s own project under the monitoring pejlemærke "Fælles mål for hjemmemonitorering"."""
    return Project.objects.select_related("pejlemaerke").get(
        pejlemaerke__short_name="Hjemmemonitorering", region__code=code
    )


def luna_project() -> Project:
    return Project.objects.select_related("pejlemaerke").get(pejlemaerke__short_name="LUNA")


def pejlemaerke(short: str) -> Pejlemaerke:
    return Pejlemaerke.objects.get(short_name=short)


def submit(project, code, colour, period=MONTH, actor="sekretariat", **texts):
    fields = {"overall": "Status for måneden.", "risici": "Risiko." if colour in ("red", "yellow") else ""}
    fields.update(texts)
    return services.status_report_submit(
        actor=user(actor), project=project, region=region(code), period=period, colour=colour, **fields
    )


def url_month(period: date = MONTH) -> str:
    return period.strftime("%Y-%m")

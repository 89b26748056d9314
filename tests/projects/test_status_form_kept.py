"""The status form's fields are drawn once per set of values they are filled with (status_form.html): each
leader still sees their own draft, and a form with errors shows what was typed."""

from datetime import date

import pytest

from projects import services
from projects.models import StatusReport
from projects.selectors import reporting_regions
from tests.projects.factories import ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


def _form_url(project, region, month):
    return f"/projekter/{project.pk}/status/{region.code}/{month:%Y-%m}/"


def test_each_draft_shows_its_own_text_though_another_form_was_drawn_first(client):
    actor = UserFactory(sekretariat=True)
    client.force_login(actor)
    first, second = ProjectFactory(), ProjectFactory()
    month = date(2031, 5, 1)
    pages = {}
    for project, text in ((first, "Første udkast & <tekst>"), (second, "Andet udkast")):
        region = reporting_regions(project)[0]
        empty = client.get(_form_url(project, region, month))
        assert empty.status_code == 200
        services.status_report_save_draft(actor=actor, project=project, region=region, period=month, overall=text)
        pages[text] = client.get(_form_url(project, region, month)).content.decode()
    assert "Første udkast &amp; &lt;tekst&gt;" in pages["Første udkast & <tekst>"]
    assert "Andet udkast" in pages["Andet udkast"] and "Første udkast" not in pages["Andet udkast"]
    # An empty form after them is empty again.
    third = ProjectFactory()
    empty = client.get(_form_url(third, reporting_regions(third)[0], month)).content.decode()
    assert "udkast" not in empty


def test_a_form_with_errors_shows_what_was_typed_not_a_kept_form(client):
    actor = UserFactory(sekretariat=True)
    client.force_login(actor)
    project = ProjectFactory()
    region = reporting_regions(project)[0]
    url = _form_url(project, region, date(2031, 6, 1))
    assert client.get(url).status_code == 200  # the empty form's fields are kept
    response = client.post(url, {"action": "submit", "colour": "red", "tid": "Skrevet før fejlen"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Skrevet før fejlen" in html
    assert 'class="errorlist"' in html
    assert not StatusReport.objects.filter(project=project).exists()

"""R21: the leading region collects per project, year and region, due no later than 1 December."""

from datetime import date
from decimal import Decimal as D
from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from finance import selectors, services
from finance.pdf import collection_letter_pdf
from finance.rules import collection_deadline
from projects.models import Project
from rsi_portal.formatting import format_kr
from rsi_portal.pdf import pdf_text

from .conftest import make_case
from .factories import body_decides


def test_r21_deadline_is_1_december():
    assert collection_deadline(2027) == date(2027, 12, 1)
    assert collection_deadline(2028) == date(2028, 12, 1)


def test_r21_collection_per_region_includes_approved_buffer_drawings(fresh_luna, people):
    version = make_case(fresh_luna, people["projektleder"], joint=D("1000000.00"), buffer=D("100000"))
    body_decides(services.version_approve(actor=people["formand"], version=version))  # the first financing, R23
    request = services.change_request_file(
        actor=people["projektleder"],
        business_case=version.business_case,
        title="Ekstra",
        description="x",
        amount=D("50000.00"),
        year=2027,
    )
    services.change_request_decide(actor=people["formand"], change_request=request, approve=True)
    collections = selectors.collections_for_year(2027, project=fresh_luna)
    assert [c.paying_region.code for c in collections] == ["RH", "RSJ", "RSD", "RM", "RN"]
    assert sum(c.amount for c in collections) == D("1050000.00")
    assert sum(c.buffer_drawings for c in collections) == D("50000.00")
    assert {c.leading_region.code for c in collections} == {"RM"}
    assert {c.due for c in collections} == {date(2027, 12, 1)}
    assert selectors.collections_for_year(2030, project=fresh_luna) == []


def test_r21_a_draft_is_never_collected(fresh_luna, people):
    make_case(fresh_luna, people["projektleder"])
    assert selectors.collections_for_year(2027, project=fresh_luna) == []


def test_r21_letter_pdf_names_payer_amount_leading_region_and_deadline(fresh_luna, people):
    version = make_case(fresh_luna, people["projektleder"], joint=D("1234567.89"))
    body_decides(services.version_approve(actor=people["formand"], version=version))  # the first financing, R23
    collection = next(
        c for c in selectors.collections_for_year(2027, project=fresh_luna) if c.paying_region.code == "RSJ"
    )
    text = " ".join(pdf_text(collection_letter_pdf(collection)).split())
    expected_amount = format_kr(collection.amount)
    assert "Region Sjælland" in text
    assert f"{expected_amount} kr." in text
    assert "Region Midtjylland" in text and "projektledende region" in text
    assert "Betales senest 1. december 2027" in text


def test_r21_letter_and_xlsx_through_the_pages(demo, client, login):
    login("kontakt")
    luna = Project.objects.get(pejlemaerke__short_name="LUNA")
    response = client.get(reverse("finance:collection_letter", args=[2027, luna.pk, "RN"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "Region Nordjylland" in pdf_text(response.content)
    response = client.get(reverse("finance:collection_list", args=[2027]) + "?format=xlsx")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    expected = selectors.collections_for_year(2027)
    assert len(rows) == len(expected) > 5
    assert sum(D(str(r[8])) for r in rows) == sum(c.amount for c in expected)
    assert {r[3] for r in rows} == {
        "Region Hovedstaden",
        "Region Sjælland",
        "Region Syddanmark",
        "Region Midtjylland",
        "Region Nordjylland",
    }
    assert client.get(reverse("finance:collection_letter", args=[2040, luna.pk, "RN"])).status_code == 404


def test_r21_collection_query_count_is_bounded(demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        assert selectors.collections_for_year(2027)

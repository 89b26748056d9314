"""R34/R2 in Chromium: one idea from proposal (kontakt) through PMO5's qualification, IT5's ranking and the
February seminar's decision into the pipeline, then through its projektgrundlag into the portfolio; each
step in the pejlemærke's history with who, when and why. The pipeline and goal pages pass axe."""

from datetime import date

import pytest

from portfolio.models import Kommissorium, Pejlemaerke
from portfolio.pipeline import selectors
from portfolio.pipeline.pdf import kommissorium_pdf
from portfolio.rules import Lifecycle

from .conftest import axe_violations, format_violations

pytestmark = pytest.mark.e2e

TITLE = "Fælles digital indkaldelse til screening"


def _no_axe(page):
    violations = axe_violations(page)
    assert not violations, format_violations(violations)


def test_r34_one_idea_from_proposal_to_the_portfolio(page, browser_login, tmp_path):
    seminar = next(m for m in selectors.seminar_meetings(after=date.today()) if m.day.month == 2)

    # 1. kontakt proposes: a submit with gaps is refused in Danish and keeps the text; the full one goes.
    browser_login("kontakt")
    page.goto("/ideer/ny/")
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Problem og formål").fill("Borgerne indkaldes i dag på fem forskellige måder.")
    page.get_by_role("button", name="Indsend til kvalificering").click()
    assert "Beskriv de forventede gevinster og effekter." in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Problem og formål").input_value() == "Borgerne indkaldes i dag på fem forskellige måder."
    page.get_by_label("Forventede gevinster og effekter").fill("Højere deltagelse i screening, færre breve.")
    page.get_by_label("Region Sjælland").check()
    page.get_by_label("Region Hovedstaden").check()
    page.get_by_label("Anslået økonomi (kr.)").fill("3500000")
    page.get_by_label("Anslået tidsramme").fill("2027–2028")
    page.get_by_label("Kilde").select_option("clinicians")
    page.get_by_label("Foreslået projektledende region").select_option(label="Region Sjælland")
    page.get_by_role("button", name="Indsend til kvalificering").click()
    assert page.get_by_role("heading", level=1).inner_text() == TITLE
    assert "Idéer – indsendt" in page.locator(".facts").inner_text()
    k = Kommissorium.objects.get(title=TITLE)

    # 2. PMO5 (Region Hovedstaden's portfolio manager) qualifies; the reason is required.
    browser_login("pmo5-rh")
    page.goto(f"/ideer/{k.pk}/")
    page.get_by_label("Sammenhæng med regionens egen portefølje").fill("Passer med regionens screeningsprogram.")
    page.get_by_label("Modenhed").select_option("high")
    page.get_by_label("Anbefaling").select_option("pipeline")
    page.get_by_role("button", name="Gem kvalificering").click()
    assert "Skriv en begrundelse for anbefalingen." in page.get_by_role("alert").inner_text()
    page.get_by_label("Begrundelse").fill("Moden idé med klar gevinst.")
    page.get_by_role("button", name="Gem kvalificering").click()
    assert "Optag i pipelinen" in page.locator("ul.history").first.inner_text()
    page.goto("/pipeline/")
    _no_axe(page)

    # 3. IT5 ranks it first, for the February seminar.
    browser_login("it5-rm")
    page.goto(f"/ideer/{k.pk}/")
    page.get_by_label("Placering (1 = øverst)").fill("1")
    page.get_by_label("Prioritet").select_option("high")
    page.get_by_label("Strategiseminar").select_option(str(seminar.pk))
    page.get_by_label("Begrundelse").fill("Højeste gevinst pr. krone.")
    page.get_by_role("button", name="Gem placering").click()
    assert page.get_by_role("heading", level=1).inner_text() == "IT5's prioriterede pipeline"
    assert page.locator("table.data tbody tr").first.inner_text().startswith("1")
    assert TITLE in page.locator("table.data tbody tr").first.inner_text()

    # 4. The secretariat drafts the seminar's agenda from the pipeline and records the decision.
    browser_login("sekretariat")
    page.goto(f"/strategiseminarer/{seminar.pk}/")
    page.get_by_role("button", name="Dan dagsorden fra IT5's pipeline").click()
    section = page.locator("section.seminar-item", has=page.get_by_role("link", name=TITLE))
    section.get_by_label("Beslutning").select_option("pipeline")
    section.get_by_role("button", name="Registrér beslutning").click()
    assert "Skriv seminarets begrundelse." in page.get_by_role("alert").inner_text()
    section = page.locator("section.seminar-item", has=page.get_by_role("link", name=TITLE))
    section.get_by_label("Prioritet i pipelinen").select_option("high")
    section.get_by_label("Seminarets begrundelse").fill("Optages som højt prioriteret.")
    section.get_by_role("button", name="Registrér beslutning").click()
    assert (
        "Optaget i pipelinen"
        in page.locator("section.seminar-item", has=page.get_by_role("link", name=TITLE)).inner_text()
    )
    pejlemaerke = Pejlemaerke.objects.get(name=TITLE)
    assert pejlemaerke.state == Lifecycle.PIPELINE

    # 5. The projektgrundlag is uploaded and approved by RSI DK, which takes the pejlemærke into the portfolio.
    pdf = tmp_path / "projektgrundlag.pdf"
    pdf.write_bytes(kommissorium_pdf(k))
    project = pejlemaerke.projects.first()
    page.goto(f"/projekter/{project.pk}/faser/")
    page.get_by_label("Dokumenttype").select_option(label="Projektgrundlag")
    page.get_by_label("Fil:", exact=True).set_input_files(str(pdf))
    page.get_by_role("button", name="Upload", exact=True).click()
    row = page.locator("tr", has=page.get_by_role("button", name="Godkend Projektgrundlag v1"))
    row.locator("select[name=body_kind]").select_option("RSI_DK")
    row.get_by_role("button", name="Godkend Projektgrundlag v1").click()
    assert "RSI DK" in page.locator("tr", has=page.get_by_role("link", name="v1 Projektgrundlag")).inner_text()
    # RSI DK's approval of the projektgrundlag moves the pejlemærke into the portfolio (R2).
    page.goto(f"/pejlemaerker/{pejlemaerke.pk}/")
    assert "I porteføljen" in page.locator(".state").first.inner_text()
    pejlemaerke.refresh_from_db()
    assert pejlemaerke.state == Lifecycle.PORTFOLIO

    # Every step in the pejlemærke's history: who, when, why.
    idea = page.locator("section[aria-labelledby=h-idea]").inner_text()
    for text in (
        "Kommissorium indsendt",
        "Idé kvalificeret af PMO5",
        "Moden idé med klar gevinst.",
        "IT5's pipeline ændret",
        "Højeste gevinst pr. krone.",
        "Strategiseminarets beslutning registreret",
        "Optages som højt prioriteret.",
    ):
        assert text in idea, text
    history = page.locator("section[aria-labelledby=h-life] ul.history").first.inner_text()
    assert (
        f"strategiseminar {seminar.day:%d.%m.%Y}" in history and "Projektgrundlaget er godkendt af RSI DK." in history
    )
    assert "Sara Sekretær" in history
    _no_axe(page)

    # The pipeline page and a goal page pass axe.
    page.goto("/pipeline/")
    assert "I porteføljen" in page.locator("table.data").inner_text()
    _no_axe(page)
    page.goto("/strategiske-maal/")
    page.get_by_role("link", name="Sammenhængende forløb for patienten").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Sammenhængende forløb for patienten"
    _no_axe(page)

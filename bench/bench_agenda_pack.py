"""Agenda pack benchmark (R30): a realistic RSI DK pack with 15 items, 40 pejlemærker in the
portfolio-status appendix, 3 appended PDF attachments of 5 pages each and 2 Office attachments (.docx and
.xlsx, converted by LibreOffice headless).

Prints the uncached time (content hash + WeasyPrint render + pypdf merge + store, through the same service
and Celery task the page uses, run eagerly) for the first pack in a fresh process and for changed agendas in
a warm process (as in a running worker), and the cached time (the same agenda again: hash lookup and reading
the stored file). Builds its data in a throw-away SQLite database and media folder, removed afterwards.
Also prints WeasyPrint alone on the same HTML in the same process and the ratio uncached pack / raw
WeasyPrint (budget ≤ 1.3×). Targets: under 5 s cold, under 1 s cached. Then publishes the pack (R28/R30,
with an empty Office conversion cache): both audiences' packs ready ≤ 15 s; and opening the published pack
(the stored file through the download view) ≤ 50 ms. Prints the load average. Asserts nothing.

    .venv/bin/python bench/bench_agenda_pack.py
"""

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

WORK = Path(tempfile.mkdtemp(prefix="bench-agenda-pack-"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"
os.environ["MEDIA_ROOT"] = str(WORK / "media")
os.environ["REDIS_URL"] = ""  # the task runs eagerly in this process
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rsi_portal.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from datetime import date, timedelta  # noqa: E402

from django.core.files.base import ContentFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

ITEMS = 15
PEJLEMAERKER = 40
ATTACHMENTS = 3
ATTACHMENT_PAGES = 5
OFFICE = 2  # one .docx and one .xlsx
ROUNDS = 5  # interleaved raw and uncached renders


def office_files() -> list[tuple[str, bytes]]:
    from io import BytesIO

    import docx
    import openpyxl

    document = docx.Document()
    document.add_heading("Notat om driftsaftalen", level=1)
    for n in range(30):
        document.add_paragraph(f"Afsnit {n}. " + "Tekst i notatet om driftsaftalen. " * 12)
    word = BytesIO()
    document.save(word)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Post", "2026", "2027", "2028"])
    for n in range(60):
        sheet.append([f"Udgiftspost {n}", 1000 * n, 1100 * n, 1200 * n])
    excel = BytesIO()
    book.save(excel)
    return [("notat.docx", word.getvalue()), ("budget.xlsx", excel.getvalue())]


def attachment_pdf(label: str) -> bytes:
    from weasyprint import HTML

    pages = "".join(
        f"<section style='break-after: page'><h1>{label}</h1><p>Side {n}. "
        + "Tekst i bilaget. " * 120
        + "</p></section>"
        for n in range(1, ATTACHMENT_PAGES + 1)
    )
    return HTML(string=f"<html lang='da'><body>{pages}</body></html>").write_pdf()


def build():
    from django.contrib.auth import get_user_model

    from governance import services
    from governance.models import MeetingFormat
    from governance.selectors import report_month
    from portfolio.models import Body, BodyKind
    from projects.management.commands.seed_scale import seed_scale

    call_command("migrate", verbosity=0)
    from rsi_portal.permissions import ensure_role_groups

    ensure_role_groups()
    actor = get_user_model().objects.create_superuser("bench-sekretariat", "bench@example.dk", "x")
    day = date.today() + timedelta(days=21)
    seed_scale(PEJLEMAERKER, 3, end=report_month(day))
    rsi_dk = Body.objects.create(kind=BodyKind.RSI_DK, name="RSI DK – RSI-direktørkredsen")
    meeting = services.meeting_save(
        actor=actor,
        body=rsi_dk,
        day=day,
        format=MeetingFormat.PHYSICAL,
        location="Danske Regioner, Dampfærgevej 22, København Ø",
    )
    for n in range(1, ITEMS + 1):
        item = services.agenda_item_save(
            actor=actor,
            meeting=meeting,
            title=f"Sag {n}: opfølgning på pejlemærke",
            case_handler="Sara Sekretær",
            case_number=f"RSI-2026-{n:03d}",
            resume="Resumé af sagen. " * 15,
            indstilling="at RSI DK godkender indstillingen\nat sekretariatet følger op\nat sagen lukkes",
            sagsfremstilling="Sagsfremstilling med baggrund, analyse og vurdering. " * 40,
            oekonomi="" if n % 2 else "Udgiften afholdes inden for rammen.",
            kommunikation="Ingen særskilt kommunikation.",
            access="closed" if n == 5 else "public",
        )
        if n in (3, 7, 11):
            services.attachment_add(
                actor=actor,
                item=item,
                title=f"Notat til sag {n}",
                upload=ContentFile(attachment_pdf(f"Bilag til sag {n}"), name=f"notat-{n}.pdf"),
            )
    office_items = list(meeting.items.order_by("number"))[3 : 3 + OFFICE]
    for item, (name, content) in zip(office_items, office_files(), strict=True):
        services.attachment_add(actor=actor, item=item, title=f"Bilag {name}", upload=ContentFile(content, name=name))
    return actor, meeting


def publish(actor, meeting):
    """Publish as the page does (the outbox runs the task in process on commit); both packs must be ready."""
    from django.conf import settings

    from governance import services
    from governance.models import PackStatus

    shutil.rmtree(Path(settings.MEDIA_ROOT) / "bilag-pdf", ignore_errors=True)  # convert the Office files anew
    item = meeting.items.order_by("number").first()
    services.agenda_item_save(actor=actor, meeting=meeting, item=item, title="Sag 1: til udsendelse")
    started = time.perf_counter()
    with transaction.atomic():
        version = services.agenda_pack_publish(actor=actor, meeting=meeting, reason="bench")
    elapsed = time.perf_counter() - started
    for pack in (version.members_pack, version.others_pack):
        pack.refresh_from_db()
        assert pack.status == PackStatus.DONE, pack.error
    return version, elapsed


def open_published(actor, version) -> list[float]:
    from django.test import Client

    client = Client()
    client.force_login(actor)
    url = f"/styring/pakker/{version.members_pack.uuid}/hent/"
    times = []
    for _ in range(7):
        started = time.perf_counter()
        response = client.get(url, HTTP_HOST="localhost")
        b"".join(response.streaming_content)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return times


def main():
    from governance import services
    from governance.models import PackStatus
    from governance.selectors import portfolio_appendix, report_month

    started = time.perf_counter()
    actor, meeting = build()
    print(
        f"data built in {time.perf_counter() - started:.1f} s: {meeting.items.count()} items, "
        f"{len(portfolio_appendix(report_month(meeting.day)))} pejlemærker in the appendix, "
        f"{ATTACHMENTS} PDF attachments of {ATTACHMENT_PAGES} pages, {OFFICE} Office attachments"
    )

    def request():
        with transaction.atomic():
            pack = services.agenda_pack_request(actor=actor, meeting=meeting, members_view=True)
        pack.refresh_from_db()
        assert pack.status == PackStatus.DONE, pack.error
        with pack.file.open("rb") as handle:
            return pack, handle.read()

    started, cpu = time.perf_counter(), time.process_time()
    pack, data = request()
    first, first_cpu = time.perf_counter() - started, time.process_time() - cpu
    # A running worker has WeasyPrint and its fonts loaded already: change the agenda (a new content
    # hash, so nothing is cached) and render again.
    uncached_times, uncached_cpu = [], []
    for n in range(3):
        item = meeting.items.order_by("number").first()
        services.agenda_item_save(actor=actor, meeting=meeting, item=item, title=f"Sag 1: ændret titel {n}")
        started, cpu = time.perf_counter(), time.process_time()
        changed, _data = request()
        uncached_times.append(time.perf_counter() - started)
        uncached_cpu.append(time.process_time() - cpu)
        assert changed.pk != pack.pk
    pack = changed
    # The floor: WeasyPrint alone on the same HTML (the template rendered once, outside the timing),
    # interleaved with uncached packs so a busy moment of the machine hits both alike.
    from django.template.loader import render_to_string

    from governance.pdf import pack_context
    from rsi_portal.pdf import html_to_pdf

    html = render_to_string("pdf/agenda_pack.html", {"pdf_lang": "da", **pack_context(meeting, members_view=True)})
    # CPU time beside wall time: on a shared, loaded machine the wall time is mostly waiting for a core.
    raw_times, pack_times, raw_cpu, pack_cpu = [], [], [], []
    for n in range(ROUNDS):
        started, cpu = time.perf_counter(), time.process_time()
        html_to_pdf(html)
        raw_times.append(time.perf_counter() - started)
        raw_cpu.append(time.process_time() - cpu)
        item = meeting.items.order_by("number").first()
        services.agenda_item_save(actor=actor, meeting=meeting, item=item, title=f"Sag 1: igen ændret {n}")
        started, cpu = time.perf_counter(), time.process_time()
        changed, _data = request()
        pack_times.append(time.perf_counter() - started)
        pack_cpu.append(time.process_time() - cpu)
    pack = changed
    cached_times = []
    for _ in range(5):
        started = time.perf_counter()
        again, _data = request()
        cached_times.append(time.perf_counter() - started)
        assert again.pk == pack.pk
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(
        f"first pack in a fresh process: {first:.2f} s, CPU {first_cpu:.2f} s "
        f"({pack.pages} pages, {len(data) / 1024:.0f} KiB)"
    )
    print(
        f"uncached pack (warm process):  {min(uncached_times):.2f} s best, {max(uncached_times):.2f} s worst of 3"
        f"  target < 5 s (CPU time of this process: {min(uncached_cpu):.2f} s best)"
    )
    print(
        f"cached pack:                   {min(cached_times):.3f} s best, {max(cached_times):.3f} s worst of 5"
        "  target < 1 s"
    )
    print(
        f"raw WeasyPrint, same HTML:     {min(raw_times):.2f} s best; uncached pack {min(pack_times):.2f} s best; "
        f"ratio {min(pack_times) / min(raw_times):.2f}× best, "
        f"{statistics.median(pack_times) / statistics.median(raw_times):.2f}× median (budget ≤ 1.3×)"
    )
    print(
        f"the same in CPU time:          raw {min(raw_cpu):.2f} s best; uncached pack {min(pack_cpu):.2f} s best; "
        f"ratio {min(pack_cpu) / min(raw_cpu):.2f}× best, "
        f"{statistics.median(pack_cpu) / statistics.median(raw_cpu):.2f}× median"
    )
    version, published = publish(actor, meeting)
    opened = open_published(actor, version)
    print(
        f"publish (both audiences, Office converted anew): {published:.2f} s  budget ≤ 15 s "
        f"({version.members_pack.pages} and {version.others_pack.pages} pages)"
    )
    print(
        f"open a published pack:         {min(opened) * 1000:.1f} ms best, {max(opened) * 1000:.1f} ms worst of 7"
        "  budget ≤ 50 ms"
    )
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(WORK, ignore_errors=True)

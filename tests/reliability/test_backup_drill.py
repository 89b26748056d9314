"""The backup drill on PostgreSQL (failure 6): `manage.py backup` of the portal with its files, `manage.py
restore` into a new, empty database and an empty MEDIA_ROOT, then the same row counts, pages and files."""

import hashlib
import json
import re
import tarfile
from datetime import date

import pytest
from django.core.management import call_command
from django.test import Client

from governance.models import AgendaPack
from portfolio.models import MonthlyReport
from rsi_portal.media import row_counts
from tests.governance.helpers import add_item, attach_file, make_meeting, sekretariat
from tests.reliability.conftest import production_env, require_postgresql, run_python, scratch_database

PAGES = [
    "/",
    "/dashboard/",
    "/pejlemaerker/",
    "/rapporter/",
    "/styring/",
    "/styring/sager/",
    "/oekonomi/",
    "/projekter/risikovurderinger/",
    "/aarshjul/",
    "/direktoerkredsmail/",
]
# What differs between two renders of the same data: tokens, nonces and the print footer's time of printing.
VOLATILE = [
    re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"'),
    re.compile(r'"X-CSRFToken": "[^"]+"'),
    re.compile(r'nonce="[^"]+"'),
    re.compile(r"udskrevet [^<]+"),
]


def normalised(html: str) -> str:
    for pattern in VOLATILE:
        html = pattern.sub("", html)
    return html


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_into_an_empty_database_give_the_same_counts_pages_and_files(
    demo, settings, tmp_path, django_capture_on_commit_callbacks
):
    from portfolio.rhythm import services as rhythm_services
    from rsi_portal.celery import app

    require_postgresql()
    settings.MEDIA_ROOT = tmp_path / "media"
    meeting = make_meeting(day=date(2031, 9, 15))
    item = add_item(meeting, "Punkt med bilag", indstilling="at bilaget godkendes")
    attachment = attach_file(item, "bilag.txt", "Bilagets tekst æøå".encode())
    MonthlyReport.objects.filter(period=date(2026, 10, 1)).delete()
    report = rhythm_services.monthly_report_generate(period=date(2026, 10, 1), notify=False)
    eager, app.conf.task_always_eager = app.conf.task_always_eager, True
    try:
        from governance import services as governance_services

        pack = governance_services.agenda_pack_request(actor=sekretariat(), meeting=meeting, members_view=True)
    finally:
        app.conf.task_always_eager = eager
    pack = AgendaPack.objects.get(pk=pack.pk)
    files = [f"/styring/bilag/{attachment.pk}/", f"/rapporter/{report.pk}/pdf/", f"{pack.get_absolute_url()}hent/"]

    rhythm_services.calendar_token_for(user=sekretariat())  # /aarshjul/ makes it on first view otherwise
    archive = tmp_path / "rsi-backup.tar"
    call_command("backup", "--output", str(archive))
    counts = row_counts()
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = set(tar.getnames())
    assert manifest["counts"] == counts and manifest["vendor"] == "postgresql"
    assert "database.dump" in names and f"media/{report.pdf.name}" in names and f"media/{pack.file.name}" in names

    source = Client()
    source.force_login(sekretariat())
    expected = {}
    for url in PAGES + files:
        response = source.get(url)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        expected[url] = (response.status_code, normalised(content.decode(errors="replace")), sha256(content))

    with scratch_database("rsi_h13_restore") as url:
        env = production_env(DATABASE_URL=url, MEDIA_ROOT=str(tmp_path / "restored-media"))
        restored = run_python(["manage.py", "restore", str(archive)], env=env, timeout=300)
        assert restored.returncode == 0, restored.stderr[-3000:]
        assert "every count and checksum identical" in restored.stdout
        again = run_python(["manage.py", "restore", str(archive)], env=env, timeout=300)
        assert again.returncode != 0 and "not empty" in again.stderr  # never over existing data

        script = (
            "import django,json;django.setup();from rsi_portal.media import row_counts;print(json.dumps(row_counts()))"
        )
        result = run_python(script, env=env)
        assert json.loads(result.stdout.strip().splitlines()[-1]) == counts

        requests = [{"path": url, "login": "sekretariat"} for url in PAGES + files]
        probe = run_python(["-m", "tests.reliability.probe", json.dumps(requests)], env=env, timeout=300)
        assert probe.returncode == 0, probe.stderr[-3000:]
        got = json.loads(probe.stdout.strip().splitlines()[-1])
    for url, answer in zip(PAGES + files, got, strict=True):
        status, page, digest = expected[url]
        assert answer["status"] == status == 200, url
        if url in files:
            assert answer["sha256"] == digest, url  # the same bytes
        else:
            assert normalised(answer["body"]) == page, url


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()

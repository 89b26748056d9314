"""Gates benchmark: the phase-and-gate page and the checklist selector as a project's
documents grow, and the cost of an upload (magic-byte check + store).

Builds its data in a throw-away SQLite database and media folder (removed afterwards): the demo, then
one project with DOCS document types × VERSIONS versions each, approved. Prints the median time and the
query count of gate_status() and of the page, and the median upload time for a 5 MB PDF. Asserts nothing.

    .venv/bin/python bench/bench_gates.py
"""

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

WORK = Path(tempfile.mkdtemp(prefix="bench-gates-"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"
os.environ["MEDIA_ROOT"] = str(WORK / "media")
os.environ["REDIS_URL"] = ""
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rsi_portal.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

import io  # noqa: E402
from datetime import date  # noqa: E402

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

VERSIONS = 5
RUNS = 20


def count_queries(fn) -> int:
    """Queries run by fn() (an execute wrapper: a request resets Django's query log)."""
    seen = []

    def wrapper(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        fn()
    return len(seen)


def median_ms(fn, runs=RUNS):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    call_command("migrate", verbosity=0)
    call_command("loaddemo", stdout=io.StringIO())
    from django.contrib.auth import get_user_model

    from projects import services
    from projects.demo_gates import MINIMAL_PDF
    from projects.models import DocumentType, Project
    from projects.selectors import gate_status, project_gates_page

    actor = get_user_model().objects.get(username="sekretariat")
    project = Project.objects.get(pejlemaerke__short_name="LABREK")
    types = list(DocumentType.objects.all())
    for document_type in types:
        for n in range(VERSIONS):
            version = services.document_upload(
                actor=actor,
                project=project,
                document_type=document_type,
                upload=SimpleUploadedFile(f"{document_type.code}-{n}.pdf", MINIMAL_PDF),
            )
        for kind in document_type.approval_chain:
            services.document_approve(actor=actor, version=version, body_kind=kind, approved_on=date(2026, 5, 4))
    project = Project.objects.get(pk=project.pk)
    plain = count_queries(lambda: gate_status(project))
    prefetched = count_queries(lambda: gate_status(project_gates_page(project.pk)))
    client = Client()
    client.force_login(actor)
    url = f"/projekter/{project.pk}/faser/"
    page = count_queries(lambda: client.get(url, HTTP_HOST="localhost"))
    big = b"%PDF-1.7\n" + b"0" * (5 * 1024 * 1024)
    risk_log = DocumentType.objects.get(code="risikolog")

    def upload():
        services.document_upload(
            actor=actor, project=project, document_type=risk_log, upload=SimpleUploadedFile("stor.pdf", big)
        )

    print(f"Project with {len(types)} document types × {VERSIONS} versions ({len(types) * VERSIONS} versions)")
    print(f"  gate_status(project):             {median_ms(lambda: gate_status(project)):7.1f} ms, {plain} queries")
    print(
        f"  gate_status(project_gates_page):  "
        f"{median_ms(lambda: gate_status(project_gates_page(project.pk))):7.1f} ms, {prefetched} queries"
    )
    print(f"  GET {url}:           {median_ms(lambda: client.get(url, HTTP_HOST='localhost')):7.1f} ms, {page} queries")
    print(f"  upload of a 5 MB PDF:             {median_ms(upload, runs=5):7.1f} ms")


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(WORK, ignore_errors=True)

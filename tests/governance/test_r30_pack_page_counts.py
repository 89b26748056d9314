"""R30: a PDF attachment's pages are counted once, at upload (and for stored attachments by the
migration); the pack reads the stored count and builds its context once per content."""

from datetime import date
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from governance import pdf
from governance.models import Attachment

from .helpers import add_item, attach_pdf, make_meeting

count_pages = import_module("governance.migrations.0005_attachment_pages").count_pages


@pytest.fixture
def item(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return add_item(make_meeting(day=date(2031, 3, 13)), "Punkt med bilag")


def _pages_in_pack(item) -> int:
    context = pdf.pack_context(item.meeting, members_view=True)
    (entry,) = [e for e in context["items"] if e["item"] == item]
    (attachment,) = entry["attachments"]
    return attachment.pages


def test_r30_the_upload_counts_the_pages_and_the_pack_reads_the_count(item):
    attachment = attach_pdf(item, "Notat", 3, "notat")
    assert attachment.pages == 3
    Attachment.objects.filter(pk=attachment.pk).update(pages=7)  # the file is not opened again
    assert _pages_in_pack(item) == 7


def test_r30_the_migration_counts_the_attachments_already_stored(item):
    attachment = attach_pdf(item, "Notat", 4, "notat")
    Attachment.objects.filter(pk=attachment.pk).update(pages=0)
    count_pages(apps, SimpleNamespace(connection=connection))
    attachment.refresh_from_db()
    assert attachment.pages == 4


def test_r30_the_render_takes_the_context_the_hash_was_computed_from(item, monkeypatch):
    attach_pdf(item, "Notat", 2, "notat")
    built = []
    original = pdf.pack_context
    monkeypatch.setattr(pdf, "pack_context", lambda *a, **k: built.append(1) or original(*a, **k))
    content_hash = pdf.pack_content_hash(item.meeting, members_view=True)
    _data, pages = pdf.render_pack(item.meeting, members_view=True, content_hash=content_hash)
    assert len(built) == 1 and pages > 2
    pdf.render_pack(item.meeting, members_view=True, content_hash=content_hash)  # used once, then built anew
    assert len(built) == 2

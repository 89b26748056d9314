"""R30 bookmarks: an attachment's title reaches the PDF outline exactly as typed, quotes, ampersands,
backslashes and hyphens included (it is escaped for the CSS string the bookmark-label sits in)."""

from datetime import date
from io import BytesIO

import pytest
from django.template import Context, Template
from pypdf import PdfReader

from governance.pdf import render_pack
from tests.governance.helpers import add_item, attach_pdf, make_meeting

pytestmark = pytest.mark.django_db

TITLE = "Budget-opfølgning 'Q3' & \"test\" \\ <b>"


def _outline_titles(outline):
    for entry in outline:
        if isinstance(entry, list):
            yield from _outline_titles(entry)
        else:
            yield str(entry.title)


def test_r30_attachment_bookmark_keeps_the_title_as_typed(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = add_item(make_meeting(day=date(2031, 8, 19)), "Budget")
    attach_pdf(item, TITLE, 1, "BUDGETBILAG")
    data, _pages = render_pack(item.meeting, members_view=False)
    titles = list(_outline_titles(PdfReader(BytesIO(data)).outline))
    assert f"Bilag {item.number}.1: {TITLE}" in titles


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Budget-opfølgning", "Budget-opfølgning"),
        ("'Q3'", "\\27 Q3\\27 "),
        ('"a" & b', "\\22 a\\22  \\26  b"),
        ("back\\slash", "back\\5c slash"),
        ("</style>", "\\3c /style\\3e "),
        ("line\nbreak", "line\\a break"),
    ],
)
def test_css_string_filter_escapes_only_what_a_css_string_needs(text, escaped):
    rendered = Template("{% load governance_tags %}{{ text|css_string }}").render(Context({"text": text}))
    assert rendered == escaped

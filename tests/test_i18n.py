"""The English catalogue: every Danish msgid is translated, and the language switch works."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from governance.rules import Kind
from projects.rules import Colour

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO_FILE = LOCALE_DIR / "django.po"
MO_FILE = LOCALE_DIR / "django.mo"

_STRING = r'"(?:[^"\\]|\\.)*"'
_FIELD = re.compile(rf"^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+({_STRING})\s*$")
_CONTINUATION = re.compile(rf"^({_STRING})\s*$")
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(quoted: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), quoted[1:-1])


def _po_entries(path: Path) -> list[dict]:
    """A tiny .po reader: each entry as {"flags": set, "msgid": str, "msgstr": str, "msgstr[0]": str, …}."""
    entries, current, field = [], None, None

    def flush():
        if current is not None and "msgid" in current:
            entries.append(current)

    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("#~"):  # obsolete entry
            continue
        if line.startswith("#"):
            if current is not None and "msgid" in current:
                flush()
                current = None
            current = current or {"flags": set()}
            if line.startswith("#,"):
                current["flags"].update(flag.strip() for flag in line[2:].split(","))
            continue
        match = _FIELD.match(line)
        if match:
            key = match.group(1)
            if key in ("msgctxt", "msgid") and current is not None and "msgid" in current:
                flush()
                current = None
            current = current or {"flags": set()}
            field = key
            current[field] = _unquote(match.group(2))
            continue
        match = _CONTINUATION.match(line)
        assert match and current is not None and field, f"unreadable line in {path.name}: {line!r}"
        current[field] += _unquote(match.group(1))
    flush()
    return entries


def _messages(entries: list[dict]) -> list[dict]:
    return [e for e in entries if e["msgid"]]  # the header has an empty msgid


def _translations(entry: dict) -> list[str]:
    if "msgid_plural" in entry:
        return [v for k, v in entry.items() if k.startswith("msgstr[")]
    return [entry.get("msgstr", "")]


def test_english_is_the_second_language():
    assert settings.LANGUAGE_CODE == "da"
    assert "en" in dict(settings.LANGUAGES)
    assert PO_FILE.exists() and MO_FILE.exists()


def test_every_entry_of_the_catalogue_is_translated():
    messages = _messages(_po_entries(PO_FILE))
    assert len(messages) > 1000  # the whole UI, not a sample
    untranslated = [e["msgid"] for e in messages if not all(_translations(e))]
    fuzzy = [e["msgid"] for e in messages if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []


def test_placeholders_survive_translation():
    placeholder = re.compile(r"%\(\w+\)[sd]|%[sd]|%%")
    wrong = []
    for entry in _messages(_po_entries(PO_FILE)):
        sources = [entry["msgid"], entry.get("msgid_plural", entry["msgid"])]
        for index, text in enumerate(_translations(entry)):
            source = sources[min(index, 1)]
            if sorted(placeholder.findall(source)) != sorted(placeholder.findall(text)):
                wrong.append((source, text))
    assert wrong == []


def test_compiled_catalogue_matches_the_po_file():
    """The committed .mo is what Django loads; it must hold every translation of the .po."""
    with MO_FILE.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    stale = []
    for entry in _messages(_po_entries(PO_FILE)):
        msgid = entry["msgid"]
        if "msgctxt" in entry:
            msgid = f"{entry['msgctxt']}\x04{msgid}"
        if "msgid_plural" in entry:
            got = [compiled.ngettext(msgid, entry["msgid_plural"], n) for n in (1, 2)]
            want = [entry["msgstr[0]"], entry["msgstr[1]"]]
        else:
            got, want = [compiled.gettext(msgid)], [entry["msgstr"]]
        if got != want:
            stale.append(entry["msgid"])
    assert stale == [], "run `manage.py compilemessages` after editing the .po file"


def test_key_strings_translate_to_english():
    with translation.override("en"):
        assert _("Log ind") == "Log in"
        assert _("Spring til indhold") == "Skip to content"
        assert _("Pejlemærker") == "Pejlemærker"  # a Danish term of art, kept as it is
        assert _("Filtrér pejlemærker") == "Filter pejlemærker"
        assert str(Colour.RED.label) == "Red"
        assert str(Colour.GREEN.label) == "Green"
        assert str(Kind.ECONOMY.label) == "Ongoing finances"
        assert _("Sagen besluttes af %(body)s.") % {"body": "IT5"} == "The case is decided by IT5."
        assert _("Hvorfor denne rute") == "Why this route"
        assert _("Business case for %s") % "X" == "Business case for X"
        assert ngettext("%(n)s møde", "%(n)s møder", 1) % {"n": 1} == "1 meeting"
        assert ngettext("%(n)s møde", "%(n)s møder", 3) % {"n": 3} == "3 meetings"
    with translation.override("da"):
        assert _("Log ind") == "Log ind"
        assert str(Colour.RED.label) == "Rød"


@pytest.mark.django_db
def test_language_switch_shows_the_portal_in_english(client, demo, login):
    login("direktoer")

    danish = client.get("/pejlemaerker/")
    assert danish.status_code == 200
    assert "Spring til indhold" in danish.content.decode()

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/pejlemaerker/"})
    assert response.status_code == 302

    page = client.get("/pejlemaerker/")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="en">' in html
    for english in ("Skip to content", "Log out", "Filter pejlemærker", "Main menu", "Language"):
        assert english in html, english
    for danish_text in ("Spring til indhold", "Log ud", "Filtrér pejlemærker", "Hovedmenu"):
        assert danish_text not in html, danish_text

    # And back to Danish.
    client.post("/i18n/setlang/", {"language": "da", "next": "/pejlemaerker/"})
    assert "Spring til indhold" in client.get("/pejlemaerker/").content.decode()


def test_portal_is_danish_whatever_the_browser_language_until_the_user_chooses(demo, client, login):
    login("direktoer")
    page = client.get("/pejlemaerker/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="da">' in page and "Spring til indhold" in page
    client.post("/i18n/setlang/", {"language": "en", "next": "/pejlemaerker/"})
    page = client.get("/pejlemaerker/", HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert '<html lang="en">' in page and "Skip to content" in page

"""R39 reads for agenda packs and decision logs: what a published version held, what changed between two
versions, and what changed since the body's previous meeting. Read only; the writes are in services/publish.py.

A version's snapshot is built from the same filtered pack context the PDF is rendered from, per
audience, so a change list never names more than its reader may see (R29): a Lukket item is absent
from the others' snapshot, a Fortrolig one is there only by its number.
"""

import hashlib
from datetime import date

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.rules import colour_label

from . import selectors
from .models import Access, AgendaItem, Decision, Meeting, PackDownload, PackKind, PackVersion
from .rules import r29_shown

SECTIONS = (
    ("title", "Titel"),
    ("resume", "Resumé"),
    ("indstilling", "Indstilling"),
    ("sagsfremstilling", "Sagsfremstilling"),
    ("oekonomi", "Økonomi"),
    ("sekretariatets_bemaerkninger", "Sekretariatets bemærkninger"),
    ("kommunikation", "Kommunikation"),
    ("beslutning", "Beslutning"),
    ("case_handler", "Sagsbehandler"),
    ("case_number", "Sagsnummer"),
)
# The decision log shows each item's title, Indstilling and Beslutning: its versions are compared on those.
DECISION_LOG_SECTIONS = (("title", "Titel"), ("indstilling", "Indstilling"), ("beslutning", "Beslutning"))
SECTIONS_BY_KIND = {PackKind.AGENDA: SECTIONS, PackKind.DECISION_LOG: DECISION_LOG_SECTIONS}
AUDIENCES = ("members", "others")


def _digest(text: str) -> str:
    return hashlib.sha256((text or "").encode()).hexdigest()[:16]


def snapshot_items(context_items: list[dict], sections=SECTIONS) -> list[dict]:
    """One audience's items as a version keeps them: ids, numbers, titles and a digest per section."""
    rows = []
    for entry in context_items:
        item = entry["item"]
        row = {"id": item.pk, "number": entry["number"], "full": entry["full"]}
        if entry["full"]:
            row["title"] = item.title
            row["access"] = item.access
            row["sections"] = {name: _digest(getattr(item, name)) for name, _label in sections}
            row["attachments"] = [[a.number, a.title, a.attachment.sha256] for a in entry.get("attachments", [])]
        rows.append(row)
    return rows


def item_label(row: dict) -> str:
    if not row.get("full"):
        return _("Punkt %(n)s") % {"n": row["number"]}
    return _("Punkt %(n)s. %(title)s") % {"n": row["number"], "title": row["title"]}


def version_changes(old: list[dict], new: list[dict]) -> list[str]:
    """R39: items added, removed or changed (section by section) and Bilag added, replaced or removed,
    between two snapshots of the same audience, in the new agenda's order."""
    before = {row["id"]: row for row in old}
    after = {row["id"]: row for row in new}
    lines = []
    for row in new:
        previous = before.get(row["id"])
        if previous is None:
            lines.append(_("%(item)s er tilføjet.") % {"item": item_label(row)})
            continue
        if not (row.get("full") and previous.get("full")):
            continue  # only its number is shown: nothing more is said about it
        if previous["number"] != row["number"]:
            lines.append(
                _("%(item)s er flyttet fra punkt %(old)s.") % {"item": item_label(row), "old": previous["number"]}
            )
        changed = [
            str(_(label)) for name, label in SECTIONS if previous["sections"].get(name) != row["sections"].get(name)
        ]
        if previous.get("access") != row.get("access"):
            changed.append(str(_("Adgang")))
        if changed:
            lines.append(
                _("%(item)s: ændret i %(sections)s.") % {"item": item_label(row), "sections": ", ".join(changed)}
            )
        old_files = {number: (title, sha) for number, title, sha in previous["attachments"]}
        new_files = {number: (title, sha) for number, title, sha in row["attachments"]}
        for number, (title, sha) in new_files.items():
            if number not in old_files:
                lines.append(_("Bilag %(n)s – %(title)s er tilføjet.") % {"n": number, "title": title})
            elif old_files[number] != (title, sha):
                lines.append(_("Bilag %(n)s – %(title)s er erstattet.") % {"n": number, "title": title})
        for number, (title, _sha) in old_files.items():
            if number not in new_files:
                lines.append(_("Bilag %(n)s – %(title)s er fjernet.") % {"n": number, "title": title})
    for row in old:
        if row["id"] not in after:
            lines.append(_("%(item)s er udgået.") % {"item": item_label(row)})
    return lines


def audience(members_view: bool) -> str:
    return "members" if members_view else "others"


def current_version(meeting: Meeting, kind: str = PackKind.AGENDA) -> PackVersion | None:
    return (
        PackVersion.objects.filter(meeting=meeting, kind=kind)
        .select_related("published_by", "members_pack", "others_pack")
        .order_by("-number")
        .first()
    )


def meeting_versions(meeting: Meeting, kind: str = PackKind.AGENDA) -> list[PackVersion]:
    return list(
        PackVersion.objects.filter(meeting=meeting, kind=kind).select_related("published_by").order_by("-number")
    )


def previous_version(version: PackVersion) -> PackVersion | None:
    return (
        PackVersion.objects.filter(meeting_id=version.meeting_id, kind=version.kind, number__lt=version.number)
        .order_by("-number")
        .first()
    )


def changes_between(old: PackVersion | None, new: PackVersion, *, members_view: bool) -> list[str]:
    if old is None:
        return []
    key = audience(members_view)
    return version_changes(old.snapshot.get(key, []), new.snapshot.get(key, []))


def version_publication(version: PackVersion, *, members_view: bool) -> dict:
    """What a version's pack says about itself: its number and what changed since the one before."""
    previous = previous_version(version)
    return {
        "number": version.number,
        "previous": previous.number if previous else None,
        "changes": changes_between(previous, version, members_view=members_view),
        "draft": False,
    }


def draft_publication(
    meeting: Meeting, context_items: list[dict], *, members_view: bool, kind: str = PackKind.AGENDA
) -> dict:
    """The secretariat's draft: what it would change against the latest published version of its kind."""
    latest = current_version(meeting, kind)
    if latest is None:
        return {"number": None, "previous": None, "changes": [], "draft": True}
    snapshot = snapshot_items(context_items, SECTIONS_BY_KIND[kind])
    changes = version_changes(latest.snapshot.get(audience(members_view), []), snapshot)
    return {"number": latest.number + 1, "previous": latest.number, "changes": changes, "draft": True}


def since_last_meeting(meeting: Meeting, appendix: list, *, members_view: bool) -> dict | None:
    """R39 "Siden sidste møde": colour changes of the pejlemærker's monthly roll-up between the month the
    previous meeting's pack showed and this one's, the new reds, and the body's decisions recorded since
    (a decision under a closed item says only that it was taken, R29). None at a body's first meeting."""
    previous = selectors.previous_meeting(meeting)
    if previous is None:
        return None
    month, before_month = selectors.report_month(meeting.day), selectors.report_month(previous.day)
    before = {}
    if before_month != month:
        before = {s.pejlemaerke.pk: s.colour for s in selectors.portfolio_appendix(before_month)}
    moves, new_reds = [], []
    for status in appendix:
        if before_month == month or status.pejlemaerke.pk not in before:
            continue
        old = before[status.pejlemaerke.pk]
        if old != status.colour:
            moves.append(
                {
                    "name": status.pejlemaerke.name,
                    "from": colour_label(old, False),
                    "to": colour_label(status.colour, False),
                }
            )
            if status.colour == "red":
                new_reds.append(status.pejlemaerke.name)
    decisions = []
    for decision in (
        Decision.objects.filter(body_id=meeting.body_id, decided_on__gte=previous.day, decided_on__lt=meeting.day)
        .filter(Q(meeting__isnull=True) | ~Q(meeting=meeting))
        .select_related("item")
        .order_by("decided_on", "pk")
    ):
        access = decision.item.access if decision.item_id else Access.PUBLIC
        shown = r29_shown(access, member=members_view) == "full"
        decisions.append(
            {
                "day": decision.decided_on,
                "outcome": decision.get_outcome_display(),
                "text": decision.text[:300] if shown else str(_("Besluttet i lukket punkt")),
                "full": shown,
            }
        )
    return {
        "previous": previous,
        "months": (before_month, month),
        "moves": moves,
        "new_reds": new_reds,
        "decisions": decisions,
    }


def since_last_key(since: dict | None) -> list | None:
    """The part of "Siden sidste møde" that decides the pack's content hash."""
    if since is None:
        return None
    return [
        since["previous"].pk,
        [str(m) for m in since["months"]],
        [[m["name"], m["from"], m["to"]] for m in since["moves"]],
        [[str(d["day"]), d["outcome"], d["text"]] for d in since["decisions"]],
    ]


def version_of_pack(pack) -> PackVersion | None:
    return (
        PackVersion.objects.filter(Q(members_pack=pack) | Q(others_pack=pack))
        .select_related("meeting")
        .order_by("-number")
        .first()
    )


def still_shareable(version: PackVersion, *, members_view: bool) -> bool:
    """R29 for kept versions: an others' pack is not served once an item it showed in full has since been
    made Lukket or Fortrolig (or was deleted, so its access is unknown)."""
    if members_view:
        return True
    shown = [row["id"] for row in version.snapshot.get("others", []) if row.get("full")]
    if not shown:
        return True
    public = set(AgendaItem.objects.filter(pk__in=shown, access=Access.PUBLIC).values_list("pk", flat=True))
    return public == set(shown)


def last_download(user, meeting: Meeting, kind: str = PackKind.AGENDA):
    """The version of this meeting's pack (or decision log) the user downloaded last, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    row = (
        PackDownload.objects.filter(user=user, version__meeting=meeting, version__kind=kind)
        .select_related("version")
        .order_by("-version__number")
        .first()
    )
    return row.version if row else None


def publication_day(version: PackVersion) -> date:
    return timezone.localtime(version.published_at).date()

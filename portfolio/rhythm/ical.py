"""R32: the årshjul as iCalendar (RFC 5545) with the `icalendar` library. Read only.

Meetings are timed (start and end, in the portal's time zone, with its VTIMEZONE), carry their location,
are busy (OPAQUE) and link to the meeting page and, once the agenda is published, to the reader's current
pack. Deadlines and the årshjul's points are all-day and free (TRANSPARENT). Categories are Danish words.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import Calendar, Event

from governance import selectors as governance_selectors
from governance.rules import DEFAULT_MEETING_HOURS  # a meeting without an end time is shown as two hours

CATEGORIES = {
    "oea": gettext_lazy("ØA-processen"),
    "seminar": gettext_lazy("Strategiseminar"),
    "budget": gettext_lazy("Budgetoverblik"),
    "collection": gettext_lazy("Opkrævning"),
    "quarterly": gettext_lazy("Kvartalsrapporter"),
    "meeting": gettext_lazy("Møde"),
    "agenda": gettext_lazy("Dagsordensfrist"),
    "reporting": gettext_lazy("Månedsstatus"),
    "report": gettext_lazy("Porteføljerapport"),
    "director_mail": gettext_lazy("Direktørkredsmail"),
}


def category(kind: str) -> str:
    return str(CATEGORIES.get(kind, gettext_lazy("Årshjul")))


def _meeting_pk(item) -> int | None:
    if item.kind != "meeting" or not str(item.uid).startswith("meeting-"):
        return None
    try:
        return int(str(item.uid).split("-", 1)[1])
    except ValueError:
        return None


def build_calendar(events, *, name: str) -> bytes:
    """An iCalendar document of CalendarEvent rows (all-day, or timed for meetings with a start time)."""
    events = list(events)
    calendar = Calendar()
    calendar.add("prodid", "-//RSI Portal//aarshjul//DA")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    base = settings.PORTAL_BASE_URL.rstrip("/")
    host = base.split("://", 1)[-1].split("/", 1)[0] or "rsi-portal"
    meeting_ids = {pk for pk in (_meeting_pk(item) for item in events) if pk is not None}
    published = governance_selectors.published_meeting_ids(meeting_ids) if meeting_ids else set()
    for item in events:
        event = Event()
        event.add("uid", f"{item.uid}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", str(item.title))
        meeting_pk = _meeting_pk(item)
        if item.start_time is not None:
            start = timezone.make_aware(datetime.combine(item.start, item.start_time))
            end = timezone.make_aware(datetime.combine(item.start, item.end_time)) if item.end_time else None
            event.add("dtstart", start)
            event.add("dtend", end if end and end > start else start + timedelta(hours=DEFAULT_MEETING_HOURS))
        else:
            event.add("dtstart", item.start)
            event.add("dtend", item.end)
        busy = meeting_pk is not None
        event.add("transp", "OPAQUE" if busy else "TRANSPARENT")
        description = [str(item.description)] if item.description else []
        if meeting_pk is not None:
            page = base + reverse("governance:meeting_detail", args=[meeting_pk])
            event.add("url", page)
            description.append(_("Mødets side: %(url)s") % {"url": page})
            if meeting_pk in published:
                pack = base + reverse("governance:pack_current", args=[meeting_pk])
                description.append(_("Dagsordenspakke: %(url)s") % {"url": pack})
                event.add("attach", pack, parameters={"FMTTYPE": "application/pdf"})
            event.add("status", "CONFIRMED")
        if description:
            event.add("description", "\n".join(description))
        if item.location:
            event.add("location", item.location)
        event.add("categories", [category(item.kind)])
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()

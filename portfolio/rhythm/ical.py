"""R32: the årshjul as iCalendar (RFC 5545) with the `icalendar` library. Read only."""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event


def build_calendar(events, *, name: str) -> bytes:
    """An iCalendar document of CalendarEvent rows (all-day, or timed for meetings with a start time)."""
    calendar = Calendar()
    calendar.add("prodid", "-//RSI Portal//aarshjul//DA")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    host = settings.PORTAL_BASE_URL.split("://", 1)[-1].split("/", 1)[0] or "rsi-portal"
    for item in events:
        event = Event()
        event.add("uid", f"{item.uid}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", str(item.title))
        if item.start_time is not None:
            start = timezone.make_aware(datetime.combine(item.start, item.start_time))
            event.add("dtstart", start)
            event.add("dtend", start + timedelta(hours=2))
        else:
            event.add("dtstart", item.start)
            event.add("dtend", item.end)
            event.add("transp", "TRANSPARENT")
        if item.description:
            event.add("description", str(item.description))
        if item.location:
            event.add("location", item.location)
        event.add("categories", [item.kind])
        calendar.add_component(event)
    return calendar.to_ical()

"""iCalendar (RFC 5545) output of events, built with the ``icalendar`` library."""

import datetime

from django.http import HttpResponse
from django.utils import timezone

from icalendar import Calendar, Event

from .choices import EventStatus

PRODID = "-//UPI//Le Province e il sistema dei servizi a supporto dei Comuni//IT"


def event_component(request, page):
    event = Event()
    # The UID is the page's translation key: stable across edits, moves and the two languages.
    event.add("uid", f"{page.translation_key}@province-servizi-comuni")
    stamp = page.last_published_at or page.latest_revision_created_at or timezone.now()
    event.add("dtstamp", stamp.astimezone(datetime.UTC))
    if page.is_all_day:
        event.add("dtstart", page.start_date)
        event.add("dtend", page.ical_end)
    else:
        event.add("dtstart", page.starts_at)
        if page.ical_end is not None:
            event.add("dtend", page.ical_end)
    event.add("summary", page.title)
    if page.get_summary():
        event.add("description", page.get_summary())
    location = page.location_text or page.online_url
    if location:
        event.add("location", location)
    event.add("url", request.build_absolute_uri(page.get_url(request)))
    event.add(
        "status",
        {EventStatus.CANCELLED: "CANCELLED", EventStatus.POSTPONED: "TENTATIVE"}.get(
            page.status, "CONFIRMED"
        ),
    )
    if page.last_published_at:
        event.add("last-modified", page.last_published_at.astimezone(datetime.UTC))
    return event


def build_calendar(request, pages, name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for page in pages:
        calendar.add_component(event_component(request, page))
    calendar.add_missing_timezones()
    return calendar


def calendar_response(request, pages, filename, name):
    response = HttpResponse(
        build_calendar(request, pages, name).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

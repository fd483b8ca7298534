"""The events' routes (see the routing convention in ``practices/views.py``): the agenda, past events,
the iCalendar feeds, and the event page itself."""

from urllib.parse import urlsplit

from django.core.paginator import Paginator
from django.http import Http404, HttpResponsePermanentRedirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.forms import EventFilterForm
from events.ical import calendar_response

PAGE_SIZE = 12


def filter_query(request):
    """The filters of the current listing as a query string, without the page number."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _listing(request, page, view):
    events = page.events()
    form = EventFilterForm(request.GET or None, index=page, view=view)
    events = events.upcoming() if view == "upcoming" else events.past()
    if form.is_bound:
        form.is_valid()  # the valid filters apply; an invalid value is reported next to its field
        events = form.filter(events)
    events = events.select_related("sector").prefetch_related("provinces")
    page_obj = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return page.render(
        request,
        context_overrides={
            "view": view,
            "form": form,
            "page_obj": page_obj,
            "events": page_obj.object_list,
            "is_filtered": form.is_bound,
            "filter_query": filter_query(request),
            "upcoming_url": page.url,
            "past_url": page.past_url(),
            "feed_url": page.url + page.reverse_subpage("ical_feed"),
            "now": timezone.now(),
        },
    )


def upcoming(request, page):
    """The agenda: upcoming dated events, filtered by the GET parameters."""
    return _listing(request, page, "upcoming")


def past(request, page):
    """Past events. One address per language: the other language's segment (e.g. from the language
    switcher) redirects to this page's own."""
    canonical = page.past_url()
    if request.path != urlsplit(canonical).path:
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(canonical + (f"?{query}" if query else ""))
    return _listing(request, page, "past")


def index_calendar(request, page):
    """The iCalendar feed: the coming events and those of the last twelve months (a calendar that subscribes
    keeps the recent ones, and a reader who adds it after an event still finds it)."""
    events = list(page.events().for_calendar().select_related("sector"))
    return calendar_response(request, events, filename=f"{page.slug}.ics", name=page.title)


def event(request, page):
    return page.render(request)


def event_calendar(request, page):
    """One event as an iCalendar file (not for an event still to be scheduled)."""
    if page.start_date is None:
        raise Http404(_("Evento ancora da programmare"))
    return calendar_response(request, [page], filename=f"{page.slug}.ics", name=page.title)

from django.utils import timezone

from wagtail import hooks
from wagtail.models import Locale

from .models import EventIndexPage

HOME_EVENTS = 3
PROVINCE_EVENTS = 6


def _index_for(locale):
    return EventIndexPage.objects.live().filter(locale=locale).first()


@hooks.register("home_page_sections")
def home_events(request, home_page):
    """The next dated events; when none is coming, the latest reports."""
    index = _index_for(home_page.locale)
    if index is None:
        return None
    now = timezone.now()
    events = index.events().select_related("sector").prefetch_related("provinces")
    upcoming = list(events.dated_upcoming(now)[:HOME_EVENTS])
    if upcoming:
        return {"template": "events/includes/home_events.html", "order": 30,
                "context": {"events": upcoming, "index_page": index, "showing_reports": False, "now": now}}
    past = list(events.past(now)[:HOME_EVENTS])
    if not past:
        return None
    return {"template": "events/includes/home_events.html", "order": 30,
            "context": {"events": past, "index_page": index, "showing_reports": True, "now": now}}


@hooks.register("province_page_sections")
def province_events(request, province):
    locale = Locale.get_active()
    index = _index_for(locale)
    if index is None:
        return None
    now = timezone.now()
    events = index.events().filter(provinces=province).select_related("sector").prefetch_related("provinces")
    upcoming = list(events.upcoming(now)[:PROVINCE_EVENTS])
    past = list(events.past(now)[:PROVINCE_EVENTS])
    if not upcoming and not past:
        return None
    return {"template": "events/includes/province_events.html", "order": 30,
            "context": {"upcoming": upcoming, "past": past, "index_page": index, "province": province, "now": now}}


@hooks.register("sector_page_sections")
def sector_events(request, sector_page):
    index = _index_for(sector_page.locale)
    if index is None:
        return None
    now = timezone.now()
    events = index.events().filter(sector__code=sector_page.sector.code).select_related("sector")
    events = events.prefetch_related("provinces")
    upcoming = list(events.upcoming(now)[:PROVINCE_EVENTS])
    past = list(events.past(now)[:PROVINCE_EVENTS])
    if not upcoming and not past:
        return None
    return {"template": "events/includes/sector_events.html", "order": 30,
            "context": {"upcoming": upcoming, "past": past, "index_page": index, "sector": sector_page.sector}}


@hooks.register("load_site_content")
def load_events(loader, home_it):
    from .content import load_events as load

    load(loader, home_it)

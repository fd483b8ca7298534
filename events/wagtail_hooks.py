from datetime import date, time

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.models import Locale

from core.request_cache import top_page_of_type

from . import content
from .models import EventIndexPage

HOME_EVENTS = 3
PROVINCE_EVENTS = 6


def _index_for(locale):
    return top_page_of_type(EventIndexPage, locale)


@hooks.register("home_page_sections")
def home_events(request, home_page):
    """The next dated events; when none is coming, the latest reports."""
    index = _index_for(home_page.locale)
    if index is None:
        return None
    now = timezone.now()
    events = index.events().select_related("sector").prefetch_related("provinces")
    upcoming = list(events.upcoming(now)[:HOME_EVENTS])
    if upcoming:
        return {
            "template": "events/includes/home_events.html",
            "order": 30,
            "context": {"events": upcoming, "index_page": index, "showing_reports": False, "now": now},
        }
    past = list(events.past(now)[:HOME_EVENTS])
    if not past:
        return None
    return {
        "template": "events/includes/home_events.html",
        "order": 30,
        "context": {"events": past, "index_page": index, "showing_reports": True, "now": now},
    }


def _events_section(index, events, section_id, filter_query, all_label):
    """Upcoming and past events of a Province or a sector, with a link to all of them in the index."""
    now = timezone.now()
    # The upcoming and the past ones in one query (a Province or a sector has few events), each in the
    # order of ``EventQuerySet.upcoming`` and ``.past``.
    events = events.filter(ends_at__isnull=False).select_related("sector").prefetch_related("provinces")
    dated = list(events.order_by("start_date", F("start_time").asc(nulls_first=True), "path"))
    upcoming = [event for event in dated if event.ends_at > now and event.start_date is not None][
        :PROVINCE_EVENTS
    ]
    past = [event for event in dated if event.ends_at <= now]
    past.sort(
        key=lambda event: (
            event.start_date or date.min,
            event.start_time is not None,
            event.start_time or time.min,
        ),
        reverse=True,
    )
    past = past[:PROVINCE_EVENTS]
    if not upcoming and not past:
        return None
    return {
        "template": "events/includes/related_events.html",
        "order": 30,
        "context": {
            "upcoming": upcoming,
            "past": past,
            "index_page": index,
            "now": now,
            "section_id": section_id,
            "filter_query": filter_query,
            "all_label": all_label,
        },
    }


@hooks.register("province_page_sections")
def province_events(request, province):
    index = _index_for(Locale.get_active())
    if index is None:
        return None
    return _events_section(
        index,
        index.events().filter(provinces=province),
        "province-events",
        f"provincia={province.slug}",
        _("Tutti gli eventi della Provincia"),
    )


@hooks.register("sector_page_sections")
def sector_events(request, sector_page):
    index = _index_for(sector_page.locale)
    if index is None:
        return None
    code = sector_page.sector.code
    return _events_section(
        index,
        index.events().filter(sector__code=code),
        "sector-events",
        f"settore={code}",
        _("Tutti gli eventi del settore"),
    )


@hooks.register("load_site_content")
def load_events(loader, home_it):
    content.load_events(loader, home_it)

"""The events index: upcoming and past views, filters, pagination, the iCalendar feed, and the seed's events."""

import datetime
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
import time_machine
from icalendar import Calendar

from core.models import Province, Sector
from core.page_cache import invalidate
from events.factories import EventPageFactory
from events.models import EventIndexPage, EventPage, EventType
from events.views import PAGE_SIZE

ROME = ZoneInfo("Europe/Rome")
pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2030, 6, 15, 12, 0, tzinfo=ROME)


@pytest.fixture
def index_it(db):
    return EventIndexPage.objects.get(locale__language_code="it")


def titles(response):
    return [event.title for event in response.context["events"]]


@pytest.fixture
def agenda(index_it):
    make = EventPageFactory
    return {
        "later": make(
            parent=index_it,
            title="Più avanti",
            start_date=datetime.date(2030, 9, 1),
            event_type=EventType.TRAINING,
        ),
        "soon": make(
            parent=index_it,
            title="Tra poco",
            start_date=datetime.date(2030, 6, 20),
            start_time=datetime.time(9, 30),
            event_type=EventType.WEBINAR,
            sector=Sector.objects.get(code="sua", locale__language_code="it"),
        ),
        "today": make(
            parent=index_it,
            title="Oggi pomeriggio",
            start_date=datetime.date(2030, 6, 15),
            start_time=datetime.time(15, 0),
            event_type=EventType.WEBINAR,
        ),
        "ended_today": make(
            parent=index_it,
            title="Stamattina",
            start_date=datetime.date(2030, 6, 15),
            start_time=datetime.time(9, 0),
            end_time=datetime.time(11, 0),
            event_type=EventType.WEBINAR,
        ),
        "last_year": make(
            parent=index_it,
            title="Anno scorso",
            start_date=datetime.date(2029, 5, 1),
            event_type=EventType.FOCUS_GROUP,
            macro_area="sud",
            provinces=[Province.objects.get(sigla="TV")],
        ),
    }


def test_upcoming_soonest_first_and_never_events_to_be_scheduled(client, index_it, agenda):
    undated = EventPageFactory(parent=index_it, title="Senza data", event_type=EventType.FOCUS_GROUP)
    with time_machine.travel(NOW, tick=False):
        response = client.get(index_it.url)
        assert undated not in EventPage.objects.upcoming() and undated not in EventPage.objects.past()
    listed = titles(response)
    # Only dated events: the seed's old ones are past, an event without a date is not on the agenda.
    assert listed == ["Oggi pomeriggio", "Tra poco", "Più avanti"]
    html = response.content.decode()
    assert "Da programmare" not in html and "Senza data" not in html
    assert f'<form method="get" action="{index_it.url}"' in html  # an empty action is invalid HTML


def test_past_newest_first_and_never_events_to_be_scheduled(client, index_it, agenda):
    with time_machine.travel(NOW, tick=False):
        response = client.get(index_it.url + "passati/")
    listed = titles(response)
    assert listed[:2] == ["Stamattina", "Anno scorso"]
    assert listed[2:] == [
        "Incontro nazionale dei Segretari generali e dei dirigenti al personale delle Province",
        "Presentazione della «Strategia italiana per le competenze digitali e il suo Piano Operativo»",
        "Presentazione del Rapporto BES delle Province 2020",
        "Convegno «PRO.DIGI. La Provincia digitale» all'Internet Festival 2020",
    ]
    assert not any(title.startswith("Focus group") for title in listed)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tipo=webinar", ["Stamattina"]),
        ("anno=2029", ["Anno scorso"]),
        ("area=sud", ["Anno scorso"]),
        ("provincia=treviso", ["Anno scorso"]),
        ("tipo=focus-group&area=nord-ovest", []),
        (
            "anno=2020&tipo=presentazione",
            ["Presentazione della «Strategia italiana per le competenze digitali e il suo Piano Operativo»"],
        ),
    ],
)
def test_past_filters(client, index_it, agenda, query, expected):
    with time_machine.travel(NOW, tick=False):
        response = client.get(f"{index_it.url}passati/?{query}")
    assert titles(response) == expected
    assert '<meta name="robots" content="noindex, follow">' in response.content.decode()


def test_upcoming_filters_by_sector_and_macro_area(client, index_it, agenda):
    with time_machine.travel(NOW, tick=False):
        assert titles(client.get(index_it.url + "?settore=sua")) == ["Tra poco"]
        EventPageFactory(
            parent=index_it,
            title="Focus group Centro",
            start_date=datetime.date(2030, 10, 1),
            event_type=EventType.FOCUS_GROUP,
            macro_area="centro",
        )
        assert titles(client.get(index_it.url + "?area=centro")) == ["Focus group Centro"]


@time_machine.travel(NOW, tick=False)
def test_macro_area_filter_includes_events_of_its_provinces(client, index_it):
    EventPageFactory(
        parent=index_it,
        title="A Pisa",
        start_date=datetime.date(2031, 1, 1),
        provinces=[Province.objects.get(sigla="PI")],
    )
    response = client.get(index_it.url + "?area=centro")
    assert titles(response) == ["A Pisa"]


@pytest.mark.parametrize(
    "query",
    ["tipo=nonesiste", "anno=abc", "anno=1850", "provincia=%00", "page=999", "page=-1", "settore=x&area=y"],
)
def test_bad_filters_give_a_normal_page(client, index_it, query):
    response = client.get(f"{index_it.url}passati/?{query}")
    assert response.status_code == 200


@time_machine.travel(NOW, tick=False)
def test_pagination_keeps_the_filters(client, index_it):
    for day in range(PAGE_SIZE + 2):
        EventPageFactory(
            parent=index_it,
            title=f"Corso {day:02d}",
            event_type=EventType.TRAINING,
            start_date=datetime.date(2031, 1, 1) + datetime.timedelta(days=day),
        )
    first = client.get(index_it.url + "?tipo=formazione")
    assert len(first.context["events"]) == PAGE_SIZE
    assert "?tipo=formazione&amp;page=2" in first.content.decode()
    second = client.get(index_it.url + "?tipo=formazione&page=2")
    assert titles(second) == ["Corso 12", "Corso 13"]


def _queries(client, url):
    client.get(url)  # warm the per-process caches (menus, site)
    invalidate()  # but count the page's render, not a page-cache hit
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("view", ["", "passati/"])
def test_index_query_count_does_not_grow_with_events(client, index_it, view):
    sector = Sector.objects.get(code="europa", locale__language_code="it")
    provinces = list(Province.objects.filter(sigla__in=["TV", "PI"]))

    def add(count, start):
        for n in range(count):
            day = datetime.date(2040 if not view else 2021, 1, 1) + datetime.timedelta(days=start + n)
            EventPageFactory(parent=index_it, start_date=day, sector=sector, provinces=provinces)

    add(2, 0)
    few = _queries(client, index_it.url + view)
    add(10, 2)
    many = _queries(client, index_it.url + view)
    assert few == many


def test_ical_feed_lists_the_coming_events_and_those_of_the_last_twelve_months(client, index_it, agenda):
    EventPageFactory(parent=index_it, title="Undici mesi fa", start_date=datetime.date(2029, 7, 20))
    EventPageFactory(parent=index_it, title="Senza data")
    with time_machine.travel(NOW, tick=False):
        response = client.get(index_it.url + "ics/")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    # “Anno scorso” (1 May 2029) ended more than twelve months before 15 June 2030; the seed's are older still.
    assert set(events) == {"Undici mesi fa", "Stamattina", "Oggi pomeriggio", "Tra poco", "Più avanti"}
    assert [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")][0] == "Undici mesi fa"
    assert events["Tra poco"]["DTSTART"].params["TZID"] == "Europe/Rome"
    assert events["Più avanti"]["DTSTART"].params["VALUE"] == "DATE"
    uids = [str(event["UID"]) for event in events.values()]
    assert len(set(uids)) == 5


def test_the_index_links_its_calendar_feed(client, index_it):
    html = client.get(index_it.url).content.decode()
    assert f'href="{index_it.url}ics/"' in html
    assert "Aggiungi i prossimi eventi al tuo calendario" in html


def test_english_index_and_event(client):
    index = client.get("/en/events/past/")
    assert index.status_code == 200
    assert "Presentation of the 2020 BES Report of the Provinces" in titles(index)
    page = client.get("/en/events/presentation-bes-report-of-the-provinces-2020/")
    html = page.content.decode()
    assert '<html lang="en">' in html
    assert "Event ended" in html
    assert "23 November 2020" in html
    assert "UPI and the Province of Pesaro e Urbino" in html
    assert "Pesaro e Urbino" in html
    upcoming = client.get("/en/events/")
    assert titles(upcoming) == []
    assert "To be scheduled" not in upcoming.content.decode()
    feed = Calendar.from_ical(
        client.get("/en/events/presentation-bes-report-of-the-provinces-2020/ics/").content
    )
    italian = Calendar.from_ical(
        client.get("/eventi/presentazione-rapporto-bes-delle-province-2020/ics/").content
    )
    # One event, two languages: the same UID, so calendars do not duplicate it.
    assert feed.walk("VEVENT")[0]["UID"] == italian.walk("VEVENT")[0]["UID"]
    assert str(feed.walk("VEVENT")[0]["SUMMARY"]) == "Presentation of the 2020 BES Report of the Provinces"


def test_seed_events(index_it):
    events = EventPage.objects.child_of(index_it)
    # The progress report's planned steps stay in its timeline, and the focus groups have their own pages.
    assert not events.filter(start_date__isnull=True).exists()
    assert not EventPage.objects.filter(start_date__isnull=True).exists()
    dated = {event.title: event for event in events.filter(start_date__isnull=False)}
    assert {event.start_date for event in dated.values()} == {
        datetime.date(2020, 11, 19),
        datetime.date(2020, 11, 23),
        datetime.date(2020, 12, 2),
        datetime.date(2021, 1, 11),
    }
    assert all(event.is_all_day and not event.speakers and not event.programme for event in dated.values())
    pisa = dated["Convegno «PRO.DIGI. La Provincia digitale» all'Internet Festival 2020"]
    assert pisa.city == "Pisa" and pisa.venue == ""
    assert events.count() == 4
    assert EventPage.objects.filter(locale__language_code="en").count() == events.count()


def test_index_is_in_the_main_navigation(client, index_it):
    assert index_it.show_in_menus
    assert f'href="{index_it.url}"' in client.get("/").content.decode()


def test_home_shows_latest_reports_when_nothing_is_upcoming(client):
    with time_machine.travel(NOW, tick=False):
        html = client.get("/").content.decode()
    assert "Gli ultimi eventi" in html
    assert "Incontro nazionale dei Segretari generali" in html


def test_home_shows_next_events(client, index_it, agenda):
    with time_machine.travel(NOW, tick=False):
        html = client.get("/").content.decode()
    assert "Prossimi eventi" in html
    assert "Oggi pomeriggio" in html and "Tra poco" in html
    assert "Incontro nazionale dei Segretari generali" not in html


def test_province_page_lists_its_events(client):
    html = client.get("/province/pesaro-e-urbino/").content.decode()
    assert "Presentazione del Rapporto BES delle Province 2020" in html
    assert "Presentazione del Rapporto BES" not in client.get("/province/treviso/").content.decode()
    english = client.get("/en/provinces/pesaro-e-urbino/").content.decode()
    assert "Presentation of the 2020 BES Report of the Provinces" in english


@time_machine.travel(NOW, tick=False)
def test_home_and_province_sections_query_count_does_not_grow(client, index_it):
    provinces = list(Province.objects.filter(sigla__in=["PU", "PI"]))
    EventPageFactory(parent=index_it, start_date=datetime.date(2040, 1, 1), provinces=provinces)
    home_few = _queries(client, "/")
    province_few = _queries(client, "/province/pesaro-e-urbino/")
    for n in range(4):
        EventPageFactory(parent=index_it, start_date=datetime.date(2040, 1, 2 + n), provinces=provinces)
    assert _queries(client, "/") == home_few
    assert _queries(client, "/province/pesaro-e-urbino/") == province_few


def test_admin_can_open_the_event_editor(admin_client, index_it):
    event = EventPage.objects.child_of(index_it).first()
    assert admin_client.get(f"/admin/pages/{event.pk}/edit/").status_code == 200
    assert admin_client.get(f"/admin/pages/add/events/eventpage/{index_it.pk}/").status_code == 200


def test_switching_between_upcoming_and_past_keeps_the_filters(client, index_it):
    html = client.get(index_it.url + "?tipo=convegno&page=2").content.decode()
    assert 'href="/eventi/passati/?tipo=convegno"' in html
    upcoming = client.get(index_it.url + "?tipo=convegno")
    assert titles(upcoming) == []
    assert 'href="/eventi/passati/?tipo=convegno">Vedi gli eventi passati' in upcoming.content.decode()


@time_machine.travel(NOW, tick=False)
def test_sector_page_lists_the_sector_events(client, index_it):
    sector = Sector.objects.get(code="innovazione", locale__language_code="it")
    EventPageFactory(
        parent=index_it,
        title="Laboratorio di esempio sui dati",
        sector=sector,
        start_date=datetime.date(2040, 2, 1),
    )
    from home.models import SectorPage

    page = SectorPage.objects.get(sector=sector)
    html = client.get(page.url).content.decode()
    assert "Laboratorio di esempio sui dati" in html
    assert "?settore=innovazione" in html
    other = SectorPage.objects.get(sector__code="sua", locale__language_code="it")
    assert "Laboratorio di esempio sui dati" not in client.get(other.url).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/en/events/passati/", "/en/events/past/"),
        ("/eventi/past/?tipo=focus-group", "/eventi/passati/?tipo=focus-group"),
    ],
)
def test_past_events_have_one_address_per_language(client, path, target):
    response = client.get(path)
    assert response.status_code == 301
    assert response["Location"] == target
    assert client.get(target).status_code == 200

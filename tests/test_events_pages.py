"""Event pages: the time-dependent switch from “how to take part” to the report, JSON-LD, iCalendar."""

import datetime
import json
import re
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError

import pytest
import time_machine
from icalendar import Calendar

from events.factories import EventPageFactory
from events.models import EventIndexPage, EventMode, EventPage, EventStatus
from tests.skeleton import section

ROME = ZoneInfo("Europe/Rome")
BEFORE = datetime.datetime(2030, 3, 1, 9, 0, tzinfo=ROME)
DURING = datetime.datetime(2030, 3, 10, 11, 0, tzinfo=ROME)
AFTER = datetime.datetime(2030, 3, 10, 13, 0, tzinfo=ROME)


@pytest.fixture(scope="module")
def index_id(module_db, homes):
    from home.models import HomePage

    with module_db.unblock():
        return section(HomePage.objects.get(pk=homes["it"]), EventIndexPage, "Eventi", "eventi").pk


@pytest.fixture
def index_it(db, index_id):
    return EventIndexPage.objects.get(pk=index_id)


@pytest.fixture
def webinar(index_it):
    return EventPageFactory(
        parent=index_it,
        title="Webinar di esempio sulla SUA",
        slug="webinar-di-esempio",
        start_date=datetime.date(2030, 3, 10),
        start_time=datetime.time(10, 0),
        end_time=datetime.time(12, 30),
        mode=EventMode.HYBRID,
        venue="Sala di esempio",
        city="Città di esempio",
        online_url="https://example.org/live",
        registration_status="aperte",
        registration_url="https://example.org/iscrizione",
        how_to_participate="Iscriversi entro il giorno prima.",
        programme=[
            (
                "item",
                {
                    "time": datetime.time(10, 0),
                    "title": "Apertura dei lavori",
                    "speaker": "Persona di esempio",
                },
            )
        ],
        speakers=[
            (
                "speaker",
                {"name": "Persona di esempio", "role": "Dirigente", "organisation": "Ente di esempio"},
            )
        ],
        report=json.dumps([{"type": "paragraph", "value": "<p>Resoconto di esempio del webinar.</p>"}]),
        video_url="https://video.example.org/registrazione",
    )


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1)) if match else None


def test_end_of_an_all_day_event_is_midnight_in_rome(index_it):
    event = EventPageFactory(parent=index_it, start_date=datetime.date(2030, 7, 1))
    assert event.is_all_day
    assert event.ends_at == datetime.datetime(2030, 7, 2, 0, 0, tzinfo=ROME)
    assert event.ends_at == datetime.datetime(2030, 7, 1, 22, 0, tzinfo=datetime.UTC)  # CEST is UTC+2


def test_an_event_to_be_scheduled_is_neither_upcoming_nor_past(index_it):
    event = EventPageFactory(parent=index_it)
    with time_machine.travel(datetime.datetime(2099, 1, 1, tzinfo=ROME), tick=False):
        assert event.ends_at is None
        assert not event.is_past()
        assert event not in EventPage.objects.upcoming()
        assert event not in EventPage.objects.past()
        assert event not in EventPage.objects.for_calendar()


def test_every_dated_event_page_shows_its_calendar_link(client, webinar):
    for moment in (BEFORE, AFTER + datetime.timedelta(days=400)):
        with time_machine.travel(moment, tick=False):
            html = client.get(webinar.url).content.decode()
        link = re.search(r'<a class="btn[^"]*" href="([^"]+)" download>.*?Aggiungi al calendario', html, re.S)
        assert link and link.group(1) == webinar.url + "ics/"
    [vevent] = Calendar.from_ical(client.get(webinar.url + "ics/").content).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Webinar di esempio sulla SUA"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"start_time": datetime.time(10)}, "start_date"),
        ({"start_date": datetime.date(2030, 1, 2), "end_date": datetime.date(2030, 1, 1)}, "end_date"),
        (
            {
                "start_date": datetime.date(2030, 1, 2),
                "start_time": datetime.time(12),
                "end_time": datetime.time(11),
            },
            "end_time",
        ),
        ({"start_date": datetime.date(2030, 1, 2), "end_time": datetime.time(11)}, "start_time"),
    ],
)
@pytest.mark.django_db  # a new page reads its content type (cached once some earlier test has read it)
def test_inconsistent_dates_are_refused(fields, field):
    with pytest.raises(ValidationError) as error:
        EventPage(title="x", event_type="webinar", **fields).clean()
    assert field in error.value.message_dict


def test_before_the_event_the_page_says_how_to_take_part(client, webinar):
    with time_machine.travel(BEFORE, tick=False):
        html = client.get(webinar.url).content.decode()
    assert "Come partecipare" in html
    assert "Iscriversi entro il giorno prima." in html
    assert 'href="https://example.org/iscrizione"' in html
    assert "Prossimo evento" in html
    assert "Evento concluso" not in html
    assert "Resoconto di esempio" not in html
    assert "10 marzo 2030, 10:00–12:30" in html
    assert "Apertura dei lavori" in html and "Ente di esempio" in html
    assert 'href="/eventi/webinar-di-esempio/ics/"' in html
    assert '<meta property="og:title" content="Webinar di esempio sulla SUA">' in html
    assert '<meta property="og:description" content="Evento di esempio creato per i test.">' in html


def test_during_the_event_it_is_in_progress(client, webinar):
    with time_machine.travel(DURING, tick=False):
        html = client.get(webinar.url).content.decode()
    assert "Evento in corso" in html
    assert "Come partecipare" in html


def test_after_the_event_the_page_shows_its_report(client, webinar):
    with time_machine.travel(AFTER, tick=False):
        html = client.get(webinar.url).content.decode()
    assert "Evento concluso" in html
    assert "Resoconto di esempio del webinar." in html
    assert "Come partecipare" not in html
    assert "https://example.org/iscrizione" not in html
    # The video is a plain link: no third-party frame under the site's CSP.
    assert 'href="https://video.example.org/registrazione"' in html
    assert "si apre su un sito esterno: video.example.org" in html
    assert "<iframe" not in html


def test_json_ld_describes_the_event(client, webinar):
    with time_machine.travel(BEFORE, tick=False):
        data = json_ld(client.get(webinar.url).content.decode())
    assert data["@type"] == "Event"
    assert data["name"] == "Webinar di esempio sulla SUA"
    assert data["startDate"] == "2030-03-10T10:00:00+01:00"
    assert data["endDate"] == "2030-03-10T12:30:00+01:00"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"][0]["address"]["addressLocality"] == "Città di esempio"
    assert data["location"][1] == {"@type": "VirtualLocation", "url": "https://example.org/live"}
    assert data["url"] == "http://testserver/eventi/webinar-di-esempio/"


def test_json_ld_cannot_break_out_of_its_script(client, index_it):
    event = EventPageFactory(
        parent=index_it,
        title="</script><script>alert(1)</script>",
        start_date=datetime.date(2030, 1, 1),
        status=EventStatus.CANCELLED,
    )
    html = client.get(event.url).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(html)["name"] == "</script><script>alert(1)</script>"
    assert json_ld(html)["eventStatus"] == "https://schema.org/EventCancelled"


def test_event_ics_is_valid_icalendar(client, webinar):
    response = client.get(webinar.url + "ics/")
    assert response["Content-Type"].startswith("text/calendar")
    assert 'filename="webinar-di-esempio.ics"' in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    [event] = calendar.walk("VEVENT")
    assert event["UID"] == f"{webinar.translation_key}@province-servizi-comuni"
    assert event["DTSTART"].params["TZID"] == "Europe/Rome"
    assert event.decoded("DTSTART") == datetime.datetime(2030, 3, 10, 10, 0, tzinfo=ROME)
    assert event.decoded("DTEND") == datetime.datetime(2030, 3, 10, 12, 30, tzinfo=ROME)
    assert str(event["LOCATION"]) == "Sala di esempio, Città di esempio"
    assert str(event["URL"]) == "http://testserver/eventi/webinar-di-esempio/"
    assert "DTSTAMP" in event
    # The time zone the DTSTART refers to is defined in the calendar (RFC 5545, 3.2.19).
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Rome"]
    # The UID does not change when the page is edited.
    webinar.title = "Nuovo titolo"
    webinar.save_revision().publish()
    again = Calendar.from_ical(client.get(webinar.url + "ics/").content)
    assert again.walk("VEVENT")[0]["UID"] == event["UID"]


def test_all_day_event_ics_uses_dates(client, index_it):
    event = EventPageFactory(
        parent=index_it,
        slug="giornata",
        start_date=datetime.date(2030, 5, 4),
        end_date=datetime.date(2030, 5, 5),
    )
    [vevent] = Calendar.from_ical(client.get(event.url + "ics/").content).walk("VEVENT")
    assert vevent["DTSTART"].params["VALUE"] == "DATE"
    assert vevent.decoded("DTSTART") == datetime.date(2030, 5, 4)
    assert vevent.decoded("DTEND") == datetime.date(2030, 5, 6)  # exclusive end


def test_an_event_to_be_scheduled_has_no_ics(client, index_it):
    event = EventPageFactory(parent=index_it, slug="senza-data")
    html = client.get(event.url).content.decode()
    assert "Da programmare" in html
    assert "Evento concluso" not in html
    assert "/ics/" not in html.split("<footer")[0].split("</head>")[1]
    assert client.get(event.url + "ics/").status_code == 404


def test_page_tree_rules(index_it, home_it):
    assert EventPage.can_create_at(index_it)
    assert not EventPage.can_create_at(home_it)
    assert not EventIndexPage.can_create_at(home_it)  # one index per language tree already exists


def test_report_shows_documents_gallery_with_alt_text_and_related_pages(client, index_it, home_it):
    from django.core.files.base import ContentFile

    from core.factories import SiteImageFactory
    from core.models import SiteDocument
    from home.factories import ContentPageFactory

    photo = SiteImageFactory(description="Sala con i partecipanti all'incontro di esempio")
    slides = SiteDocument.objects.create(
        title="Presentazione di esempio", file=ContentFile(b"%PDF-1.4", name="slides.pdf")
    )
    related = ContentPageFactory(
        parent=home_it, title="Pagina collegata di esempio", slug="pagina-collegata-esempio"
    )
    event = EventPageFactory(
        parent=index_it,
        slug="con-resoconto",
        start_date=datetime.date(2021, 1, 10),
        report_documents=[("document", slides)],
        gallery=[("photo", {"image": photo, "caption": "La sala"})],
        related_pages=[("page", related)],
    )
    html = client.get(event.url).content.decode()
    assert "Presentazione di esempio" in html and 'href="' + slides.url + '"' in html
    assert 'alt="Sala con i partecipanti all&#x27;incontro di esempio"' in html
    assert "La sala" in html
    assert f'href="{related.url}"' in html
    # A related page that is not live is not linked.
    related.unpublish()
    assert "Pagina collegata di esempio" not in client.get(event.url).content.decode()

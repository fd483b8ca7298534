"""The newsroom's RSS 2.0 and Atom feeds, read by a real feed parser."""

import datetime

import feedparser
import pytest

from core.factories import SiteImageFactory
from core.models import Province
from news.choices import NewsType
from news.factories import NewsPageFactory, news, newsroom

pytestmark = pytest.mark.django_db


@pytest.fixture
def releases():
    treviso = Province.objects.get(sigla="TV")
    return {
        "national": news(
            title="Esempio comunicato nazionale",
            news_type=NewsType.NATIONAL_RELEASE,
            date=datetime.date(2030, 1, 3),
            lead_image=SiteImageFactory(),
        ),
        "local": news(
            title="Esempio comunicato di Treviso",
            news_type=NewsType.LOCAL_RELEASE,
            province=treviso,
            date=datetime.date(2030, 1, 2),
        ),
        "news": news(title="Esempio notizia", date=datetime.date(2030, 1, 1)),
        "draft": NewsPageFactory(
            parent=newsroom(), title="Esempio bozza", live=False, date=datetime.date(2030, 1, 4)
        ),
    }


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, feedparser.parse(response.content)


def test_rss_feed_of_all_news(client, releases):
    response, feed = parse(client, "/sala-stampa/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    assert feed.version == "rss20" and not feed.bozo
    assert [e.title for e in feed.entries[:3]] == [
        "Esempio comunicato nazionale",
        "Esempio comunicato di Treviso",
        "Esempio notizia",
    ]
    assert "Esempio bozza" not in [e.title for e in feed.entries]
    first = feed.entries[0]
    assert first.link == "http://testserver/sala-stampa/" + releases["national"].slug + "/"
    assert first.summary == releases["national"].summary
    assert first.published_parsed[:3] == (2030, 1, 2)  # midnight in Rome is 23:00 UTC the day before
    enclosure = first.enclosures[0]
    assert enclosure.href.startswith("http://testserver/") and enclosure.type.startswith("image/")
    assert int(enclosure.length) > 0
    assert not feed.entries[1].get("enclosures")


def test_atom_feed_of_all_news(client, releases):
    response, feed = parse(client, "/sala-stampa/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert feed.version == "atom10" and not feed.bozo
    assert feed.entries[0].title == "Esempio comunicato nazionale"
    assert feed.entries[0].updated_parsed and feed.entries[0].summary
    assert [link for link in feed.entries[0].links if link.rel == "enclosure"]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_press_release_feeds_hold_only_releases(client, releases, kind):
    _response, feed = parse(client, f"/sala-stampa/comunicati/{kind}/")
    found = [e.title for e in feed.entries]
    assert found[:2] == ["Esempio comunicato nazionale", "Esempio comunicato di Treviso"]
    assert "Esempio notizia" not in found
    assert not any("Al via il progetto" in title for title in found)


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_province_feeds_hold_only_that_province(client, releases, kind):
    _response, feed = parse(client, f"/sala-stampa/provincia/treviso/{kind}/")
    assert [e.title for e in feed.entries] == ["Esempio comunicato di Treviso"]
    _response, feed = parse(client, f"/sala-stampa/provincia/brescia/{kind}/")
    assert feed.entries == []


def test_unknown_province_feed_is_404(client):
    assert client.get("/sala-stampa/provincia/atlantide/rss/").status_code == 404


def test_english_feed_has_the_english_news(client):
    _response, feed = parse(client, "/en/newsroom/rss/")
    assert feed.feed.language == "en"
    assert "The project's progress and its next steps" in [e.title for e in feed.entries]
    assert all(e.link.startswith("http://testserver/en/newsroom/") for e in feed.entries)


def test_newsroom_links_its_feeds_in_the_head(client):
    html = client.get("/sala-stampa/?provincia=treviso").content.decode()
    head = html.split("</head>")[0]
    for href in (
        "/sala-stampa/rss/",
        "/sala-stampa/atom/",
        "/sala-stampa/comunicati/rss/",
        "/sala-stampa/provincia/treviso/rss/",
    ):
        assert f'href="http://testserver{href}"' in head

"""Feeds of new and updated practices: the catalogue's, one per sector, one per Province, linked from pages."""

from django.core.cache import cache

import feedparser
import pytest

from core.models import Province, Sector
from practices.factories import PracticePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def titles(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return [entry.title for entry in feedparser.parse(response.content).entries]


def test_sector_and_province_feeds(client):
    PracticePageFactory(
        code="FEED-1",
        title="Pratica europea di Padova",
        province=Province.objects.get(sigla="PD"),
        sector=Sector.objects.get(code="europa", locale__language_code="it"),
    )
    for kind in ("rss", "atom"):
        assert "Pratica europea di Padova" in titles(client, f"/buone-pratiche/{kind}/")
        assert "Pratica europea di Padova" in titles(client, f"/buone-pratiche/settore/europa/{kind}/")
        assert "Pratica europea di Padova" not in titles(client, f"/buone-pratiche/settore/sua/{kind}/")
        assert "Pratica europea di Padova" in titles(client, f"/buone-pratiche/provincia/padova/{kind}/")
        assert "Pratica europea di Padova" not in titles(client, f"/buone-pratiche/provincia/treviso/{kind}/")
    assert "Stazione Unica Appaltante della Provincia di Treviso" in titles(
        client, "/buone-pratiche/provincia/treviso/rss/"
    )
    assert client.get("/buone-pratiche/settore/atlantide/rss/").status_code == 404
    assert client.get("/buone-pratiche/provincia/atlantide/rss/").status_code == 404
    english = titles(client, "/en/good-practices/settore/sua/atom/")
    assert "Single Procurement Office (SUA) of the Province of Treviso" in english


def test_feeds_are_linked_from_the_pages(client):
    page = PracticePageFactory(code="FEED-2", province=Province.objects.get(sigla="PD"))
    html = client.get(page.url).content.decode()
    assert 'rel="alternate" type="application/rss+xml"' in html
    assert "/buone-pratiche/settore/sua/rss/" in html and "/buone-pratiche/provincia/padova/atom/" in html
    html = client.get("/buone-pratiche/", {"settore": "sua"}).content.decode()
    assert "/buone-pratiche/settore/sua/rss/" in html and "/buone-pratiche/rss/" in html
    html = client.get("/province/padova/").content.decode()
    assert 'href="http://testserver/buone-pratiche/provincia/padova/rss/"' in html

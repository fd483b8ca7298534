"""Queries per page: the main pages of the site, in Italian and English, for an anonymous visitor.

What is measured is a request as a visitor gets it in normal operation, with no page cache: the caches that
hold configuration, not content, and drop it themselves when it changes are warm (Wagtail's sites' root paths
and image renditions, the sites and their settings of ``core.site_cache``); nothing of any page's content, or
of what the site computes from it, is cached (``cold_cache``). Each page is measured twice, once so and once
on the cache its first request left behind, so that no count depends on the cache: never the same SQL twice
in one request (``tests/query_counts.py``), and at most ``LIMITS[page type]`` queries: 12 a page, 15 on the
home page."""

from django.core.cache import cache

import pytest

from tests.query_counts import assert_queries

pytestmark = pytest.mark.django_db

# The most queries a page may make, cold (the warm cache also saves the catalogue's coverage and counts).
LIMITS = {
    "home": 15,
    "practice": 12,
    "news": 12,
    "event": 12,
    "province": 12,
    "newsroom": 12,
    "catalogue": 12,
    "catalogue, query and two facets": 12,
    "search with results": 12,
    "search without results": 12,
}

CATALOGUE_FILTERS = {"q": "servizio", "settore": "sua", "replica": "adottata"}


def first_live(model, language):
    return model.objects.live().public().filter(locale__language_code=language).order_by("path").first()


def pages(language):
    """The URL (and GET parameters) of each page type in one language."""
    from events.models import EventPage
    from home.models import HomePage
    from news.models import NewsIndexPage, NewsPage
    from practices.models import PracticeIndexPage, PracticePage

    home = first_live(HomePage, language)
    catalogue = first_live(PracticeIndexPage, language).url
    english = language == "en"
    return {
        "home": (home.url, {}),
        "practice": (first_live(PracticePage, language).url, {}),
        "news": (first_live(NewsPage, language).url, {}),
        "event": (first_live(EventPage, language).url, {}),
        "province": ("/en/provinces/treviso/" if english else "/province/treviso/", {}),
        "newsroom": (first_live(NewsIndexPage, language).url, {}),
        "catalogue": (catalogue, {}),
        "catalogue, query and two facets": (catalogue, CATALOGUE_FILTERS),
        "search with results": ("/en/search/" if english else "/cerca/", {"q": "province"}),  # and a place
        "search without results": ("/en/search/" if english else "/cerca/", {"q": "xqzvw"}),
    }


PAGE_TYPES = list(LIMITS)


def cold_cache():
    """The shared cache as a visitor's request finds it in normal operation, with nothing of the site's own.

    Wagtail keeps two things in the cache for as long as they are true, and drops them itself when they
    change: the sites' root paths (every page URL needs them) and the image renditions (every image needs
    one); the site keeps the sites and their settings the same way (``core.site_cache``: dropped when a
    site, the settings, a page or an image change). A running site always has them, so they stay.
    Everything else goes: no page cache (``PAGE_CACHE_SECONDS = 0`` besides), no copy of any page's content
    or of what the site computes from it (the catalogue's coverage and counts, the search's vocabulary,
    ...), so a count never depends on what an earlier request left behind.
    """
    from wagtail.images import get_image_model
    from wagtail.models import Site

    from core import site_cache

    cache.clear()
    Site.get_site_root_paths()
    for site in site_cache.all_sites():
        site_cache.site_settings(site)
    rendition_model = get_image_model().get_rendition_model()
    renditions = rendition_model.objects.select_related("image")
    rendition_model.cache_backend.set_many({rendition.get_cache_key(): rendition for rendition in renditions})


def measure(client, url, params, limit):
    """The request on a cold cache, then on the cache it warmed: both within the limit, nothing repeated."""
    cold_cache()
    with assert_queries(limit) as cold:
        response = client.get(url, params)
    assert response.status_code == 200, url
    with assert_queries(limit) as warm:
        assert client.get(url, params).status_code == 200
    return len(cold), len(warm)


@pytest.mark.parametrize("language", ["it", "en"])
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_a_page_makes_few_queries_and_none_twice(client, settings, page_type, language):
    settings.PAGE_CACHE_SECONDS = 0  # the page's render is counted, never a page-cache hit
    url, params = pages(language)[page_type]
    client.get(url, params)  # the per-process caches (content types, URL resolvers) as in a running site
    measure(client, url, params, LIMITS[page_type])

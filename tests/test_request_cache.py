"""The request's copies of the locales, the view restrictions and the top of the tree (core.request_cache):
one query each per request, and never stale after a change made in the same request."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale, Page, PageViewRestriction

import pytest

from core.request_cache import is_restricted, request_cache, top_pages
from home.models import ContentPage
from tests.skeleton import section

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_it):
    open_page = section(home_it, ContentPage, "Aperta", "aperta")
    reserved = section(home_it, ContentPage, "Riservata", "riservata")
    inner = section(reserved, ContentPage, "Interna", "interna")
    return open_page, reserved, inner


def test_locales_are_read_once_per_request(home_it):
    with request_cache(), CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert Locale.get_active().language_code == "it"
            assert Locale.objects.get_for_language("en").language_code == "en"
        pages = list(Page.objects.filter(depth=2))
        assert {page.locale.language_code for page in pages} == {"it", "en"}
    assert sum("wagtailcore_locale" in query["sql"] for query in queries.captured_queries) == 1
    with pytest.raises(LookupError), request_cache():  # as Wagtail: not a language of the site
        Locale.objects.get_for_language("xx")


def ids(pages):
    return {page.pk for page in pages}


def test_public_reads_the_restrictions_once_and_sees_a_new_one(pages):
    open_page, reserved, inner = pages
    with request_cache():
        with CaptureQueriesContext(connection) as queries:
            for _ in range(3):
                assert ids(Page.objects.public().filter(depth=3)) == ids([open_page, reserved])
        assert sum("pageviewrestriction" in q["sql"] for q in queries.captured_queries) == 1
        assert not is_restricted(inner)
        assert not inner.get_view_restrictions().exists()

        restriction = PageViewRestriction.objects.create(page=reserved, restriction_type="login")
        assert ids(Page.objects.public().filter(depth__gte=3)) == {open_page.pk}
        assert is_restricted(inner) and not is_restricted(open_page)
        assert list(inner.get_view_restrictions()) == [restriction]
        assert ids(Page.objects.not_public()) == ids([reserved, inner])

        restriction.delete()
        assert not is_restricted(inner)


def test_without_a_request_nothing_is_kept(pages):
    open_page, reserved, _inner = pages
    assert ids(Page.objects.public().filter(depth=3)) == ids([open_page, reserved])
    PageViewRestriction.objects.create(page=reserved, restriction_type="login")
    assert ids(Page.objects.public().filter(depth=3)) == {open_page.pk}


def test_a_restricted_page_asks_for_a_login_and_is_left_out_of_the_menu(client, pages):
    _open_page, reserved, inner = pages
    PageViewRestriction.objects.create(page=reserved, restriction_type="login")
    response = client.get(inner.url)
    assert response.status_code == 302 and "login" in response["Location"]
    home = client.get("/").content.decode()
    assert "/aperta/" in home and "/riservata/" not in home


def test_the_top_pages_follow_a_page_published_in_the_request(home_it):
    locale = home_it.locale
    with request_cache():
        before = {page.slug for page in top_pages(locale)}
        section(home_it, ContentPage, "Nuova", "nuova")
        assert {page.slug for page in top_pages(locale)} == before | {"nuova"}


# The site settings in the shared cache --------------------------------------------------------------------


TABLES = ('"core_sitesettings"', '"wagtailcore_site"')


def test_the_site_and_its_settings_come_from_the_cache_and_never_stale(client, home_it):
    from django.core.cache import cache

    from wagtail.models import Site

    from core import site_cache
    from core.models import SiteSettings

    cache.clear()
    site = Site.objects.get(is_default_site=True)
    settings = SiteSettings.for_site(site)
    settings.funding_statement = "Finanziato dal primo programma."
    settings.save()
    statement = section(home_it, ContentPage, "Dichiarazione", "dichiarazione")
    assert b"Finanziato dal primo programma." in client.get("/").content
    assert cache.get(site_cache.SETTINGS_KEY) is not None
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    assert not any(table in query["sql"] for query in queries.captured_queries for table in TABLES)

    settings = SiteSettings.for_site(site)  # the admin edits the record in the database
    settings.funding_statement = "Finanziato dal secondo programma."
    settings.accessibility_page = statement
    settings.save()
    content = client.get("/").content.decode()
    assert "Finanziato dal secondo programma." in content and "Dichiarazione" in content

    statement.title = "Dichiarazione di accessibilità"  # a page the footer links to is renamed
    statement.save_revision().publish()
    assert "Dichiarazione di accessibilità" in client.get("/").content.decode()


def test_routing_loads_only_the_page_it_serves(client, home_it):
    """The home page and an index page are passed through from the request's copy of the top of the tree;
    the page served, wherever it is, is loaded whole."""
    index = section(home_it, ContentPage, "Sezione", "sezione")
    section(index, ContentPage, "Pagina", "pagina")
    for url, title in (("/", home_it.title), ("/sezione/", "Sezione"), ("/sezione/pagina/", "Pagina")):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200 and title in response.content.decode()
        sqls = [query["sql"] for query in queries.captured_queries]
        loads = [sql for sql in sqls if re.search(r'WHERE "home_\w+"\."page_ptr_id" = ', sql)]
        assert len(loads) == 1, loads  # only the page served, by its id
    home_it.title = "Home rinominata"
    home_it.save_revision().publish()
    assert "Home rinominata" in client.get("/").content.decode()


def test_the_site_is_matched_to_the_host_as_wagtail_does(home_it):
    from django.core.cache import cache

    from wagtail.models import Site

    from core import site_cache

    default = Site.objects.get(is_default_site=True)
    other = Site.objects.create(hostname="altro.example", port=8080, root_page=home_it)
    cache.clear()
    for hostname, port in (
        ("altro.example", 8080),
        ("altro.example", 80),
        ("ignoto.example", 80),
        ("localhost", 80),
    ):
        assert site_cache.get_site_for_hostname(hostname, port) == site_cache.wagtail_get_site_for_hostname(
            hostname, port
        )
    assert site_cache.get_site_for_hostname("altro.example", 80) == other
    assert site_cache.get_site_for_hostname("ignoto.example", 80) == default
    other.port = 8081
    other.save()  # the cached list goes
    assert site_cache.get_site_for_hostname("altro.example", 8081) == other


def test_a_locale_without_live_pages_is_still_found(home_it):
    """The request's locales come with the top of the tree; a locale with no live page there is read from
    its table."""
    french = Locale.objects.create(language_code="fr")
    with request_cache(), CaptureQueriesContext(connection) as queries:
        assert Locale.get_active().language_code == "it"
        assert Page(locale_id=french.pk).locale == french
        assert Page(locale_id=french.pk).locale.language_code == "fr"
        with pytest.raises(LookupError):  # as Wagtail: not a language of the site
            Locale.objects.get_for_language("fr")
    assert sum('FROM "wagtailcore_locale"' in query["sql"] for query in queries.captured_queries) == 1


def test_without_redis_the_sites_are_kept_only_briefly(settings):
    """Each process has its own memory cache without Redis: another process's change must show soon."""
    from core import site_cache

    settings.REDIS_URL = ""
    assert site_cache.cache_seconds() == site_cache.LOCAL_CACHE_SECONDS <= 60
    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    assert site_cache.cache_seconds() == site_cache.SHARED_CACHE_SECONDS


def test_the_cached_sites_match_the_port_as_wagtail_does(db):
    """The request's port arrives as a string: a site on another port of the same host is still found."""
    from wagtail.models import Site

    from core import site_cache

    default = Site.objects.get(is_default_site=True)
    other = Site.objects.create(hostname=default.hostname, port=8080, root_page=default.root_page)
    site_cache.forget()
    assert site_cache.get_site_for_hostname(default.hostname, "8080") == other
    assert site_cache.get_site_for_hostname(default.hostname, "8080") == Site.objects.get(pk=other.pk)
    assert site_cache.get_site_for_hostname(default.hostname, str(default.port)) == default


TOP_OF_TREE = re.compile(r'"wagtailcore_page"\."depth" IN \(2, 3\)')


def test_the_top_of_the_tree_comes_from_the_cache_and_never_stale(client, home_it):
    """The menu's pages are kept in the shared cache between requests and dropped by every page change:
    a new section, a renamed one and an unpublished one show on the next request."""
    from django.core.cache import cache

    from core import site_cache

    cache.clear()
    client.get("/")
    assert cache.get(site_cache.TOP_PAGES_KEY) is not None
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert not any(TOP_OF_TREE.search(query["sql"]) for query in queries.captured_queries)

    new = section(home_it, ContentPage, "Sezione nuova del menu", "sezione-nuova-del-menu")
    new.show_in_menus = True
    new.save_revision().publish()
    assert "Sezione nuova del menu" in client.get("/").content.decode()
    assert client.get("/sezione-nuova-del-menu/").status_code == 200

    new.title = "Sezione rinominata del menu"
    new.save_revision().publish()
    assert "Sezione rinominata del menu" in client.get("/").content.decode()

    Page.objects.get(pk=new.pk).unpublish()
    assert "Sezione rinominata del menu" not in client.get("/").content.decode()
    assert client.get("/sezione-nuova-del-menu/").status_code == 404

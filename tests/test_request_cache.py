"""The request's copies of the locales, the view restrictions and the top of the tree (core.request_cache):
one query each per request, and never stale after a change made in the same request."""

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

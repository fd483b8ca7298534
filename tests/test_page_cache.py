"""The anonymous page cache (core.page_cache): what is stored, what never is, the purges, conditional GET
and the headers for a reverse proxy."""

from unittest import mock

from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.test import override_settings
from django.utils import translation

from wagtail.models import Collection, Page, PageViewRestriction

import pytest

from core import page_cache
from core.factories import SiteImageFactory
from core.models import SiteSettings, Theme
from home.factories import ContentPageFactory
from home.models import ContentPage
from mapping.models import MappingPage
from resources.factories import SiteDocumentFactory
from tests.skeleton import publish

HEADER = "X-Page-Cache"


@pytest.fixture
def page(home_it):
    return publish(ContentPageFactory(parent=home_it, title="Pagina in cache", slug="in-cache"))


def warm(client, url):
    """Requests ``url`` until it comes from the cache (the first render may create default settings)."""
    for _ in range(3):
        response = client.get(url)
        if response.get(HEADER) == "hit":
            return response
    raise AssertionError(f"{url} never came from the cache: {response.status_code} {response.get(HEADER)}")


def generation():
    return cache.get(page_cache.GENERATION_KEY)


@pytest.fixture
def editor(db):
    return User.objects.create_superuser("editor", "editor@example.invalid", "x" * 12)


# What is stored -------------------------------------------------------------------------------------------


def test_anonymous_page_is_stored_then_served_without_queries(client, page, django_assert_num_queries):
    first = client.get(page.url)
    assert first.status_code == 200 and first[HEADER] in ("miss", "hit")
    warm(client, page.url)
    with django_assert_num_queries(0):
        hit = client.get(page.url)
    assert hit[HEADER] == "hit"
    assert hit.content == client.get(page.url).content
    assert "Pagina in cache" in hit.content.decode()
    # The stored page keeps the headers of the site: its strict CSP, the language, no cookie.
    assert hit["Content-Security-Policy"].startswith("default-src 'self'")
    assert hit["Content-Language"] == "it"
    assert not hit.cookies


def test_head_is_served_from_the_cache(client, page):
    warm(client, page.url)
    head = client.head(page.url)
    assert head.status_code == 200 and head[HEADER] == "hit" and head.content == b""


def test_english_and_italian_are_stored_apart(client, home_it, home_en):
    italian, english = warm(client, home_it.url), warm(client, home_en.url)
    assert italian["Content-Language"] == "it" and english["Content-Language"] == "en"
    assert italian.content != english.content


def test_sitemap_and_robots_are_stored(client, home_it):
    warm(client, "/sitemap.xml")
    warm(client, "/robots.txt")


# What never is -------------------------------------------------------------------------------------------


def assert_not_cached(response):
    assert HEADER not in response, response.get(HEADER)
    control = response.get("Cache-Control", "")
    assert "public" not in control and (
        "private" in control or "no-cache" in control or "no-store" in control
    )


def test_logged_in_editor_never_gets_or_fills_the_cache(client, page, editor):
    warm(client, page.url)
    client.force_login(editor)
    for _ in range(2):
        response = client.get(page.url)
        assert response.status_code == 200
        assert_not_cached(response)
    assert "Cache-Control" in response and "private" in response["Cache-Control"]


def test_query_string_is_never_cached(client, page):
    warm(client, page.url)
    for _ in range(2):
        assert_not_cached(client.get(page.url + "?a=1"))


def test_post_is_never_cached(client, page):
    warm(client, page.url)
    response = client.post(page.url, {"a": "1"})
    assert HEADER not in response


def test_messages_cookie_bypasses_the_cache(client, page):
    warm(client, page.url)
    client.cookies["messages"] = "x"
    assert HEADER not in client.get(page.url)


def test_preview_is_never_cached(client, page, editor):
    client.force_login(editor)
    response = client.get(f"/admin/pages/{page.pk}/view_draft/")
    assert response.status_code == 200
    assert_not_cached(response)


def test_private_page_is_never_cached(client, page, editor):
    restricted = publish(ContentPageFactory(parent=page, title="Riservata", slug="riservata"))
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    for _ in range(2):
        response = client.get(restricted.url)
        assert response.status_code == 302
        assert_not_cached(response)
    client.force_login(editor)
    for _ in range(2):
        response = client.get(restricted.url)
        assert response.status_code == 200
        assert_not_cached(response)


def test_group_restricted_page_is_never_cached(client, page):
    restricted = publish(ContentPageFactory(parent=page, title="Area riservata", slug="area"))
    group = Group.objects.create(name="Gruppo di prova")
    restriction = PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    member = User.objects.create_user("membro", password="x" * 12)
    member.groups.add(group)
    client.force_login(member)
    for _ in range(2):
        response = client.get(restricted.url)
        assert response.status_code == 200 and "Area riservata" in response.content.decode()
        assert_not_cached(response)
    client.logout()
    assert client.get(restricted.url).status_code == 302


def test_site_search_is_never_cached(client, home_it):
    for url in ("/cerca/", "/cerca/?q=province", "/en/search/?q=zzqx"):
        for _ in range(2):
            assert HEADER not in client.get(url)


def test_mapping_questionnaire_is_never_cached(client, home_it, editor):
    mapping = publish(home_it.add_child(instance=MappingPage(title="La mappatura", slug="mappatura")))
    url = mapping.url + "questionario/"
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 302
        assert_not_cached(response)
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200
    assert_not_cached(response)


def test_pages_that_set_a_cookie_are_never_cached(client, home_it):
    for _ in range(2):
        response = client.get("/_util/login/")
        assert response.status_code == 200 and response.cookies
        assert_not_cached(response)


def test_admin_is_never_cached(client, editor):
    client.force_login(editor)
    assert HEADER not in client.get("/admin/")


@override_settings(PAGE_CACHE_SECONDS=0)
def test_zero_seconds_disables_the_cache(client, page):
    for _ in range(3):
        response = client.get(page.url)
        assert HEADER not in response and "ETag" not in response


# Conditional GET and headers --------------------------------------------------------------------------


def test_public_page_headers(client, page, settings):
    settings.PAGE_CACHE_SECONDS, settings.PAGE_CACHE_BROWSER_SECONDS = 600, 60
    response = warm(client, page.url)
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=600"
    assert response["ETag"].startswith('"') and len(response["ETag"]) > 10
    assert "Accept-Language" not in response.get("Vary", "")


def test_conditional_get_answers_304(client, page, django_assert_num_queries):
    etag = warm(client, page.url)["ETag"]
    with django_assert_num_queries(0):
        response = client.get(page.url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and response.content == b""
    assert response["ETag"] == etag
    assert client.get(page.url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_conditional_get_on_a_fresh_render_answers_304(client, page):
    etag = warm(client, page.url)["ETag"]
    page_cache.purge("test")
    response = client.get(page.url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and response[HEADER] == "miss"


def test_a_changed_page_has_another_etag(client, page):
    etag = warm(client, page.url)["ETag"]
    page.title = "Pagina cambiata"
    publish(page)
    response = client.get(page.url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and "Pagina cambiata" in response.content.decode()


# Purges -------------------------------------------------------------------------------------------------


def test_publish_purges_the_page_and_its_parent(client, home_it, page):
    warm(client, page.url)
    warm(client, home_it.url)
    page.title = "Titolo nuovo"
    publish(page)
    assert "Titolo nuovo" in client.get(page.url).content.decode()
    assert client.get(home_it.url)[HEADER] == "miss"


def test_new_child_shows_in_the_cached_parent(client, page):
    before = warm(client, page.url).content.decode()
    assert "Figlia nuova" not in before
    publish(ContentPageFactory(parent=page, title="Figlia nuova", slug="figlia", show_in_menus=True))
    response = client.get(page.url)
    assert response[HEADER] == "miss"


def test_unpublish_purges(client, page):
    warm(client, page.url)
    page.unpublish()
    assert client.get(page.url).status_code == 404


def test_move_purges(client, home_it, page):
    other = publish(ContentPageFactory(parent=home_it, title="Altra sezione", slug="altra"))
    url = page.url
    warm(client, url)
    page.move(other, pos="last-child")
    assert client.get(url).status_code == 301  # Wagtail's automatic redirect, no longer the cached page
    assert client.get("/altra/in-cache/").status_code == 200


def test_delete_purges(client, page):
    url = page.url
    warm(client, url)
    Page.objects.get(pk=page.pk).delete()
    assert client.get(url).status_code == 404


def test_translation_purges(client, home_en, page):
    from tests.skeleton import translate

    warm(client, home_en.url)
    translate(page)
    assert client.get(home_en.url)[HEADER] == "miss"


def test_draft_does_not_purge(client, page):
    warm(client, page.url)
    page.title = "Bozza"
    page.save_revision()
    response = client.get(page.url)
    assert response[HEADER] == "hit" and "Bozza" not in response.content.decode()


def test_site_settings_change_purges(client, home_it, page):
    warm(client, page.url)
    site_settings = SiteSettings.objects.get()
    site_settings.upi_url = "https://upi.example.org/"
    site_settings.save()
    response = client.get(page.url)
    assert response[HEADER] == "miss" and "https://upi.example.org/" in response.content.decode()


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda: Theme.objects.create(name="Tema nuovo", slug="tema-nuovo"), id="snippet"),
        pytest.param(lambda: SiteDocumentFactory(title="Documento nuovo"), id="document"),
        pytest.param(lambda: SiteImageFactory(title="Immagine nuova"), id="image"),
        pytest.param(lambda: Collection.get_first_root_node().add_child(name="Nuova"), id="collection"),
    ],
)
def test_content_changes_purge(client, page, change):
    warm(client, page.url)
    before = generation()
    change()
    assert generation() != before
    assert client.get(page.url)[HEADER] == "miss"


def test_snippet_delete_purges(client, page):
    theme = Theme.objects.create(name="Tema da togliere", slug="tema-da-togliere")
    warm(client, page.url)
    theme.delete()
    assert client.get(page.url)[HEADER] == "miss"


def test_visits_and_feedback_do_not_purge(client, page):
    warm(client, page.url)
    before = generation()
    client.post("/valutazione-pagina/", {"page": page.pk, "useful": "yes"})
    client.get("/cerca/?q=province")
    assert generation() == before


def test_purge_reaches_the_reverse_proxy_once_per_transaction(
    page, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://proxy",
        }
    }
    with (
        mock.patch("wagtail.contrib.frontend_cache.utils.purge_urls_from_cache") as purge_urls,
        django_capture_on_commit_callbacks(execute=True),
    ):
        page.title = "Uno"
        publish(page)
        Theme.objects.create(name="Altro tema", slug="altro-tema")
    # Wagtail's own handler purges the published page's address; the site's purge drops every page once.
    site_purges = [c for c in purge_urls.call_args_list if c.args[0] == ["http://localhost/"]]
    assert len(site_purges) == 1


def test_content_model_rules():
    from core.models import SiteRendition
    from feedback.models import PageFeedback
    from news.models import NewsPageAttachment
    from resources.models import UpcomingDocument

    assert page_cache.is_content_model(UpcomingDocument)
    assert page_cache.is_content_model(SiteSettings)
    assert not page_cache.is_content_model(SiteRendition)  # made while pages are visited
    assert not page_cache.is_content_model(PageFeedback)
    assert not page_cache.is_content_model(NewsPageAttachment)  # published with its page
    assert not page_cache.is_content_model(ContentPage)  # pages have their own signals


def test_migrations_do_not_purge():
    """A data migration saves historical models: they are not the site's, and reading the sites then fails."""
    from django.apps import apps
    from django.db.migrations.state import ProjectState

    historical = ProjectState.from_apps(apps).apps
    assert not page_cache.is_content_model(historical.get_model("wagtailcore", "Site"))
    assert not page_cache.is_content_model(historical.get_model("core", "SiteSettings"))


# The shared footer ------------------------------------------------------------------------------------


@pytest.mark.parametrize("page_cache_seconds", [600, 0])
def test_footer_is_rendered_once_for_every_page_until_a_change(
    client, home_it, page, settings, page_cache_seconds
):
    """The footer is the same on every page of a language: kept in the shared cache (with the page cache on
    or off, for visitors and editors alike) and rendered again after any content change."""
    settings.PAGE_CACHE_SECONDS = page_cache_seconds
    other = publish(ContentPageFactory(parent=home_it, title="Altra pagina", slug="altra"))
    client.get(page.url)
    rendered = []
    with mock.patch.object(SiteSettings, "get_funding_statement", autospec=True, side_effect=rendered.append):
        client.get(page.url + "?x=1")  # never from the page cache
        client.get(other.url + "?x=1")
    assert rendered == []  # the footer (which reads the funding statement) came from the cache
    site_settings = SiteSettings.objects.get()
    site_settings.upi_url = "https://upi-nuovo.example.org/"
    site_settings.save()
    body = client.get(other.url + "?x=2").content.decode()
    footer = body[body.index('<footer class="it-footer"') :]
    assert "https://upi-nuovo.example.org/" in footer


def test_footer_is_cached_per_language(client, home_it, home_en, page):
    with translation.override("it"):  # the English request leaves the thread's language as it found it
        italian = client.get(home_it.url + "?x=1").content.decode()
        english = client.get(home_en.url + "?x=1").content.decode()
    assert "Il progetto" in italian[italian.index('<footer class="it-footer"') :]
    assert "The project" in english[english.index('<footer class="it-footer"') :]

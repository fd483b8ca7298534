"""The multilingual index on PostgreSQL: one entry per object, built with the configuration of its language."""

import io

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.utils import translation

from wagtail.search.backends import get_search_backend

import pytest

from home.models import ContentPage
from search import service

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the per-language index is PostgreSQL's"),
]


def index_body(page):
    from wagtail.search.models import IndexEntry

    entry = IndexEntry.objects.get(
        content_type=ContentType.objects.get_for_model(page), object_id=str(page.pk)
    )
    return str(entry.title) + " " + str(entry.body)


def first_title(query, language):
    with translation.override(language):
        request = RequestFactory().get("/")
        hits = service.Search(request, query).best(1)
        return service.hydrate(request, hits)[0].title if hits else None


@pytest.fixture
def project_pages(home_it):
    italian = ContentPage.objects.get(locale__language_code="it", slug="il-progetto")
    return italian, italian.get_translation(italian.get_translations().get().locale)


def test_each_language_is_indexed_with_its_own_stemmer(project_pages):
    italian, english = project_pages
    assert "'progett'" in index_body(italian)  # Italian stemming: progetto, progetti → progett
    assert "'project'" in index_body(english)  # English stemming: project, projects → project
    assert "'progett'" not in index_body(english)


def test_queries_are_stemmed_in_the_active_language(project_pages):
    assert first_title("progetti", "it") == "Il progetto"
    assert first_title("projects", "en") == "The project"
    backend = get_search_backend()
    with translation.override("en"):
        assert backend.query_config() == "site_english"
    assert backend.for_language("it").query_config() == "site_italian"


def test_accents_are_folded_in_both_languages(client, home_it):
    from search.factories import ContentPageFactory

    ContentPageFactory(parent=home_it, title="Servizi della città metropolitana")
    assert "Servizi della città metropolitana" in [
        hit.title for hit in client.get("/cerca/", {"q": "citta metropolitana"}).context["results"]
    ]


def test_reindexing_one_language_does_not_overwrite_the_other(project_pages):
    italian, english = project_pages
    english.save_revision().publish()  # re-indexes the English page
    assert "'progett'" in index_body(italian)
    call_command(
        "update_index", stdout=io.StringIO(), stderr=io.StringIO()
    )  # a full rebuild, as in production
    assert "'progett'" in index_body(italian) and "'project'" in index_body(english)
    assert first_title("progetti", "it") == "Il progetto"
    assert first_title("projects", "en") == "The project"

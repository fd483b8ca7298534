"""The search page as a visitor uses it: results, filters, pagination, suggestions, pinned results, headers."""

import re

from wagtail import hooks
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion

import pytest

from search.factories import ContentPageFactory
from search.models import NoResultsDailyHits
from search.templatetags.search_tags import highlight

pytestmark = pytest.mark.django_db


def test_search_is_reached_from_the_header_in_both_languages(client):
    assert 'action="/cerca/"' in client.get("/").content.decode()
    assert 'action="/en/search/"' in client.get("/en/").content.decode()


def test_page_without_query_helps_with_sectors_and_sections(client):
    response = client.get("/cerca/")
    assert response.status_code == 200
    html = response.content.decode()
    for sector in (
        "Stazione Unica Appaltante",
        "Servizi associati per le Politiche Europee",
        "Servizi di innovazione, raccolta ed elaborazione dati",
    ):
        assert sector in html
    assert {"Il progetto", "I settori", "Le Province", "Comunicazione"} <= {
        page.title for page in response.context["sections"]
    }
    assert "Mappa del sito" in html
    english = client.get("/en/search/").content.decode()
    assert "Single Procurement Office" in english and "Stazione Unica Appaltante" not in english


def test_page_without_query_shows_what_other_apps_put_on_the_home_page(client):
    def latest_news(request, home):
        return {
            "template": "search/tests/section.html",
            "context": {"heading": f"Ultime notizie: {home.title}"},
        }

    with hooks.register_temporarily("home_page_sections", latest_news):
        html = client.get("/cerca/").content.decode()
    assert "Ultime notizie: Le Province e il sistema dei servizi a supporto dei Comuni" in html


def test_search_page_is_noindex_and_never_cached_with_a_query(client):
    response = client.get("/cerca/", {"q": "progetto"})
    assert '<meta name="robots" content="noindex, follow">' in response.content.decode()
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    empty = client.get("/cerca/")
    assert '<meta name="robots" content="noindex, follow">' in empty.content.decode()
    assert "no-store" not in empty.get("Cache-Control", "")


def test_result_shows_title_type_date_snippet_and_breadcrumb(client):
    response = client.get("/cerca/", {"q": "avanzamento focus group"})
    html = response.content.decode()
    assert response.context["total"] >= len(response.context["results"].object_list) > 0
    first = next(hit for hit in response.context["results"] if hit.title == "Stato di avanzamento")
    assert first.label == "Pagina di contenuto"
    assert first.date is None  # a content page has no date of its own: not the day it was loaded
    assert [crumb.title for crumb in first.breadcrumbs] == ["Il progetto"]
    assert re.search(r"<mark>(Focus|focus|avanzamento)</mark>", html)
    assert 'class="search-total"' in html and "per «avanzamento focus group»" in html


def test_type_filter_with_counts_narrows_the_results(client, home_it):
    from core.models import SiteDocument

    SiteDocument.objects.create(
        title="Questionario di mappatura",
        description="Questionario sul progetto",
        file="documents/q.pdf",
        language="it",
    )
    response = client.get("/cerca/", {"q": "progetto"})
    facets = {key: count for key, _label, count in response.context["facets"]}
    assert facets["document"] == 1
    assert sum(facets.values()) == response.context["total"]
    assert facets["page"] >= 1
    only_documents = client.get("/cerca/", {"q": "progetto", "tipo": "document"})
    assert [hit.title for hit in only_documents.context["results"]] == ["Questionario di mappatura"]
    assert 'aria-current="true"' in only_documents.content.decode()


def test_page_types_of_other_apps_get_their_own_filter():
    from django.contrib.auth.models import Group

    from home.models import ContentPage, SectorPage
    from resources.models import DocumentLibraryPage, TrainingOfferPage, WorkingGroupPage
    from search.service import PAGE_TYPE, type_key_for_model, type_label

    assert type_key_for_model(ContentPage) == type_key_for_model(SectorPage) == PAGE_TYPE
    assert str(type_label(PAGE_TYPE, ContentPage)) == "Pagine"
    # the page model names its own type: the library, the working groups and training are not “Pagine”
    for model, label in (
        (DocumentLibraryPage, "Biblioteche dei documenti"),
        (WorkingGroupPage, "Gruppi di lavoro"),
        (TrainingOfferPage, "Offerte formative"),
    ):
        assert type_key_for_model(model) == model._meta.label_lower
        assert str(type_label(type_key_for_model(model), model)) == label
    # any model outside the site's base (news, events, practices) is a type of its own, named by its model
    assert type_key_for_model(Group) == "auth.group"
    assert str(type_label("auth.group", Group)) == str(Group._meta.verbose_name_plural).capitalize()


def test_library_and_working_groups_are_filtered_under_their_own_labels(client, home_it):
    response = client.get("/cerca/", {"q": "biblioteca gruppi lavoro", "op": "or"})
    labels = {str(label): key for key, label, _count in response.context["facets"]}
    assert labels.get("Biblioteche dei documenti") == "resources.documentlibrarypage"
    assert labels.get("Gruppi di lavoro") == "resources.workinggrouppage"


def test_results_are_paginated(client, home_it):
    for number in range(13):
        ContentPageFactory(parent=home_it, title=f"Scheda quokka {number}")
    first = client.get("/cerca/", {"q": "quokka"})
    assert first.context["total"] == 13
    assert len(first.context["results"].object_list) == 10
    second = client.get("/cerca/", {"q": "quokka", "page": 2})
    assert len(second.context["results"].object_list) == 3
    assert "Pagina 2 di 2" in second.content.decode()


def _count_queries(client, django_assert_max_num_queries, query):
    with django_assert_max_num_queries(45) as captured:
        client.get("/cerca/", {"q": query})
    return len(captured.captured_queries)


def test_query_count_does_not_grow_with_the_results(client, home_it, django_assert_max_num_queries):
    parent = ContentPageFactory(parent=home_it, title="Raccolta")
    ContentPageFactory(parent=parent, title="Scheda wombat 0")
    client.get("/cerca/", {"q": "wombat"})  # warm the per-process caches (content types, locales)
    few = _count_queries(client, django_assert_max_num_queries, "wombat")
    for number in range(1, 10):
        ContentPageFactory(parent=parent, title=f"Scheda wombat {number}")
    client.get("/cerca/", {"q": "wombat"})  # the new pages dropped the cached sites and settings: as before
    many = _count_queries(client, django_assert_max_num_queries, "wombat")
    assert many == few


def test_no_results_suggest_any_word_instead_of_all(client):
    response = client.get("/cerca/", {"q": "progetto ornitorinco"})
    assert response.context["total"] == 0
    assert response.context["any_word"]
    html = response.content.decode()
    assert "?q=progetto%20ornitorinco&amp;op=or" in html
    any_word = client.get("/cerca/", {"q": "progetto ornitorinco", "op": "or"})
    assert "Il progetto" in [hit.title for hit in any_word.context["results"]]
    assert "Stazione Unica Appaltante" in html  # the sectors to start from


@pytest.mark.parametrize(
    ("query", "suggestion"),
    [
        ("staziona appaltante", "stazione appaltante"),
        ("progeto", "progetto"),
        ("comunicazzione", "comunicazione"),
    ],
)
def test_misspelt_query_suggests_the_indexed_words(client, query, suggestion):
    response = client.get("/cerca/", {"q": query})
    assert response.context["suggestion"] == suggestion
    assert f'?q={suggestion.replace(" ", "%20")}"' in response.content.decode()


def test_correct_and_accent_free_queries_get_no_suggestion(client):
    for query in ("stazione appaltante", "citta", "accessibilita"):
        assert client.get("/cerca/", {"q": query}).context["suggestion"] == ""
    assert client.get("/en/search/", {"q": "procurment office"}).context["suggestion"] == "procurement office"


def test_searches_are_recorded_and_empty_ones_noted(client):
    from django.core.management import call_command

    from search import counters

    counters.counts_cache().clear()  # the notes of earlier tests' searches
    client.get("/cerca/", {"q": "Progetto"})
    client.get("/cerca/", {"q": "progetto", "page": 2})  # paging does not count again
    client.get("/en/search/", {"q": "ornitorinco"})
    assert not Query.objects.filter(query_string="progetto").exists()  # nothing written by the searches
    call_command("flush_search_counts")
    assert Query.get("progetto").hits == 1
    assert not NoResultsDailyHits.objects.filter(query__query_string="progetto").exists()
    empty = NoResultsDailyHits.objects.get(query__query_string="ornitorinco")
    assert (empty.language, empty.hits) == ("en", 1)
    assert QueryDailyHits.objects.filter(query__query_string="ornitorinco").exists()


def test_editors_pinned_results_come_first_in_their_language(client, home_it, home_en):
    italian = ContentPageFactory(parent=home_it, title="Bando per i Comuni")
    english = ContentPageFactory(parent=home_en, title="Call for the Comuni")
    query = Query.get("bando")
    SearchPromotion.objects.create(query=query, page=italian, description="Il bando aperto", sort_order=0)
    SearchPromotion.objects.create(query=query, page=english, sort_order=1)
    SearchPromotion.objects.create(
        query=query, external_link_url="https://www.upinet.it/", external_link_text="Sito UPI", sort_order=2
    )
    response = client.get("/cerca/", {"q": "Bando"})
    pinned = response.context["promotions"]
    assert [p.title for p in pinned] == ["Bando per i Comuni", "Sito UPI"]
    html = response.content.decode()
    assert html.index("In evidenza") < html.index('class="list-unstyled search-results"')


def test_highlight_escapes_text_and_query():
    marked = highlight('Le <b>Province</b> & i "Comuni"', ["<b>", "province"])
    assert marked == "Le &lt;b&gt;<mark>Province</mark>&lt;/b&gt; &amp; i &quot;Comuni&quot;"
    assert highlight("I progetti delle Province", ["progetto"]) == "I <mark>progetti</mark> delle Province"
    long_text = "parola " * 100 + "obiettivo finale " + "parola " * 100
    excerpt = highlight(long_text, ["obiettivo"])
    assert excerpt.startswith("… ") and excerpt.endswith(" …") and "<mark>obiettivo</mark>" in excerpt


def test_very_broad_searches_say_only_the_most_relevant_are_listed(client, home_it, monkeypatch):
    from search import service

    monkeypatch.setattr(service, "MAX_HITS", 3)
    monkeypatch.setattr(service, "RESULTS_PER_PAGE", 2)
    for number in range(4):
        ContentPageFactory(parent=home_it, title=f"Scheda capibara {number}")
    response = client.get("/cerca/", {"q": "capibara"})
    assert response.context["total"] == 4  # every result is counted
    assert "Sono mostrati i 3 risultati più pertinenti" in response.content.decode()
    last = client.get("/cerca/", {"q": "capibara", "page": 2})
    assert len(last.context["results"].object_list) == 1  # only the 3 most relevant can be paged through


def test_a_province_or_comune_name_leads_to_the_province_page(client):
    from core.models import Comune, Province

    treviso = Province.objects.get(name="Treviso")
    response = client.get("/cerca/", {"q": "Provincia di Treviso"})
    # the Province, then its chief town of the same name
    assert [(p["kind"], p["province"]) for p in response.context["places"]] == [
        ("province", treviso),
        ("comune", treviso),
    ]
    assert response.context["places"][0]["url"] == f"/province/{treviso.slug}/"
    comune = Comune.objects.filter(province=treviso).exclude(name="Treviso").first()
    english = client.get("/en/search/", {"q": comune.name.upper()})
    assert english.context["total"] == 0
    assert english.context["places"][0]["url"] == f"/en/provinces/{treviso.slug}/"
    assert f"Comune of {comune.name}: the services of the Province of Treviso" in english.content.decode()
    assert not NoResultsDailyHits.objects.exists()  # the visitor was given somewhere to go


def test_accented_query_finds_the_accented_page(client):
    hits = client.get("/cerca/", {"q": "accessibilità"}).context["results"]
    assert [hit.title for hit in hits][0] == "Dichiarazione di accessibilità"

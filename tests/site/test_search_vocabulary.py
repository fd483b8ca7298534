"""The vocabulary behind “forse cercavi” and the summaries behind the results, kept with the index."""

import io

from django.core.management import call_command

import pytest

from search import vocabulary
from search.factories import ContentPageFactory
from search.models import SearchSummary, SearchWord
from search.text import stems

pytestmark = pytest.mark.django_db


def test_one_stemmer_for_both_languages_and_accents():
    assert stems("gare gara", "it") == ["gar", "gar"]
    assert stems("città citta", "it") == ["citt", "citt"]
    assert stems("press releases", "en") == ["press", "releas"]
    assert stems("Fondi europei", "it") == stems("fondo europeo", "it")


def test_published_words_are_suggested_and_kept_by_a_rebuild(home_it):
    ContentPageFactory(parent=home_it, title="Scheda zanzibarite", intro="Il metodo ornitologico")
    assert SearchWord.objects.filter(language="it", word="zanzibarite").exists()
    assert vocabulary.suggest("zanzibarit ornitologigo", "it") == "zanzibarite ornitologico"
    assert vocabulary.suggest("zanzibarite", "it") == ""  # a known word needs no suggestion
    assert vocabulary.suggest("zanzibarit", "en") == ""  # the English vocabulary does not have it
    call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())
    assert SearchWord.objects.filter(language="it", word="zanzibarite").exists()


def test_results_show_the_content_s_own_date_or_none(home_it):
    page = ContentPageFactory(parent=home_it, title="Pagina senza data")
    summary = SearchSummary.objects.get(kind="page", object_id=str(page.pk))
    assert summary.date is None

"""Relevance: for each query, the page a visitor expects first, in Italian and in English.

Run on both databases: PostgreSQL stems with its Snowball configurations, SQLite's index holds the stems of
the same Snowball algorithms (search/text.py, search/sqlite_backend.py).
"""

import pytest

pytestmark = pytest.mark.django_db

ITALIAN = [
    ("stato di avanzamento", "Stato di avanzamento"),
    ("fasi del progetto", "Stato di avanzamento"),
    ("focus group", "Focus group"),
    ("prossimi passi", "Lo stato di avanzamento del progetto e i prossimi passi"),
    ("capacity building", "Formazione e capacity building"),
    ("progetti", "Il progetto"),
    ("università di perugia", "Il progetto"),
    ("stazione unica appaltante", "Stazione Unica Appaltante"),
    ("appalti", "Stazione Unica Appaltante"),
    ("Treviso", "Stazione Unica Appaltante della Provincia di Treviso"),
    ("politiche europee", "Servizi associati per le Politiche Europee"),
    ("Brescia", "Servizio Europa di Area Vasta della Provincia di Brescia"),
    ("raccolta ed elaborazione dati", "Servizi di innovazione, raccolta ed elaborazione dati"),
    ("gruppo di lavoro innovazione", "Gruppo di lavoro Innovazione e dati"),
    ("dichiarazione di accessibilità", "Dichiarazione di accessibilità"),
    ("privacy", "Privacy"),
    ("note legali", "Note legali"),
    ("piano di comunicazione", "Il progetto sui media: il Piano di comunicazione e i canali social"),
    ("uffici stampa delle province", "Sala stampa"),
    ("province", "Le Province"),
    ("settori", "I settori"),
    ("mappa del sito", "Mappa del sito"),
]
ENGLISH = [
    ("progress", "Progress"),
    ("focus groups", "Focus groups"),
    ("next steps", "The project's progress and its next steps"),
    ("projects", "The project"),
    ("university of perugia", "The project"),
    ("single procurement office", "Single Procurement Office"),
    ("procurement", "Single Procurement Office"),
    ("shared services european policies", "Shared services for European Policies"),
    ("working group european policies", "Working group: European policies"),
    ("data collection and processing", "Innovation, data collection and processing services"),
    ("accessibility statement", "Accessibility statement"),
    ("legal notes", "Legal notes"),
    ("communication plan", "The project in the media: the communication plan and the social channels"),
    ("provinces press offices", "Newsroom"),
    ("provinces", "The Provinces"),
    ("sectors", "Sectors"),
    ("site map", "Site map"),
]


@pytest.mark.parametrize(("query", "expected"), ITALIAN)
def test_italian_query_ranks_the_expected_page_first(client, query, expected):
    results = client.get("/cerca/", {"q": query}).context["results"]
    assert results.object_list and results[0].title == expected


@pytest.mark.parametrize(("query", "expected"), ENGLISH)
def test_english_query_ranks_the_expected_page_first(client, query, expected):
    results = client.get("/en/search/", {"q": query}).context["results"]
    assert results.object_list and results[0].title == expected


# Plurals and other inflected forms of the words of the pages, and the queries of the default-setup report.
INFLECTED = [
    ("/cerca/", "gare", None),
    ("/cerca/", "fondi europei", None),
    ("/cerca/", "comunicati stampa", None),
    ("/cerca/", "stazioni appaltanti", "Stazione Unica Appaltante"),
    ("/cerca/", "politica europea", "Servizi associati per le Politiche Europee"),
    ("/cerca/", "citta", None),
    ("/en/search/", "press release", None),
    ("/en/search/", "procurement offices", "Single Procurement Office"),
    ("/en/search/", "policy", None),
]


@pytest.mark.parametrize(("prefix", "query", "expected"), INFLECTED)
def test_inflected_forms_find_the_pages(client, prefix, query, expected):
    results = client.get(prefix, {"q": query}).context["results"]
    assert results.object_list, f"nothing found for {query!r}"
    if expected:
        assert results[0].title == expected


TYPOS = [
    ("/cerca/", "staziona appaltante", "stazione appaltante", "Stazione Unica Appaltante"),
    ("/cerca/", "note legalli", "note legali", "Note legali"),
    ("/cerca/", "mapa del sito", "mappa del sito", "Mappa del sito"),
    ("/en/search/", "procurment", "procurement", "Single Procurement Office"),
    ("/en/search/", "acessibility statement", "accessibility statement", "Accessibility statement"),
]


@pytest.mark.parametrize(("prefix", "query", "suggestion", "expected"), TYPOS)
def test_typos_suggest_the_query_that_finds_the_page(client, prefix, query, suggestion, expected):
    assert client.get(prefix, {"q": query}).context["suggestion"] == suggestion
    results = client.get(prefix, {"q": suggestion}).context["results"]
    assert results.object_list and results[0].title == expected

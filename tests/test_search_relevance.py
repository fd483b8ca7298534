"""Relevance: for each query, the seed page a visitor expects first, in Italian and in English.

Run on PostgreSQL, where the site's search stems Italian and English; SQLite's development backend has
neither stemmer nor the same ranking, so the set is skipped there.
"""

from django.db import connection

import pytest

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="relevance is measured on PostgreSQL, the production search (SQLite has no Italian stemming)",
    ),
]

ITALIAN = [
    ("stato di avanzamento", "Stato di avanzamento"),
    ("fasi del progetto", "Stato di avanzamento"),
    ("focus group", "Stato di avanzamento"),
    ("capacity building", "Stato di avanzamento"),
    ("progetti", "Il progetto"),
    ("università di perugia", "Il progetto"),
    ("stazione unica appaltante", "Stazione Unica Appaltante"),
    ("appalti", "Stazione Unica Appaltante"),
    ("Treviso", "Stazione Unica Appaltante"),
    ("politiche europee", "Servizi associati per le Politiche Europee"),
    ("Brescia", "Servizi associati per le Politiche Europee"),
    ("innovazione dati", "Servizi di innovazione, raccolta ed elaborazione dati"),
    ("dichiarazione di accessibilità", "Dichiarazione di accessibilità"),
    ("privacy", "Privacy"),
    ("note legali", "Note legali"),
    ("piano di comunicazione", "Comunicazione"),
    ("province", "Le Province"),
    ("settori", "I settori"),
    ("mappa del sito", "Mappa del sito"),
]
ENGLISH = [
    ("progress", "Progress"),
    ("focus groups", "Progress"),
    ("projects", "The project"),
    ("university of perugia", "The project"),
    ("single procurement office", "Single Procurement Office"),
    ("procurement", "Single Procurement Office"),
    ("european policies", "Shared services for European Policies"),
    ("innovation data", "Innovation, data collection and processing services"),
    ("accessibility statement", "Accessibility statement"),
    ("legal notes", "Legal notes"),
    ("communication plan", "Communication"),
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

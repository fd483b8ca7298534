"""The Comune finder: included, excluded, ambiguous and misspelt Comuni, in both languages."""

from django.core.cache import cache

import pytest

from core.models import Comune, ItalianComune
from practices.factories import PracticePageFactory

pytestmark = pytest.mark.django_db

IT = "/buone-pratiche/trova-comune/"
EN = "/en/good-practices/find-comune/"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def find(client, text, url=IT):
    response = client.get(url, {"comune": text})
    assert response.status_code == 200
    return response, response.content.decode()


def test_all_comuni_of_italy_are_loaded():
    assert ItalianComune.objects.count() == 7904
    assert ItalianComune.objects.filter(scope="provincia-progetto").count() == Comune.objects.count() == 5563


def test_included_comune_is_confirmed_with_its_province_practices(client):
    PracticePageFactory(code="FIND-1", title="Pratica trevigiana di prova")
    treviso_comuni = Comune.objects.filter(province__sigla="TV").count()
    response, html = find(client, "Conegliano")
    assert f"Conegliano è uno dei {treviso_comuni} Comuni della Provincia di Treviso." in html
    assert "Pratica trevigiana di prova" in html and 'href="/province/treviso/"' in html
    _response, html = find(client, "Conegliano", EN)
    assert f"Conegliano is one of the {treviso_comuni} Comuni of the Province of Treviso." in html


@pytest.mark.parametrize(
    ("name", "italian", "english"),
    [
        (
            "Bagno a Ripoli",
            "Bagno a Ripoli è nella Città metropolitana di Firenze, che non fa parte del progetto.",
            "Bagno a Ripoli is in the Metropolitan City of Firenze, which is not part of the project.",
        ),
        (
            "roma",
            "Roma è nella Città metropolitana di Roma, che non fa parte del progetto.",
            "Roma is in the Metropolitan City of Roma, which is not part of the project.",
        ),
        (
            "Palermo",
            "Palermo è nella Regione Sicilia, a statuto speciale, che non fa parte del progetto.",
            "Palermo is in the Sicilia region, which has a special statute and is not part of the project.",
        ),
    ],
)
def test_excluded_comune_is_explained(client, name, italian, english):
    _response, html = find(client, name)
    assert italian in html.replace("&#x27;", "'")
    assert "Comune non trovato" not in html
    _response, html = find(client, name, EN)
    assert english in html


def test_ambiguous_name_lists_every_province(client):
    from django.db.models import Count

    name = (
        Comune.objects.values("name_normalized")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .order_by("name_normalized")
        .values_list("name_normalized", flat=True)
        .first()
    )
    response, html = find(client, name)
    assert response.context["found"] is None
    for twin in Comune.objects.filter(name_normalized=name).select_related("province"):
        assert f"{twin.name} ({twin.province.sigla})" in html


def test_name_both_inside_and_outside_the_project(client):
    # Namesakes in a project Province and outside it: the one inside is confirmed, the other explained.
    from django.db.models import Count

    outside = set(
        ItalianComune.objects.exclude(scope="provincia-progetto").values_list("name_normalized", flat=True)
    )
    shared = (
        Comune.objects.filter(name_normalized__in=outside)
        .values("name_normalized")
        .annotate(n=Count("pk"))
        .filter(n=1)
        .order_by("name_normalized")
        .values_list("name_normalized", flat=True)
        .first()
    )
    inside = Comune.objects.select_related("province").get(name_normalized=shared)
    response, html = find(client, inside.name)
    assert response.context["found"] == inside
    assert "Comuni con lo stesso nome fuori dal progetto" in html and "che non fa parte del progetto" in html


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Coneglano", "Conegliano (TV)"),
        ("Trevisso", "Treviso (TV)"),
        ("Bagno a Ripli", "Bagno a Ripoli (FI)"),
    ],
)
def test_misspelt_names_get_the_closest(client, typed, expected):
    response, html = find(client, typed)
    assert expected in html
    assert response.context["close"]


def test_unknown_name_says_so_without_blaming(client):
    _response, html = find(client, "Zzyzxqw")
    assert "Nessun Comune italiano si chiama" in html

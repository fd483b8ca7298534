"""The coverage map: regions coloured by the share of their Provinces covered in the chosen sector."""

from django.core.cache import cache

import pytest

from core.models import Province, Sector
from practices.factories import PracticePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def test_map_beside_the_table_with_links_to_the_regions(client):
    PracticePageFactory(
        code="MAP-1",
        province=Province.objects.get(sigla="PD"),
        sector=Sector.objects.get(code="europa", locale__language_code="it"),
    )
    response = client.get("/buone-pratiche/", {"copertura": "europa"})
    html = response.content.decode()
    data = response.context["coverage_map"]
    assert data["sector"].code == "europa"
    veneto = next(row for row in data["rows"] if row["region"] == "Veneto")
    veneto_provinces = Province.objects.filter(region="Veneto").count()
    assert veneto["covered"] == 1 and veneto["provinces"] == veneto_provinces
    assert (
        '<svg class="region-map"' in html and 'aria-labelledby="coverage-map-title coverage-map-desc"' in html
    )
    assert 'href="/province/#regione-veneto"' in html
    assert f"Veneto: 1 Province su {veneto_provinces} con almeno una pratica" in html
    assert "non fa parte del progetto" in html  # Sicily and the other special-statute regions
    assert "CC BY 4.0" in html
    assert "<script" not in html.split('<svg class="region-map"')[1].split("</svg>")[0]
    # The anchor exists on the Provinces index.
    assert 'id="regione-veneto"' in client.get("/province/").content.decode()


def test_map_follows_the_selected_sector_and_english(client):
    response = client.get("/buone-pratiche/", {"settore": "innovazione"})
    assert response.context["coverage_map"]["sector"].code == "innovazione"
    response = client.get("/en/good-practices/")
    assert response.status_code == 200 and "Coverage by region" in response.content.decode()


def test_the_cached_coverage_keeps_each_searchs_filters_in_its_sector_links(client):
    """The coverage section is rendered once and kept: each search still gets its own filters in the links
    that change the map's sector, escaped."""
    first = client.get("/buone-pratiche/", {"q": "appalti", "settore": "sua"}).content.decode()
    assert 'href="?q=appalti&amp;settore=sua&amp;copertura=europa#coverage-heading"' in first
    second = client.get("/buone-pratiche/", {"q": "<b>gare</b>"}).content.decode()
    assert 'href="?q=%3Cb%3Egare%3C%2Fb%3E&amp;copertura=europa#coverage-heading"' in second
    assert "catalogue-filters-slot" not in first + second
    plain = client.get("/buone-pratiche/").content.decode()
    assert 'href="?copertura=europa#coverage-heading"' in plain

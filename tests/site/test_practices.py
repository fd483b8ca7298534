"""The best-practice catalogue: pages, filters, search, export, Comune finder, Province pages, bad input."""

import csv
import io
import json

from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.test import override_settings

import pytest

from core.models import Comune, Province, Sector, Theme
from practices.factories import PracticePageFactory
from practices.models import PracticeIndexPage, PracticePage

pytestmark = pytest.mark.django_db

CATALOGUE = "/buone-pratiche/"


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test rolls its database back: the cached counts of an earlier test must not leak into it."""
    cache.clear()


def sector(code):
    return Sector.objects.get(code=code, locale__language_code="it")


def codes(response):
    return sorted(p.code for p in response.context["practices"])


@pytest.fixture
def sample(db):
    themes = {t.slug: t for t in Theme.objects.filter(locale__language_code="it")}
    return [
        PracticePageFactory(
            code="T-1",
            title="Ufficio gare per i Comuni",
            summary="Appalti gestiti in forma associata.",
            sector=sector("sua"),
            province=Province.objects.get(sigla="PD"),
            stage="operativa",
            start_year=2018,
            practice_type="servizio",
            themes=[themes["appalti-pubblici"]],
            evidence_level="4-misurata",
        ),
        PracticePageFactory(
            code="T-2",
            title="Sportello fondi europei",
            summary="Bandi e progetti europei.",
            sector=sector("europa"),
            province=Province.objects.get(sigla="PG"),
            stage="pilota",
            start_year=2020,
            themes=[themes["fondi-europei"]],
            partner_provinces=[Province.objects.get(sigla="PD")],
        ),
        PracticePageFactory(
            code="T-3",
            title="Cruscotto dei dati comunali",
            summary="Statistiche per i Comuni.",
            sector=sector("innovazione"),
            province=Province.objects.get(sigla="LE"),
            stage="operativa",
            start_year=2018,
        ),
    ]


def test_reference_practices_are_loaded_in_both_languages(client):
    response = client.get(CATALOGUE)
    assert response.status_code == 200
    assert {"SUA-TV-01", "EUR-BS-01"} <= set(codes(response))
    treviso = PracticePage.objects.get(code="SUA-TV-01", locale__language_code="it")
    assert treviso.province.sigla == "TV" and treviso.sector.code == "sua"
    page = client.get(treviso.url)
    assert "Stazione Unica Appaltante della Provincia di Treviso" in page.content.decode()
    assert "Contesto e problema" not in page.content.decode()  # empty sections are not rendered
    english = client.get("/en/good-practices/sua-province-of-treviso/")
    assert english.status_code == 200
    assert "Single Procurement Office (SUA) of the Province of Treviso" in english.content.decode()
    # The Centro Servizi Territoriale names no Province: it stays a draft for the editors.
    cst = PracticePage.objects.get(code="INN-CST-01")
    assert not cst.live and cst.province is None
    assert "INN-CST-01" not in codes(response)


def test_unfiltered_counts_are_cached_until_a_practice_changes(client, sample):
    first = client.get(CATALOGUE).context["page_obj"].paginator.count
    PracticePageFactory(code="T-NEW")
    response = client.get(CATALOGUE)  # the new practice purged the page cache: rendered again, with it
    assert response.context["page_obj"].paginator.count == first + 1
    assert "T-NEW" in codes(response)


def test_catalogue_is_in_the_main_menu(client):
    assert f'href="{CATALOGUE}"' in client.get("/").content.decode()


def test_facets_filter_exactly(client, sample):
    assert codes(client.get(CATALOGUE, {"settore": "sua", "fase": "operativa"})) == ["T-1"]
    assert codes(client.get(CATALOGUE, {"settore": ["sua", "innovazione"], "anno": "2018"})) == ["T-1", "T-3"]
    assert codes(client.get(CATALOGUE, {"area": "sud"})) == ["T-3"]
    assert codes(client.get(CATALOGUE, {"regione": "umbria"})) == ["T-2"]
    assert codes(client.get(CATALOGUE, {"provincia": "padova"})) == ["T-1"]
    assert codes(client.get(CATALOGUE, {"tema": "fondi-europei"})) == ["EUR-BS-01", "T-2"]
    assert codes(client.get(CATALOGUE, {"evidenza": "4-misurata", "tipo": "servizio"})) == ["T-1"]


def test_facet_counts_and_removable_filters(client, sample):
    response = client.get(CATALOGUE, {"settore": "sua", "anno": "2018"})
    facets = {f.param: {o["value"]: o for o in f.options} for f in response.context["facets"]}
    # Counts of a facet apply the other facets: with year 2018, SUA 2 (T-1 and... only T-1) and innovation 1.
    assert facets["settore"]["innovazione"]["count"] == 1
    assert facets["settore"]["europa"]["count"] == 0 and facets["settore"]["europa"]["disabled"]
    assert facets["anno"]["2018"]["selected"]
    chips = response.context["selected_filters"]
    assert [c["remove"] for c in chips] == ["anno=2018", "settore=sua"]


def test_search_is_stemmed_and_multi_word(client, sample):
    assert "T-1" in codes(client.get(CATALOGUE, {"q": "appalto"}))  # the summary says “Appalti”
    # One word that matches nothing does not empty the results.
    assert "T-2" in codes(client.get(CATALOGUE, {"q": "sportello parolainesistente"}))
    assert "T-1" not in codes(client.get(CATALOGUE, {"q": "statistiche"}))
    # Italian pages only on the Italian catalogue.
    assert not any(c.startswith("T-") for c in codes(client.get("/en/good-practices/", {"q": "appalti"})))


def test_sort_by_title(client, sample):
    response = client.get(CATALOGUE, {"ordina": "titolo", "area": ["sud", "centro"]})
    assert [p.code for p in response.context["practices"]] == ["T-3", "T-2"]


def test_filtered_views_are_noindex(client, sample):
    assert "noindex" not in client.get(CATALOGUE).content.decode()
    assert "noindex" in client.get(CATALOGUE, {"settore": "sua"}).content.decode()


def test_export_csv_and_json_follow_the_filters(client, sample):
    response = client.get(CATALOGUE + "export/csv/", {"settore": "europa", "fase": "pilota"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r["code"] for r in rows] == ["T-2"]
    assert rows[0]["province"] == "PG" and rows[0]["partner_provinces"] == "PD"
    data = json.loads(client.get(CATALOGUE + "export/json/", {"settore": "sua"}).content)
    assert data["licence"]["id"] == "CC-BY-4.0" and data["schema_version"] == 2
    assert sorted(r["code"] for r in data["records"]) == ["SUA-TV-01", "T-1"]
    record = next(r for r in data["records"] if r["code"] == "T-1")
    assert record["url"].endswith("/buone-pratiche/pratica-di-prova-") is False and record["url"].startswith(
        "http"
    )
    assert client.get(record["url"].split("testserver")[1]).status_code == 200
    schema = json.loads(client.get(CATALOGUE + "export/schema/").content)
    assert set(schema["properties"]["records"]["items"]["required"]) == set(record)


def _populate(n, prefix):
    padova = Province.objects.get(sigla="PD")
    for i in range(n):
        PracticePageFactory(
            code=f"{prefix}-{i}",
            sector=sector(["sua", "europa", "innovazione"][i % 3]),
            province=padova,
            start_year=2010 + i % 5,
            partner_provinces=[padova],
        )


def _count_queries(client, django_assert_max_num_queries, url, params=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.page_cache import invalidate

    client.get(url, params or {})  # warm the per-process caches (site root paths, settings)
    invalidate()  # but count the page's own queries, not a page-cache hit
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_the_number_of_practices(client, django_assert_max_num_queries):
    params = {"q": "prova", "settore": "sua", "anno": "2010"}
    _populate(10, "A")
    first = [
        _count_queries(client, None, CATALOGUE, params),
        _count_queries(client, None, "/province/padova/"),
        _count_queries(client, None, PracticePage.objects.get(code="A-1").url),
    ]
    _populate(40, "B")
    second = [
        _count_queries(client, None, CATALOGUE, params),
        _count_queries(client, None, "/province/padova/"),
        _count_queries(client, None, PracticePage.objects.get(code="A-1").url),
    ]
    assert first == second


def test_province_page_lists_owning_and_partner_practices_with_sector_counts(client, sample):
    content = client.get("/province/padova/").content.decode()
    assert "Ufficio gare per i Comuni" in content and "Sportello fondi europei" in content
    assert "Cruscotto dei dati comunali" not in content
    assert "?provincia=padova&amp;settore=europa" in content
    english = client.get("/en/provinces/padova/")
    assert english.status_code in (200, 404)


def test_comune_finder(client):
    response = client.get(CATALOGUE + "trova-comune/", {"comune": "  TREVISO "})
    assert response.status_code == 200 and response.context["found"].name == "Treviso"
    # Accents do not matter.
    comune = Comune.objects.filter(name__contains="à").select_related("province").first()
    response = client.get(CATALOGUE + "trova-comune/", {"comune": comune.name.replace("à", "a").upper()})
    duplicates = Comune.objects.filter(name_normalized=comune.name_normalized).count()
    if duplicates == 1:
        assert response.context["found"] == comune


def test_comune_finder_disambiguates_by_sigla(client):
    from django.db.models import Count

    name = (
        Comune.objects.values("name_normalized")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .order_by("name_normalized")
        .values_list("name_normalized", flat=True)
        .first()
    )
    twins = list(Comune.objects.filter(name_normalized=name).select_related("province"))
    response = client.get(CATALOGUE + "trova-comune/", {"comune": twins[0].name})
    assert response.status_code == 200
    content = response.content.decode()
    for twin in twins:
        assert f"({twin.province.sigla})" in content
    chosen = client.get(
        CATALOGUE + "trova-comune/", {"comune": f"{twins[1].name} ({twins[1].province.sigla})"}
    )
    assert chosen.context["found"] == twins[1]


def test_comune_suggestions(client):
    data = client.get(CATALOGUE + "trova-comune/suggerimenti/", {"q": "trevis"}).json()
    assert "Treviso (TV)" in [s["label"] for s in data["suggestions"]]
    assert client.get(CATALOGUE + "trova-comune/suggerimenti/", {"q": "x" * 5000}).json() == {
        "suggestions": []
    }


@pytest.mark.parametrize(
    "params",
    [
        {"settore": "nonexistent", "provincia": "atlantide", "anno": "abc", "tema": "<b>"},
        {"page": "abc"},
        {"page": "99999"},
        {"q": "appalti " * 1250},
        {"q": "'; DROP TABLE practices_practicepage; --"},
        {"q": "<script>alert(1)</script>", "ordina": "<b>x</b>"},
        {"anno": "99999999999999999999"},
    ],
)
def test_bad_input_never_breaks_the_catalogue(client, sample, params):
    response = client.get(CATALOGUE, params)
    assert response.status_code == 200
    assert b"<script>alert(1)" not in response.content
    assert b"<b>x</b>" not in response.content
    # The exports answer too (JSON and CSV are data, not HTML: nothing is interpreted there).
    assert client.get(CATALOGUE + "export/json/", params)["Content-Type"] == "application/json"
    assert client.get(CATALOGUE + "export/csv/", params).status_code == 200
    assert PracticePage.objects.filter(code="T-1").exists()


def test_bad_input_in_the_comune_finder(client):
    response = client.get(CATALOGUE + "trova-comune/", {"comune": "<script>alert(1)</script>" + "a" * 10000})
    assert response.status_code == 200
    assert b"<script>alert(1)" not in response.content
    assert "&lt;script&gt;" in response.content.decode()


def test_example_practices_are_marked_and_refused_in_production(client):
    call_command("generate_example_practices", count=3, stdout=io.StringIO())
    examples = PracticePage.objects.filter(is_example=True)
    assert examples.filter(locale__language_code="it").count() == 3
    assert examples.filter(locale__language_code="en").count() == 3
    page = examples.filter(locale__language_code="it").first()
    assert "Pratica di esempio" in client.get(page.url).content.decode()
    data = json.loads(client.get(CATALOGUE + "export/json/").content)
    assert any(r["is_example"] for r in data["records"])
    with override_settings(SETTINGS_MODULE="site_cms.settings.production"), pytest.raises(CommandError):
        call_command("generate_example_practices", count=1, stdout=io.StringIO())


def test_page_type_rules():
    assert PracticePage.parent_page_types == ["practices.PracticeIndexPage"]
    assert PracticeIndexPage.max_count_per_parent == 1


def test_comune_finder_in_english_lands_on_the_english_province_page(client):
    response = client.get("/en/good-practices/find-comune/", {"comune": "treviso"})
    assert response.status_code == 200 and 'href="/en/provinces/treviso/"' in response.content.decode()
    assert "Single Procurement Office (SUA) of the Province of Treviso" in response.content.decode()
    content = client.get("/en/provinces/treviso/").content.decode()
    assert "Single Procurement Office (SUA) of the Province of Treviso" in content


def test_coverage_per_sector_and_macro_area(client, sample):
    coverage = client.get(CATALOGUE).context["coverage"]
    codes_ = [s.code for s in coverage["sectors"]]
    rows = {row["label"]: dict(zip(codes_, row["cells"], strict=True)) for row in coverage["rows"]}
    assert rows["Nord-Est"] == {"sua": 2, "europa": 0, "innovazione": 0}  # Treviso and Padova
    assert rows["Nord-Ovest"] == {"sua": 0, "europa": 1, "innovazione": 0}  # Brescia
    assert rows["Centro"]["europa"] == 1 and rows["Sud"]["innovazione"] == 1
    assert coverage["rows"][-1]["provinces"] == 76
    assert coverage["rows"][-1]["cells"] == [2, 2, 1]


def test_home_page_shows_latest_practices_and_the_finder(client, sample):
    content = client.get("/").content.decode()
    assert "Le buone pratiche delle Province" in content
    assert "Cruscotto dei dati comunali" in content
    assert 'action="/buone-pratiche/trova-comune/"' in content


def test_practice_page_shows_indicators_and_the_population_served(client):
    comuni = list(Comune.objects.filter(province__sigla="TV").order_by("name")[:3])
    practice = PracticePageFactory(
        code="T-9",
        title="Pratica con risultati",
        indicators=[
            (
                "indicator",
                {
                    "name": "Gare gestite",
                    "unit": "n.",
                    "baseline": "4",
                    "value": "12",
                    "year": 2020,
                    "source": "Rilevazione",
                },
            )
        ],
    )
    practice.comuni.set(comuni)
    practice.save()
    content = client.get(practice.url).content.decode()
    assert "Gare gestite (n.)" in content and "Rilevazione" in content
    population = sum(c.population_2011 or 0 for c in comuni)
    assert f"{population:,}".replace(",", ".") in content
    assert "Trasferibilità" not in content  # empty sections are not rendered
    # Searchable through its indicators.
    assert "T-9" in codes(client.get(CATALOGUE, {"q": "rilevazione"}))

"""The site as loaded: the content in both languages, menus, the Provinces, every page with its chrome."""

import re

from wagtail.models import Page
from wagtail_localize.models import Translation

import pytest

MAIN_PAGES = [
    ("/", "/en/"),
    ("/il-progetto/", "/en/the-project/"),
    ("/il-progetto/stato-di-avanzamento/", "/en/the-project/progress/"),
    ("/settori/", "/en/sectors/"),
    ("/settori/stazione-unica-appaltante/", "/en/sectors/single-procurement-office/"),
    ("/province/", "/en/provinces/"),
    ("/comunicazione/", "/en/communication/"),
    ("/dichiarazione-di-accessibilita/", "/en/accessibility-statement/"),
    ("/privacy/", "/en/privacy/"),
    ("/note-legali/", "/en/legal-notes/"),
    ("/mappa-del-sito/", "/en/site-map/"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("italian", "english"), MAIN_PAGES)
def test_main_pages_are_translated_with_wagtail_localize(client, italian, english):
    response_it = client.get(italian)
    response_en = client.get(english)
    assert response_it.status_code == 200
    assert response_en.status_code == 200
    page_it, page_en = response_it.context["page"], response_en.context["page"]
    assert page_it.locale.language_code == "it"
    assert page_en.locale.language_code == "en"
    assert page_en.translation_key == page_it.translation_key
    assert page_en.title != page_it.title or page_it.title == "Privacy"
    assert Translation.objects.filter(
        source__object_id=page_it.translation_key, target_locale__language_code="en"
    ).exists()


@pytest.mark.django_db
def test_every_live_page_renders_with_the_site_chrome(client):
    pages = Page.objects.live().public().filter(depth__gt=1).specific()
    assert pages.count() >= 2 * len(MAIN_PAGES) - 2
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        lang = page.locale.language_code
        assert f'<html lang="{lang}">' in html
        assert html.count("<main") == 1
        assert 'href="#main-content"' in html  # skip link
        assert 'class="funding-strip"' in html
        assert (
            ("PON «Governance e capacità istituzionale» 2014-2020" in html)
            if lang == "it"
            else ("PON “Governance and institutional capacity” 2014-2020" in html)
        )
        for title in (
            ["Dichiarazione di accessibilità", "Privacy", "Note legali", "Mappa del sito"]
            if lang == "it"
            else ["Accessibility statement", "Privacy", "Legal notes", "Site map"]
        ):
            assert f">{title}</a>" in html, (page.url, title)
        assert 'hreflang="en"' in html and 'hreflang="it"' in html
        assert response["Content-Security-Policy"].startswith("default-src 'self'")


@pytest.mark.django_db
def test_progress_timeline_shows_states_from_the_seed(client):
    html = client.get("/il-progetto/stato-di-avanzamento/").content.decode()
    assert html.count("timeline-step--done") == 5
    assert html.count("timeline-step--in-progress") == 2
    assert html.count("timeline-step--planned") == 5
    assert "Quattro focus group per macro-area" in html
    assert "19 novembre 2020" in html and "11 gennaio 2021" in html
    english = client.get("/en/the-project/progress/").content.decode()
    assert "Four focus groups by macro-area" in english
    assert "Completed" in english or "Done" in english


@pytest.mark.django_db
def test_home_page_shows_key_figures_and_the_three_sectors(client):
    html = client.get("/").content.decode()
    for text in (
        "76",
        "5.563",
        "Stazione Unica Appaltante",
        "Servizi associati per le Politiche Europee",
        "Servizi di innovazione, raccolta ed elaborazione dati",
    ):
        assert text in html
    english = client.get("/en/").content.decode()
    assert "5,563" in english and "Single Procurement Office" in english
    assert 'href="/en/sectors/single-procurement-office/"' in english


@pytest.mark.django_db
def test_main_menu_comes_from_the_page_tree(client):
    html = client.get("/").content.decode()
    for href in ('href="/il-progetto/"', 'href="/settori/"', 'href="/province/"', 'href="/comunicazione/"'):
        assert href in html
    english = client.get("/en/").content.decode()
    assert 'href="/en/the-project/"' in english and 'href="/en/provinces/"' in english


@pytest.mark.django_db
def test_main_menu_order_is_the_same_in_both_languages(client):
    def menu(path):
        html = client.get(path).content.decode()
        nav = html[html.index('id="main-menu"') : html.index("</nav>")]
        return re.findall(r'class="nav-link[^"]*" href="([^"]+)"', nav)

    assert menu("/") == [
        "/il-progetto/",
        "/settori/",
        "/buone-pratiche/",
        "/province/",
        "/sala-stampa/",
        "/eventi/",
        "/documenti-e-risorse/",
        "/comunicazione/",
    ]
    assert menu("/en/") == [
        "/en/the-project/",
        "/en/sectors/",
        "/en/good-practices/",
        "/en/provinces/",
        "/en/newsroom/",
        "/en/events/",
        "/en/documents-and-resources/",
        "/en/communication/",
    ]


@pytest.mark.django_db
def test_provinces_index_lists_the_76_by_macro_area(client):
    html = client.get("/province/").content.decode()
    assert len(set(re.findall(r'href="/province/[a-z-]+/"', html))) == 76
    for area in ("Nord-Ovest", "Nord-Est", "Centro", "Sud"):
        assert f">{area}</h2>" in html
    assert 'href="/province/pesaro-e-urbino/"' in html


@pytest.mark.django_db
def test_province_page_in_both_languages(client):
    response = client.get("/province/treviso/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Provincia di Treviso</h1>" in html
    assert "Veneto" in html and "94" in html and "Castelfranco Veneto" in html
    english = client.get("/en/provinces/treviso/").content.decode()
    assert "<h1>Province of Treviso</h1>" in english
    assert 'hreflang="it" href="http://testserver/province/treviso/"' in english


@pytest.mark.django_db
def test_province_page_query_count_does_not_depend_on_the_province(client, django_assert_max_num_queries):
    client.get("/province/treviso/")  # warm caches
    with django_assert_max_num_queries(60) as small:
        client.get("/province/vibo-valentia/")  # 50 Comuni
    with django_assert_max_num_queries(60) as large:
        client.get("/province/cuneo/")  # 247 Comuni
    assert len(small.captured_queries) == len(large.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/province/atlantide/", "/province/../", "/en/provinces/XX/", "/nope/"])
def test_unknown_paths_give_the_designed_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Pagina non trovata" in response.content.decode() or "Page not found" in response.content.decode()


@pytest.mark.django_db
def test_sitemap_covers_both_languages_and_the_provinces(client):
    xml = client.get("/sitemap.xml").content.decode()
    locations = set(re.findall(r"<loc>https?://[^/]+(/[^<]*)</loc>", xml))
    assert {
        "/",
        "/en/",
        "/il-progetto/stato-di-avanzamento/",
        "/en/the-project/progress/",
        "/province/treviso/",
        "/en/provinces/treviso/",
    } <= locations
    assert len([loc for loc in locations if "/provinces/" in loc]) == 76 + 1

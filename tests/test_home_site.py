"""The foundation: content loaded, page tree rules, every page renders in both languages."""

import io
import os
import re
import subprocess
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import RequestFactory

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail_localize.models import Translation

import pytest

from core.models import Comune, Province, Sector, SiteImage
from core.roles import UPI_GROUP_NAME
from home.models import ContentPage, HomePage, ProvinceIndexPage, SectorIndexPage, SectorPage, SitemapPage
from news.roles import PRESS_GROUP_PREFIX, PRESS_OFFICE_ROLE, press_office_group

ROOT = Path(__file__).resolve().parents[1]
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


class TestPageTree(WagtailPageTestCase):
    def test_home_only_under_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_singleton_indexes_once_per_language_tree(self):
        for model in (SectorIndexPage, ProvinceIndexPage, SitemapPage):
            self.assertCanCreateAt(HomePage, model)
            self.assertCanNotCreateAt(ContentPage, model)
            for home in HomePage.objects.all():  # one already exists under each language's home
                assert not model.can_create_at(home)
        assert ContentPage.can_create_at(HomePage.objects.first())

    def test_allowed_children(self):
        self.assertAllowedSubpageTypes(SectorIndexPage, {SectorPage})
        self.assertAllowedSubpageTypes(SectorPage, set())
        self.assertAllowedSubpageTypes(ContentPage, {ContentPage})
        self.assertAllowedParentPageTypes(SectorPage, {SectorIndexPage})
        self.assertCanCreateAt(ContentPage, ContentPage)
        self.assertCanNotCreateAt(ContentPage, SectorPage)


@pytest.mark.django_db
def test_reference_data_is_complete():
    assert Province.objects.count() == 76
    assert Comune.objects.count() == 5563
    by_area = {
        area: Province.objects.filter(macro_area=area).count()
        for area in ("nord-ovest", "nord-est", "centro", "sud")
    }
    assert by_area == {"nord-ovest": 21, "nord-est": 14, "centro": 20, "sud": 21}
    assert Comune.objects.get(istat_code="026086").province.sigla == "TV"  # Treviso
    assert Comune.objects.filter(province__sigla="TV").count() == 94


@pytest.mark.django_db
def test_loader_is_idempotent_and_keeps_editors_changes():
    project = ContentPage.objects.get(slug="il-progetto", locale__language_code="it")
    project.title = "Il progetto (titolo scelto dalla redazione)"
    project.save_revision().publish()
    pages_before = Page.objects.count()
    sectors_before = Sector.objects.count()

    call_command("load_site_content", stdout=io.StringIO())

    assert Page.objects.count() == pages_before
    assert Sector.objects.count() == sectors_before == 6
    project.refresh_from_db()
    assert project.title == "Il progetto (titolo scelto dalla redazione)"


@pytest.mark.django_db
def test_groups_exist_for_upi_and_every_press_office():
    from django.contrib.auth.models import Group

    upi = Group.objects.get(name=UPI_GROUP_NAME)
    assert upi.permissions.filter(codename="access_admin").exists()
    assert Group.objects.filter(name__startswith=PRESS_GROUP_PREFIX).count() == 76
    assert Province.objects.exclude(role_groups__role=PRESS_OFFICE_ROLE).count() == 0
    assert press_office_group(Province.objects.get(sigla="TV")).name == f"{PRESS_GROUP_PREFIX}Treviso"


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


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap(client):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text
    assert "Disallow: /cerca/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_500_page_renders_without_the_database(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_to_string("500.html", request=None)
    assert "Si è verificato un errore" in html
    assert "bootstrap-italia.min.css" in html


@pytest.mark.django_db
def test_500_handler_uses_the_designed_page(client, settings):
    from django.test import Client

    crashing = Client(raise_request_exception=False)
    settings.ROOT_URLCONF = "tests.urls_crash"
    response = crashing.get("/boom/")
    assert response.status_code == 500
    assert "Si è verificato un errore" in response.content.decode()


@pytest.mark.django_db
def test_images_need_alt_text_unless_decorative():
    image = SiteImage(title="Foto", description="", is_decorative=False)
    with pytest.raises(ValidationError) as error:
        image.clean()
    assert "description" in error.value.message_dict
    SiteImage(title="Decorazione", description="", is_decorative=True).clean()
    assert SiteImage(title="Foto", description="Sala riunioni", is_decorative=False).alt == "Sala riunioni"
    assert SiteImage(title="Decorazione", is_decorative=True).alt == ""


@pytest.mark.django_db
def test_every_shared_block_renders(client, home_it):
    from core.loader import StreamBuilder, TranslationMemory

    body = (
        StreamBuilder(TranslationMemory())
        .heading("Titolo di terzo livello", level="h3")
        .paragraph("Un paragrafo di prova.")
        .quote("Una citazione.", "Fonte")
        .key_figures("Cifre", [("12", "sessioni", "online")])
        .timeline("Fasi", [("Fase uno", "2020", "done", ["Fatta."]), ("Fase due", "", "planned", [])])
        .accordion("Domande", [("Domanda?", ["Risposta."])])
        .call_to_action("Vai", "Testo", "Apri", url="https://example.org/")
        .json()
    )
    page = ContentPage(title="Prova blocchi", slug="prova-blocchi", body=body)
    home_it.add_child(instance=page)
    html = client.get(page.url).content.decode()
    for fragment in (
        '<h3 class="block-heading">Titolo di terzo livello</h3>',
        "Un paragrafo di prova.",
        "Una citazione.",
        "sessioni",
        "Fase uno",
        "Previsto",
        "Domanda?",
        'href="https://example.org/"',
    ):
        assert fragment in html


def test_production_settings_pass_the_deployment_checks():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_cms.settings.production",
        "SECRET_KEY": "x" * 20 + "a-long-random-production-secret-key-for-the-check",
        "ALLOWED_HOSTS": "province.example.org",
        "DATABASE_URL": "sqlite:////tmp/deploy-check.sqlite3",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_cms.settings.production",
        "SECRET_KEY": "",
        "ALLOWED_HOSTS": "province.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_request_factory_is_available():
    assert RequestFactory().get("/").path == "/"

"""The foundation on a database with only the migrations: reference data, roles, page tree rules, the
error pages, the shared blocks and the production settings."""

import os
import subprocess
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.test import RequestFactory

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

import pytest

from core.models import Comune, Province, SiteImage
from core.roles import UPI_GROUP_NAME
from home.models import ContentPage, HomePage, ProvinceIndexPage, SectorIndexPage, SectorPage, SitemapPage
from mapping.models import MappingPage, MappingResultsPage
from news.roles import PRESS_GROUP_PREFIX, PRESS_OFFICE_ROLE, press_office_group
from tests.skeleton import build_homes, translate

ROOT = Path(__file__).resolve().parents[1]


class TestPageTree(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_homes()
        for model, slug in (
            (SectorIndexPage, "settori"),
            (ProvinceIndexPage, "province"),
            (SitemapPage, "mappa"),
        ):
            translate(homes[0].add_child(instance=model(title=slug.title(), slug=slug)))

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
        self.assertAllowedSubpageTypes(ContentPage, {ContentPage, MappingPage})
        self.assertAllowedSubpageTypes(MappingPage, {MappingResultsPage})
        self.assertAllowedParentPageTypes(MappingResultsPage, {MappingPage})
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
def test_groups_exist_for_upi_and_every_press_office():
    from django.contrib.auth.models import Group

    upi = Group.objects.get(name=UPI_GROUP_NAME)
    assert upi.permissions.filter(codename="access_admin").exists()
    assert Group.objects.filter(name__startswith=PRESS_GROUP_PREFIX).count() == 76
    assert Province.objects.exclude(role_groups__role=PRESS_OFFICE_ROLE).count() == 0
    assert press_office_group(Province.objects.get(sigla="TV")).name == f"{PRESS_GROUP_PREFIX}Treviso"


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

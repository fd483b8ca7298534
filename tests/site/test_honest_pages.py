"""Pages show what is known and nothing else: no promise of contacts "published soon"."""

from django.core.cache import cache

from wagtail.models import Site

import pytest

from core.models import Province, SiteSettings
from news.models import NewsIndexPage

pytestmark = pytest.mark.django_db

PROMISE = "a breve"


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


def settings_of_site():
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


def test_a_province_without_contacts_shows_no_contact_box(client):
    Province.objects.filter(sigla="BS").update(
        website="", press_office_email="", press_office_phone="", referent_name=""
    )
    html = client.get("/province/brescia/").content.decode()
    assert PROMISE not in html
    assert 'id="province-contacts"' not in html


def test_a_province_shows_the_contacts_editors_filled_in(client):
    Province.objects.filter(sigla="BS").update(
        website="https://www.provincia.brescia.it/",
        press_office_phone="030 0000000",
        referent_name="Mario Rossi",
        referent_phone="030 1111111",
    )
    html = client.get("/province/brescia/").content.decode()
    assert 'id="province-contacts"' in html
    assert "https://www.provincia.brescia.it/" in html and "030 0000000" in html and "030 1111111" in html
    assert PROMISE not in html


def test_the_newsroom_shows_press_contacts_only_when_known(client):
    newsroom = NewsIndexPage.objects.get(locale__language_code="it")
    newsroom.press_contacts = []
    newsroom.press_kit = []
    newsroom.save_revision().publish()
    settings = settings_of_site()
    settings.press_email = ""
    settings.save()
    html = client.get(newsroom.url).content.decode()
    assert PROMISE not in html
    assert "press-contacts-title" not in html and "press-kit-title" not in html

    settings.press_email = "stampa@example.invalid"
    settings.save()
    cache.clear()
    html = client.get(newsroom.url).content.decode()
    assert "press-contacts-title" in html and "mailto:stampa@example.invalid" in html


def test_the_footer_and_the_contact_page_show_only_the_settings(client, home_it):
    settings = settings_of_site()
    for field in ("contact_email", "contact_phone", "contact_address", "press_email"):
        setattr(settings, field, "")
    settings.save()
    contact_it = settings.contact_page
    assert contact_it is not None and contact_it.slug == "contatti"
    html = client.get(contact_it.url).content.decode()
    assert "mailto:" not in html and "tel:" not in html and "<address" not in html
    assert 'href="https://www.provinceditalia.it/"' in html  # the one address an install knows
    footer = client.get(home_it.url).content.decode().split("<footer", 1)[1]
    assert f'href="{contact_it.url}"' in footer and "Tutti i contatti" in footer

    settings.contact_email = "progetto@example.invalid"
    settings.contact_phone = "06 0000000"
    settings.contact_address = "Piazza di prova 1\n00100 Roma"
    settings.save()
    cache.clear()
    html = client.get(contact_it.url).content.decode()
    assert "mailto:progetto@example.invalid" in html and 'href="tel:060000000"' in html
    assert "Piazza di prova 1<br>00100 Roma" in html
    footer = client.get(home_it.url).content.decode().split("<footer", 1)[1]
    assert "mailto:progetto@example.invalid" in footer


def test_the_english_footer_links_the_english_contact_page(client, home_en):
    footer = client.get(home_en.url).content.decode().split("<footer", 1)[1]
    assert 'href="/en/contacts/"' in footer and "All contacts" in footer


def test_the_home_hero_shows_the_project_map_and_a_palette_button(client, home_it):
    html = client.get(home_it.url).content.decode()
    hero = html.split('class="home-hero', 1)[1].split("</section>", 1)[0]
    assert '<svg class="region-map"' in hero and 'id="hero-map-title"' in hero
    assert "Le regioni del progetto" in hero
    assert "<a " not in hero.split("<svg", 1)[1].split("</svg>", 1)[0]  # one image, no controls inside
    assert 'href="/province/"' in hero
    assert "btn-light" not in hero and 'class="btn btn-primary btn-lg' in hero
    provinces = client.get("/province/").content.decode()
    assert 'id="regione-lombardia"' in provinces


def test_the_funding_strip_has_the_eu_wording_and_logo_slots(client, home_it):
    from core.factories import SiteImageFactory

    settings = settings_of_site()
    settings.logo_programme = None
    settings.save()
    strip = (
        client.get(home_it.url)
        .content.decode()
        .split('class="funding-strip"', 1)[1]
        .split("</section>", 1)[0]
    )
    eu_slot = strip.split("funding-slot--eu", 1)[1].split("</li>", 1)[0]
    assert "<img" in eu_slot and "Cofinanziato dall&#x27;Unione europea" in eu_slot
    programme_slot = strip.split("funding-slot--programme", 1)[1].split("</li>", 1)[0]
    assert (
        '<span class="funding-label">PON Governance e Capacità istituzionale 2014-2020</span>'
        in programme_slot
    )
    assert "btn" not in strip

    settings.logo_programme = SiteImageFactory(title="Logo PON Governance")
    settings.save()
    cache.clear()
    strip = (
        client.get(home_it.url)
        .content.decode()
        .split('class="funding-strip"', 1)[1]
        .split("</section>", 1)[0]
    )
    programme_slot = strip.split("funding-slot--programme", 1)[1].split("</li>", 1)[0]
    assert "<img" in programme_slot and "funding-label" not in programme_slot

"""Editors' everyday forms: taxonomy in the page's language, Italian labels, a way out of slug clashes."""

import re

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify

import pytest

from core.models import Sector, Theme
from core.roles import SITE_WORKFLOW_NAME, UPI_GROUP_NAME
from events.models import EventPage
from news.models import NewsIndexPage, NewsPage
from resources.factories import SiteDocumentFactory
from tests.test_news_workflow import form_data, make_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def upi_client(client, django_user_model):
    user = django_user_model.objects.create_user("redazione_upi", "upi@example.invalid", "password-di-prova")
    user.groups.add(Group.objects.get(name=UPI_GROUP_NAME))
    client.force_login(user)
    client.user = user
    return client


def choice_labels(html, name):
    """The labels of the checkboxes (or options) of the field ``name`` in an admin form."""
    ids = re.findall(rf'<input[^>]*name="{name}"[^>]*id="([^"]+)"', html)
    labels = [re.search(rf'<label[^>]*for="{i}"[^>]*>\s*(.*?)\s*</label>', html, re.S) for i in ids]
    if ids:
        return [re.sub(r"<[^>]+>", "", label.group(1)).strip() for label in labels if label]
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S)
    return [
        label.strip()
        for label in re.findall(r"<option[^>]*>([^<]*)</option>", select.group(1))
        if label.strip("- ")
    ]


def names(locale_code, model):
    return set(model.objects.filter(locale__language_code=locale_code).values_list("name", flat=True))


# --- Sectors and themes in the page's language ---------------------------------------------------------


@pytest.mark.parametrize("language", ["it", "en"])
def test_news_form_lists_the_sectors_and_themes_of_the_page_language(upi_client, language):
    newsroom = NewsIndexPage.objects.get(locale__language_code=language)
    html = upi_client.get(
        reverse("wagtailadmin_pages:add", args=("news", "newspage", newsroom.pk))
    ).content.decode()
    other = "en" if language == "it" else "it"
    sectors, themes = set(choice_labels(html, "sectors")), set(choice_labels(html, "themes"))
    assert sectors == names(language, Sector) and themes == names(language, Theme)
    assert not sectors & names(other, Sector) and not themes & names(other, Theme)


def test_existing_italian_page_form_lists_only_italian_terms(upi_client):
    page = NewsPage.objects.filter(locale__language_code="it").first()
    html = upi_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    assert "Stazione Unica Appaltante" in html and "Single Procurement Office" not in html
    assert set(choice_labels(html, "themes")) == names("it", Theme)


def test_event_form_lists_the_sectors_of_the_page_language(upi_client):
    event = EventPage.objects.filter(locale__language_code="it").first()
    html = upi_client.get(reverse("wagtailadmin_pages:edit", args=(event.pk,))).content.decode()
    assert set(choice_labels(html, "sector")) == names("it", Sector)


def test_document_form_lists_the_sectors_of_the_default_locale(upi_client):
    document = SiteDocumentFactory()
    html = upi_client.get(reverse("wagtaildocs:edit", args=(document.pk,))).content.decode()
    assert set(choice_labels(html, "sector")) == names("it", Sector)


def test_translated_page_follows_its_terms_through_the_translation_keys():
    """A translation synchronised from Italian points at Italian terms: saving it moves it to English ones."""
    english = NewsPage.objects.filter(locale__language_code="en", themes__isnull=False).distinct().first()
    italian_sector = Sector.objects.get(locale__language_code="it", code="sua")
    italian_theme = Theme.objects.filter(locale__language_code="it").first()
    english.sectors.set([italian_sector])
    english.themes.set([italian_theme])
    english.save_revision().publish()
    english = NewsPage.objects.get(pk=english.pk)
    assert [s.pk for s in english.sectors.all()] == [
        Sector.objects.get(locale__language_code="en", translation_key=italian_sector.translation_key).pk
    ]
    assert [t.translation_key for t in english.themes.all()] == [italian_theme.translation_key]
    assert {t.locale.language_code for t in english.themes.all()} == {"en"}

    event = EventPage.objects.filter(locale__language_code="en").first()
    event.sector = italian_sector
    event.save()
    event.refresh_from_db()
    assert event.sector.locale.language_code == "en" and event.sector.code == "sua"


# --- Italian in the Italian admin ------------------------------------------------------------------


def test_event_is_submitted_to_upi_in_italian(upi_client):
    event = EventPage.objects.filter(locale__language_code="it").first()
    html = upi_client.get(reverse("wagtailadmin_pages:edit", args=(event.pk,))).content.decode()
    assert f"Invia a {SITE_WORKFLOW_NAME}" in html
    assert "Moderators" not in html
    assert event.get_workflow().name == SITE_WORKFLOW_NAME
    assert [group.name for group in event.get_workflow().tasks.first().specific.groups.all()] == [
        UPI_GROUP_NAME
    ]


def test_news_form_sends_to_the_status_panel_to_schedule(upi_client):
    newsroom = NewsIndexPage.objects.get(locale__language_code="it")
    html = upi_client.get(
        reverse("wagtailadmin_pages:add", args=("news", "newspage", newsroom.pk))
    ).content.decode()
    help_text = str(NewsPage._meta.get_field("date").help_text)
    assert "“Pianifica pubblicazione”" in help_text and "Impostazioni" not in help_text
    assert "Pianifica pubblicazione" in html
    with translation.override("en"):
        english = str(NewsPage._meta.get_field("date").help_text)
    assert english != help_text and "Set schedule" in english


# --- Slug already taken by an abandoned draft ------------------------------------------------------


def test_slug_clash_with_an_abandoned_draft_links_to_it(upi_client):
    newsroom = NewsIndexPage.objects.get(locale__language_code="it")
    title = "Conferenza stampa di presentazione"
    draft = make_draft(upi_client.user, None, title)
    assert draft.slug == slugify(title) and not draft.live
    response = upi_client.post(
        reverse("wagtailadmin_pages:add", args=("news", "newspage", newsroom.pk)),
        form_data(title, None, "news"),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["slug"]
    edit_url = reverse("wagtailadmin_pages:edit", args=(draft.pk,))
    assert f'<a href="{edit_url}">' in errors[0] and "bozza mai pubblicata" in errors[0]
    assert edit_url in response.content.decode()


def test_slug_clash_with_a_live_page_keeps_the_usual_message(upi_client):
    live = NewsPage.objects.filter(locale__language_code="it", live=True).first()
    response = upi_client.post(
        reverse("wagtailadmin_pages:add", args=("news", "newspage", live.get_parent().pk)),
        form_data(live.title, None, "news", slug=live.slug),
    )
    assert response.status_code == 200
    assert "bozza" not in response.context["form"].errors["slug"][0]

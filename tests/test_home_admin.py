"""The admin as its users see it: UPI's communication office and a Province's press office."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import Site

import pytest

from core.models import Province
from core.roles import UPI_GROUP_NAME
from news.roles import press_office_group


@pytest.fixture
def upi_editor(db):
    user = get_user_model().objects.create_user("redazione", password="x" * 12)
    user.groups.add(Group.objects.get(name=UPI_GROUP_NAME))
    return user


@pytest.fixture
def press_officer(db):
    user = get_user_model().objects.create_user("stampa.tv", password="x" * 12)
    user.groups.add(press_office_group(Province.objects.get(sigla="TV")))
    return user


def test_admin_speaks_italian(client, upi_editor):
    client.force_login(upi_editor)
    html = client.get("/admin/").content.decode()
    assert 'lang="it"' in html
    assert "Pagine" in html and "Tassonomie" in html


@pytest.mark.parametrize(
    "url",
    [
        "/admin/pages/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/snippets/core/province/",
        "/admin/snippets/core/sector/",
        "/admin/snippets/core/theme/",
    ],
)
def test_upi_editor_reaches_the_content_areas(client, upi_editor, url):
    client.force_login(upi_editor)
    assert client.get(url).status_code == 200


def test_upi_editor_edits_site_settings_and_province_contacts(client, upi_editor):
    client.force_login(upi_editor)
    site = Site.objects.get(is_default_site=True)
    assert client.get(f"/admin/settings/core/sitesettings/{site.pk}/").status_code == 200
    treviso = Province.objects.get(sigla="TV")
    response = client.get(f"/admin/snippets/core/province/edit/{treviso.pk}/")
    assert response.status_code == 200


def test_upi_editor_can_edit_pages_in_both_languages(client, upi_editor):
    from home.models import ContentPage

    client.force_login(upi_editor)
    for page in ContentPage.objects.filter(slug__in=["il-progetto", "the-project"]):
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200


def test_press_officer_cannot_touch_settings_or_taxonomy(client, press_officer):
    client.force_login(press_officer)
    site = Site.objects.get(is_default_site=True)
    assert client.get("/admin/").status_code == 200
    for url in (
        f"/admin/settings/core/sitesettings/{site.pk}/",
        "/admin/snippets/core/sector/add/",
        f"/admin/snippets/core/province/edit/{Province.objects.get(sigla='BS').pk}/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response["Location"] == "/admin/"


def test_anonymous_is_sent_to_the_login(client):
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_admin_sends_nothing_to_third_parties(client, upi_editor):
    """No Gravatar: an editor's e-mail hash never leaves the site."""
    client.force_login(upi_editor)
    html = client.get("/admin/").content.decode()
    assert "gravatar" not in html.lower()

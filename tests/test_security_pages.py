"""Error pages in the site's design, under the strict Content-Security-Policy."""

from django.test import Client

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/_util/login/", "/en/_util/login/"])
def test_a_csrf_failure_is_a_403_in_the_sites_design(path):
    client = Client(enforce_csrf_checks=True)
    response = client.post(path, {"username": "chiunque", "password": "qualsiasi"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Sessione scaduta" in html or "Session expired" in html
    assert "<style" not in html and "style=" not in html
    assert "<header" in html and "<footer" in html  # the site's base template
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "CSRF verification failed" not in html


def test_a_refused_document_is_a_403_in_the_sites_design(client, django_user_model):
    from wagtail.models import Collection

    from news.roles import PRESS_COLLECTION_NAME
    from resources.factories import SiteDocumentFactory

    document = SiteDocumentFactory(collection=Collection.objects.get(name=PRESS_COLLECTION_NAME))
    client.force_login(
        django_user_model.objects.create_user("senza_gruppo", "s@example.invalid", "password-123")
    )
    response = client.get(document.url)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Accesso non consentito" in html
    assert "<header" in html

"""Resilience: the site keeps answering when the shared cache or the database connection fails.

Every public page, in process, with Redis at a closed port; tests/test_security_resilience_server.py
stops a real Redis and kills the database connections of a real gunicorn server while requests run.
"""

import logging
import socket

from django.test import override_settings

import pytest

from core.cache import cache_settings

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/",
    "/en/",
    "/buone-pratiche/",
    "/buone-pratiche/?q=comuni",
    "/buone-pratiche/export/csv/",
    "/buone-pratiche/export/json/",
    "/cerca/?q=province",
    "/sala-stampa/",
    "/eventi/",
    "/province/",
    "/province/treviso/",
    "/documenti-e-risorse/biblioteca/",
]


def closed_port():
    """A local TCP port that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def cache_down():
    with override_settings(CACHES=cache_settings(f"redis://127.0.0.1:{closed_port()}/0")):
        yield


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_answer_with_the_cache_down(client, cache_down, path):
    assert client.get(path).status_code == 200


def test_the_cache_outage_is_logged_as_one_warning(client, cache_down, caplog):
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        assert client.get("/").status_code == 200
        assert client.get("/buone-pratiche/").status_code == 200
    warnings = [record for record in caplog.records if record.name == "core.cache"]
    assert [record.levelno for record in warnings] == [logging.WARNING]  # one, not one per cache call


def test_without_the_fallback_the_cache_outage_would_be_a_500(client):
    """The control: Django's own Redis backend, same closed port, fails the request."""
    from redis.exceptions import ConnectionError as RedisConnectionError

    location = f"redis://127.0.0.1:{closed_port()}/0"
    with (
        override_settings(
            CACHES={
                "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location}
            }
        ),
        pytest.raises(RedisConnectionError),
    ):
        client.get("/")


def test_wagtail_site_root_paths_survive_the_cache_down(cache_down):
    from wagtail.models import Site

    assert Site.get_site_root_paths()


def redis_is_running():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.2):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not redis_is_running(), reason="no Redis on 127.0.0.1:6379")
def test_the_cache_works_when_redis_answers(client):
    with override_settings(CACHES=cache_settings("redis://127.0.0.1:6379/15")):
        from django.core.cache import cache as redis_cache

        redis_cache.set("resilience-probe", "ok", 5)
        assert redis_cache.get("resilience-probe") == "ok"
        assert client.get("/").status_code == 200


def test_database_connections_are_health_checked():
    """The setting; tests/test_security_resilience_server.py kills the connections of a real server."""
    from django.conf import settings

    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


@pytest.mark.django_db
def test_the_loader_run_again_keeps_the_editors_changes(client):
    """``load_site_content`` again (a deployment does so) after the editors changed, added and moved pages."""
    import io

    from django.core.management import call_command

    from wagtail.models import Page

    from core.models import Sector
    from home.models import ContentPage

    def italian(slug):
        return ContentPage.objects.get(slug=slug, locale__language_code="it")

    # Changed text.
    project = italian("il-progetto")
    project.title = "Il progetto (titolo scelto dalla redazione)"
    project.intro = "Un'introduzione riscritta dalla redazione."
    project.save_revision().publish()
    # An added page.
    communication = italian("comunicazione")
    communication.add_child(
        instance=ContentPage(
            title="Novità della redazione", slug="novita-della-redazione", locale=communication.locale
        )
    ).save_revision().publish()
    # A moved page, renamed too: the contacts leave the home page for Comunicazione.
    contacts = italian("contatti")
    contacts.move(communication, pos="last-child")
    contacts = ContentPage.objects.get(pk=contacts.pk)
    contacts.slug = "scrivici"
    contacts.save_revision().publish()
    pages_before = Page.objects.count()
    sectors_before = Sector.objects.count()

    call_command("load_site_content", verbosity=0, stdout=io.StringIO())

    assert Page.objects.count() == pages_before  # nothing created again, nothing duplicated
    assert Sector.objects.count() == sectors_before == 6
    project = italian("il-progetto")
    assert project.title == "Il progetto (titolo scelto dalla redazione)"
    assert project.intro == "Un'introduzione riscritta dalla redazione."
    assert ContentPage.objects.filter(slug="novita-della-redazione").count() == 1
    assert not ContentPage.objects.filter(slug="contatti", locale__language_code="it").exists()
    assert ContentPage.objects.get(pk=contacts.pk).get_parent().pk == communication.pk
    for path in ("/il-progetto/", "/comunicazione/novita-della-redazione/", "/comunicazione/scrivici/"):
        assert client.get(path).status_code == 200, path

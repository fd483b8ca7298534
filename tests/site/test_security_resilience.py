"""Resilience: the site keeps answering when the shared cache or the database connection fails."""

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
    from django.conf import settings

    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


@pytest.fixture
def app_server(django_db_setup, django_db_blocker):
    """The site under gunicorn (one worker, persistent connections) on the test database."""
    import os
    import subprocess
    import sys
    import time
    import urllib.request
    from pathlib import Path

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    port = closed_port()
    settings_dict = connection.settings_dict
    url = (
        f"postgres://{settings_dict['USER']}:{settings_dict['PASSWORD'] or ''}@{settings_dict['HOST'] or '127.0.0.1'}:"
        f"{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}"
    )
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "CONN_MAX_AGE": "600",
        "DJANGO_SETTINGS_MODULE": "site_cms.settings.test",
    }
    root = Path(__file__).resolve().parents[2]  # the repository (this file is in tests/site/)
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "site_cms.wsgi",
            "--workers",
            "1",
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "60",
        ],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/robots.txt", timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=False)
def test_a_dropped_database_connection_is_not_a_500(app_server):
    import urllib.error
    import urllib.request

    from django.db import connection

    import psycopg2

    def status(path):
        try:
            with urllib.request.urlopen(app_server + path, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    assert status("/") == 200
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params["dbname"] = "postgres"
    killer = psycopg2.connect(**params)
    killer.autocommit = True
    with killer.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = %s AND pid <> %s",
            [
                connection.settings_dict["NAME"],
                connection.connection.get_backend_pid() if connection.connection else 0,
            ],
        )
        assert cursor.fetchone()[0] >= 1  # the server's persistent connection
    killer.close()
    assert status("/") == 200
    # The server sees only committed rows (the site tier's content is in a transaction): the sitemap is another
    # page built from the database.
    assert status("/sitemap.xml") == 200

"""The benchmark's hello-world view is routed only under the benchmark's own setting."""

import importlib

from django.test import override_settings
from django.urls import clear_url_caches

import pytest

import site_cms.urls

pytestmark = pytest.mark.django_db


def test_hello_world_is_not_routed_by_default(client):
    assert client.get("/_bench/hello/").status_code == 404


def test_hello_world_answers_under_the_benchmark_setting(client):
    try:
        with override_settings(BENCH_HELLO_WORLD=True):
            importlib.reload(site_cms.urls)
            clear_url_caches()
            response = client.get("/_bench/hello/")
            assert response.status_code == 200 and response.content == b"Hello, world\n"
            assert "Content-Security-Policy" in response  # the same middleware as every page
    finally:
        importlib.reload(site_cms.urls)
        clear_url_caches()
    assert client.get("/_bench/hello/").status_code == 404

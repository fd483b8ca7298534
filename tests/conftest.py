"""Shared fixtures: the site's content is loaded once per test database and kept by every test."""

import io

from django.core.management import call_command

import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real content (pages in Italian and English, sectors, groups) once for the session.

    Tests run in transactions that roll back, so each test starts from this same content.
    """
    with django_db_blocker.unblock():
        call_command("load_site_content", verbosity=0, stdout=io.StringIO())


@pytest.fixture
def home_it(db):
    from home.models import HomePage

    return HomePage.objects.get(locale__language_code="it")


@pytest.fixture
def home_en(db):
    from home.models import HomePage

    return HomePage.objects.get(locale__language_code="en")


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (cached facets, the search-recording throttle)."""
    from django.core.cache import cache

    cache.clear()

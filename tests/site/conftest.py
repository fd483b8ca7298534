"""The site tier: every test here sees the site's whole content (loaded once, see tests/conftest.py)."""

import pytest


@pytest.fixture(autouse=True)
def _site_content(site_content):
    """Every test of this tier runs on the loaded content."""


@pytest.fixture
def home_it(db):
    from home.models import HomePage

    return HomePage.objects.get(locale__language_code="it")


@pytest.fixture
def home_en(db):
    from home.models import HomePage

    return HomePage.objects.get(locale__language_code="en")

"""Shared fixtures of the two tiers (tests/README.md).

- The fast tier (every test outside ``tests/site/``) runs on a database that holds only what ``migrate``
  creates; each test builds the pages it needs with the apps' factories (``tests/skeleton.py``).
- The site tier (``tests/site/``) sees the whole content of the site, loaded once, the first time one of
  its tests runs. It is collected last, so no fast test ever sees that content; the content is loaded in
  a transaction that is rolled back at the end of the session, so a reused database (``--reuse-db``)
  still holds only the migrations.
"""

import io
from pathlib import Path

from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase

import pytest

HERE = Path(__file__).resolve().parent
BROWSER, SITE_TIER = HERE / "browser", HERE / "site"


def run_order(item):
    """Fast tier, then the browser tests, then the site tier."""
    parents = Path(item.path).resolve().parents
    return 2 if SITE_TIER in parents else 1 if BROWSER in parents else 0


def pytest_xdist_make_scheduler(config, log):
    """Under pytest-xdist with ``--dist loadgroup`` (``make test`` runs two workers), the work is sent in units:

    - the browser package, whole, to one worker: its server and browser start once;
    - each module of the fast tier, whole: its module-scoped fixtures (built data, servers) are built once;
    - each test of the site tier on its own, to whichever worker is free.

    xdist sends the units with the most tests first, in the order of ``pytest_collection_modifyitems`` when
    they have as many: the browser package first (so never after a site test), every fast module of several
    tests, then the single tests, fast before site. So a worker never runs a fast test after a site test:
    the site tier's content, loaded once per worker, stays loaded until the worker ends.
    """
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    browser, site = (path.relative_to(config.rootpath).as_posix() + "/" for path in (BROWSER, SITE_TIER))

    class TierScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            if nodeid.startswith(browser):
                return "browser"
            return nodeid if nodeid.startswith(site) else nodeid.split("::", 1)[0]

    return TierScheduling(config, log)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Order the tiers (after any reordering by other plugins: the sort keeps their order in a tier).

    The browser tests come before the site tier, whose content they must not see in the database they
    copy, and their browser is closed before it: Playwright's event loop would stop Django's ORM.
    """
    items.sort(key=run_order)


class _RolledBack:
    """A transaction opened outside any test and always rolled back: it keeps the test database clean."""

    def __init__(self, blocker):
        self.blocker = blocker
        self.atomic = transaction.atomic()

    def __enter__(self):
        with self.blocker.unblock():
            self.atomic.__enter__()
        return self

    def __exit__(self, *exc_info):
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)


@pytest.fixture(scope="session")
def site_content(django_db_setup, django_db_blocker):
    """The site's content (pages in Italian and English, sectors, settings), loaded once for the session.

    Tests run in transactions nested in this one, so each test starts from this same content. The
    on-commit callbacks of the loading (wagtail-localize publishes translated snippets in one) run at
    once, as they would at the end of a real ``load_site_content``.
    """
    with _RolledBack(django_db_blocker):
        with django_db_blocker.unblock(), TestCase.captureOnCommitCallbacks(execute=True):
            call_command("load_site_content", verbosity=0, stdout=io.StringIO())
        yield


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """A transaction around a test module: module-scoped fixtures build their data once in it
    (``setUpTestData``-style), each test rolls back to it, and it is rolled back after the module."""
    with _RolledBack(django_db_blocker):
        yield django_db_blocker


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached values (Wagtail's site root paths, menus) never outlive the rows a test rolled back."""
    cache.clear()


@pytest.fixture(scope="module")
def homes(module_db):
    """The ids of the Italian and English home pages, built once per module."""
    from tests.skeleton import build_homes

    with module_db.unblock():
        home_it, home_en = build_homes()
    return {"it": home_it.pk, "en": home_en.pk}


@pytest.fixture
def home_it(db, homes):
    from home.models import HomePage

    return HomePage.objects.get(pk=homes["it"])


@pytest.fixture
def home_en(db, homes):
    from home.models import HomePage

    return HomePage.objects.get(pk=homes["en"])

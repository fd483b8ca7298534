"""Test settings: fast hashing, in-memory e-mail, plain static storage."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-a-secret"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The page cache is on in the tests (one process, so local memory is shared by every request): every test
# that changes content and reads a page again checks that the change purged it.
PAGE_CACHE_SECONDS = 600
# One folder per pytest-xdist worker (`make test` runs two): no worker sees or removes another's files.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
MEDIA_ROOT = BASE_DIR / f".test-media{_WORKER and '-' + _WORKER}"  # noqa: F405
DOCUMENTS_ROOT = BASE_DIR / f".test-protected-media{_WORKER and '-' + _WORKER}"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"

# Static files come from the finders (no collectstatic in development and tests).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The SQLite test database lives in a file, so that `pytest --reuse-db` (the default, see pyproject.toml)
# keeps the migrated database between runs; `make test` recreates it when a migration changes.
# PostgreSQL (DATABASE_URL) keeps pytest-django's default name, test_<name>.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}  # noqa: F405
    # A throwaway database: no waiting for the disk at every commit of the migrations.
    # (WAL, the busy timeout and IMMEDIATE transactions of the site's settings stay as they are.)
    DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;"  # noqa: F405

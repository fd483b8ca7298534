"""Settings of the app server that tests/test_security_resilience_server.py starts: the test settings with
the shared cache of production (Redis at REDIS_URL, failures ignored) and the server's own folders."""

import os
from pathlib import Path

from core.cache import cache_settings
from site_cms.settings.test import *  # noqa: F403

CACHES = cache_settings(os.environ["REDIS_URL"])
MEDIA_ROOT = Path(os.environ["MEDIA_ROOT"])
DOCUMENTS_ROOT = Path(os.environ["DOCUMENTS_ROOT"])
# No page cache: every request of the suite reaches the database and renders, so that a killed connection
# or a lost Redis is met by the code that serves pages (a page-cache hit would answer without either; the
# page cache's own behaviour with Redis down is checked in tests/site/test_security_resilience.py).
PAGE_CACHE_SECONDS = 0

"""The shared cache may fail: the site then serves without it and says so in the log.

``django-redis`` with ``IGNORE_EXCEPTIONS`` turns a Redis outage into cache misses (a ``get`` returns the
default, a ``set`` does nothing), and the connection is retried on the next call, so the cache comes back
by itself with Redis. Its own log of an ignored error is a traceback at ERROR level for every cache call;
this backend logs one warning per process and per minute instead.
"""

import logging
import sys
import time

from django_redis.cache import RedisCache

logger = logging.getLogger("core.cache")
WARNING_INTERVAL = 60  # seconds between two warnings of the same process


class _OutageLog:
    """Stands in for django-redis's logger: one warning per interval, no traceback."""

    def __init__(self):
        self.last_warning = None

    def exception(self, message, *args, **kwargs):
        now = time.monotonic()
        if self.last_warning is not None and now - self.last_warning < WARNING_INTERVAL:
            return
        self.last_warning = now
        logger.warning("Cache non raggiungibile: le pagine sono servite senza cache (%s).", _current_error())


def _current_error():
    error = sys.exc_info()[1]
    cause = getattr(error, "__cause__", None) or error
    return f"{type(cause).__name__}: {cause}" if cause is not None else "errore sconosciuto"


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._log_ignored_exceptions = True
        self.logger = _OutageLog()


def cache_settings(redis_url):
    """The ``CACHES`` setting: Redis at ``redis_url`` when given (failures ignored), else local memory."""
    if not redis_url:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    return {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": redis_url,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                # An unreachable host must cost a page a fraction of a second, not a hung worker.
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }

"""The editors' search counts without a database write per search.

A search only notes itself in the cache (``note``); ``flush_search_counts`` (run from cron every few
minutes) adds the notes up into Wagtail's daily hits and the site's no-results counts. The notes live in
the ``search_counts`` cache when settings define one, else in the default cache: in production that is the
shared Redis, so every app server's notes reach the flush.

Each client is counted at most ``RECORDS_PER_MINUTE`` times a minute, and a recorded query is cut to
``MAX_RECORDED_LENGTH`` characters: a script sending random strings cannot fill the report.
"""

from collections import Counter

from django.conf import settings
from django.core.cache import cache as default_cache
from django.core.cache import caches
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from core.clients import client_key

RECORDS_PER_MINUTE = 5
MAX_RECORDED_LENGTH = 100
NOTE_TIMEOUT = 7 * 24 * 3600  # notes not flushed within a week are dropped
SEQUENCE_KEY = "search-counts:sequence"
FLUSHED_KEY = "search-counts:flushed"
NOTE_KEY = "search-counts:note:{}"


def counts_cache():
    return caches["search_counts"] if "search_counts" in settings.CACHES else default_cache


def may_record(request):
    """Whether this client's search may still be counted this minute (at most RECORDS_PER_MINUTE)."""
    cache = counts_cache()
    # A keyed hash of the client's address (core.clients: trusted proxies only), kept in the cache alone.
    key = f"search-counts:client:{client_key(request)}:{timezone.now():%Y%m%d%H%M}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        return False
    # Without a working cache nothing is counted: a cache outage never costs a 500 nor a database write.
    return count is not None and count <= RECORDS_PER_MINUTE


def recorded_query(query):
    return " ".join(query.lower().split())[:MAX_RECORDED_LENGTH].strip()


def note(request, query, language, found):
    """Note one search for the report, in the cache only; nothing when the client has had its share."""
    query = recorded_query(query)
    if not query or not may_record(request):
        return False
    cache = counts_cache()
    cache.add(SEQUENCE_KEY, 0, timeout=None)
    number = cache.incr(SEQUENCE_KEY)
    cache.set(
        NOTE_KEY.format(number),
        (timezone.localdate().isoformat(), language, query, bool(found)),
        timeout=NOTE_TIMEOUT,
    )
    return True


def flush():
    """Add the notes up into the database; returns the number of searches written."""
    from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

    from search.models import NoResultsDailyHits

    cache = counts_cache()
    last = cache.get(SEQUENCE_KEY) or 0
    first = (cache.get(FLUSHED_KEY) or 0) + 1
    if last < first:
        return 0
    keys = [NOTE_KEY.format(number) for number in range(first, last + 1)]
    hits, empty = Counter(), Counter()
    for start in range(0, len(keys), 1000):
        for day, language, query, found in cache.get_many(keys[start : start + 1000]).values():
            hits[(day, query)] += 1
            if not found:
                empty[(day, language, query)] += 1
    with transaction.atomic():
        queries = {}
        for _day, query in hits:
            if query not in queries:
                queries[query] = Query.get(query)
        for (day, query), number in hits.items():
            row, _created = QueryDailyHits.objects.get_or_create(query=queries[query], date=day)
            QueryDailyHits.objects.filter(pk=row.pk).update(hits=F("hits") + number)
        for (day, language, query), number in empty.items():
            row, _created = NoResultsDailyHits.objects.get_or_create(
                query=queries[query], date=day, language=language
            )
            NoResultsDailyHits.objects.filter(pk=row.pk).update(hits=F("hits") + number)
    cache.set(FLUSHED_KEY, last, timeout=None)
    cache.delete_many(keys)
    return sum(hits.values())

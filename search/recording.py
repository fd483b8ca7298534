"""How much of the visitors' searching is stored: bounded in length, in rate and in time.

Searches are counted for the editors' report (Wagtail's daily hits and ``NoResultsDailyHits``). A client can
type anything, as often as it likes: so a stored query is cut to ``MAX_STORED_LENGTH`` characters, at most
``MAX_RECORDED_PER_MINUTE`` searches of one client are recorded in a minute (clients are told apart by a keyed
hash of their address kept only in the cache, with no cookie), and ``prune_search_queries`` deletes the
counts older than a given number of days.
"""

import time

from django.core.cache import cache

from core.clients import client_key

MAX_STORED_LENGTH = 100
MAX_RECORDED_PER_MINUTE = 5


def may_record(request):
    """Whether this search may be recorded: at most ``MAX_RECORDED_PER_MINUTE`` per client and minute."""
    key = f"search-recorded:{client_key(request)}:{int(time.time() // 60)}"
    try:
        cache.add(key, 0, 90)
        count = cache.incr(key)
    except ValueError:  # the entry expired between add and incr
        return False
    # Without a working cache nothing is recorded: storage is never the price of a cache outage.
    return count is not None and count <= MAX_RECORDED_PER_MINUTE


def stored_query(query):
    return query[:MAX_STORED_LENGTH].strip()


def prune(days):
    """Delete the search counts older than ``days`` days, then the queries left with no count nor promotion.

    Returns the number of daily counts and of queries deleted."""
    import datetime

    from django.utils import timezone

    from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

    from search.models import NoResultsDailyHits

    cutoff = timezone.localdate() - datetime.timedelta(days=days)
    counts = QueryDailyHits.objects.filter(date__lt=cutoff).delete()[0]
    counts += NoResultsDailyHits.objects.filter(date__lt=cutoff).delete()[0]
    orphans = Query.objects.filter(
        daily_hits__isnull=True, editors_picks__isnull=True, no_results_daily_hits__isnull=True
    )
    queries = Query.objects.filter(pk__in=list(orphans.values_list("pk", flat=True))).delete()[0]
    return counts, queries

"""How much of the visitors' searching is stored: bounded in length, in rate (``search.counters``) and in time.

Searches are counted for the editors' report (Wagtail's daily hits and ``NoResultsDailyHits``). A client can
type anything, as often as it likes: so ``search.counters`` cuts a stored query to ``MAX_RECORDED_LENGTH``
characters and notes at most ``RECORDS_PER_MINUTE`` searches of one client a minute (clients are told apart by
a keyed hash of their address kept only in the cache, with no cookie), and ``prune_search_queries`` deletes the
counts older than a given number of days.
"""


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

"""Coverage: how many of the 76 Provinces have at least one published practice in each sector."""

from django.core.cache import cache
from django.db.models import Count

from wagtail.models import Locale

from core.models import MacroArea, Province, Sector
from practices.catalogue import FACETS_CACHE_KEY
from practices.models import PracticePage

CACHE_KEY = "practices:coverage:{}"


def invalidate_coverage():
    """Called whenever a practice is saved or deleted (also drops the unfiltered facet counts)."""
    pks = list(Locale.objects.values_list("pk", flat=True))
    cache.delete_many([CACHE_KEY.format(pk) for pk in pks] + [FACETS_CACHE_KEY.format(pk) for pk in pks])


def coverage_by_macro_area(locale):
    """Rows per macro-area (and a total row): provinces, then per sector the Provinces covered.

    Three queries, whatever the number of practices; cached until a practice is saved or deleted.
    """
    key = CACHE_KEY.format(locale.pk)
    result = cache.get(key)
    if result is None:
        result = _coverage(locale)
        cache.set(key, result, 3600)
    return result


def _coverage(locale):
    sectors = list(Sector.objects.filter(locale=locale).order_by("sort_order"))
    totals = dict(Province.objects.values_list("macro_area").annotate(n=Count("pk")))
    covered = {}
    rows = (
        PracticePage.objects.live()
        .public()
        .filter(locale=locale, province__isnull=False)
        .order_by()
        .values("province__macro_area", "sector__code")
        .annotate(n=Count("province", distinct=True))
    )
    for row in rows:
        covered[(row["province__macro_area"], row["sector__code"])] = row["n"]
    national = (
        PracticePage.objects.live()
        .public()
        .filter(locale=locale, province__isnull=False)
        .order_by()
        .values("sector__code")
        .annotate(n=Count("province", distinct=True))
    )
    national = {row["sector__code"]: row["n"] for row in national}
    table = []
    for value, label in MacroArea.choices:
        table.append(
            {
                "label": label,
                "provinces": totals.get(value, 0),
                "cells": [covered.get((value, sector.code), 0) for sector in sectors],
            }
        )
    table.append(
        {
            "label": None,
            "provinces": sum(totals.values()),
            "cells": [national.get(sector.code, 0) for sector in sectors],
            "total": True,
        }
    )
    return {"sectors": sectors, "rows": table}

"""Coverage: how many of the 76 Provinces have at least one published practice in each sector."""

from collections import Counter

from django.core.cache import cache

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

    Three queries, whatever the number of practices; cached until a practice is saved or deleted. Also
    the coverage per region (``regions``: region → provinces and Provinces covered per sector).
    """
    key = CACHE_KEY.format(locale.pk)
    result = cache.get(key)
    if result is None:
        result = _coverage(locale)
        cache.set(key, result, 3600)
    return result


def _coverage(locale):
    sectors = Sector.of_locale(locale)
    # The 107 Provinces' areas, and the distinct (Province, sector) pairs of the published practices: the
    # counts per macro-area, per region and national follow from these two small lists.
    places = {province.pk: (province.macro_area, province.region) for province in Province.in_request()}
    pairs = (
        PracticePage.objects.live()
        .public()
        .filter(locale=locale, province__isnull=False)
        .order_by()
        .values_list("province_id", "sector__code")
        .distinct()
    )
    totals, region_totals = Counter(), Counter()
    for macro_area, region in places.values():
        totals[macro_area] += 1
        region_totals[region] += 1
    covered, national, by_region = Counter(), Counter(), Counter()
    for province_id, sector_code in pairs:
        macro_area, region = places[province_id]
        covered[(macro_area, sector_code)] += 1
        national[sector_code] += 1
        by_region[(region, sector_code)] += 1
    regions = {
        region: {"provinces": total, "covered": {s.code: by_region.get((region, s.code), 0) for s in sectors}}
        for region, total in sorted(region_totals.items())
    }
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
    return {"sectors": sectors, "rows": table, "regions": regions}


def coverage_map(coverage, sector_code, province_index_url, id_prefix="coverage-map"):
    """The SVG map of the regions coloured by the share of their Provinces covered in one sector, and the
    rows of the table that is its text alternative."""
    from django.utils.text import slugify
    from django.utils.translation import gettext as _

    from core.maps import region_map

    sector = next((s for s in coverage["sectors"] if s.code == sector_code), None)
    if sector is None:
        return None
    values, rows = {}, []
    for region, data in coverage["regions"].items():
        covered, total = data["covered"][sector.code], data["provinces"]
        label = _("%(covered)s Province su %(total)s con almeno una pratica") % {
            "covered": covered,
            "total": total,
        }
        url = f"{province_index_url}#regione-{slugify(region)}" if province_index_url else ""
        values[region] = {"share": covered / total if total else 0, "label": label, "url": url}
        rows.append({"region": _(region), "covered": covered, "provinces": total, "url": url})
    svg = region_map(
        values,
        _("Copertura per regione: %(sector)s") % {"sector": sector.label},
        _(
            "Quota delle Province di ogni regione con almeno una pratica pubblicata nel settore; le regioni in "
            "grigio non fanno parte del progetto. Ogni regione porta all'elenco delle sue Province."
        ),
        id_prefix=id_prefix,
    )
    return {"svg": svg, "sector": sector, "rows": rows}

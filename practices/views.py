"""The catalogue's views (routes of PracticeIndexPage): listing, open-data export, Comune finder.

Routing convention, for every routable page of the site (RoutablePageMixin): each route method of the
page model is a one-liner that hands over to a function of its app's ``views.py`` with the signature
``view(request, page, **kwargs)`` (``kwargs`` are the route's URL parameters); the view does the work
and returns the response, usually ``page.render(request, context_overrides=...)`` or another
TemplateResponse, or an HttpResponse (feeds, exports, redirects). Models keep only data and URL
helpers (``reverse_subpage``); views import the models, so ``models.py`` imports ``views`` at its end.
"""

import csv
import difflib
import re

from django.core.cache import cache
from django.db.models import Q
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core import page_cache
from core.maps import ATTRIBUTION as MAP_ATTRIBUTION
from core.maps import legend as map_legend
from core.models import Comune, ItalianComune, Sector
from core.models.taxonomy import normalize_name
from core.sections import collect_sections
from core.sections import province_index as core_province_index
from core.text import clean_query
from practices.catalogue import SORTS, Catalogue
from practices.coverage import coverage_by_macro_area, coverage_map
from practices.feeds import feed as build_feed
from practices.feeds import feed_links
from practices.models import PracticePage, Replication
from practices.open_data import CSV_FIELDS, LICENCE, SCHEMA, record_for, replication_csv

MAX_COMUNE_QUERY = 100
SUGGESTIONS = 10
CLOSE_MATCHES = 5
# The finder confirms a Comune, then shows these sections of its Province's page (practices, services).
FINDER_SECTION_PREFIXES = ("practices/", "mapping/")


def catalogue(request, page):
    cat = Catalogue(page, request.GET, get_language())
    cat.compute_facet_counts()
    page_obj = cat.page_of_results(request.GET.get("page"))
    query_string = cat.query_string()
    sectors = [sector.code for sector in Sector.of_locale(page.locale)]  # (as the coverage's)
    chosen = request.GET.get("copertura") or ""
    if chosen not in sectors:
        selected = next(f.selected for f in cat.facets if f.param == "settore")
        chosen = selected[0] if len(selected) == 1 else (sectors[0] if sectors else "")
    coverage_html = _coverage_section(request, page, chosen, query_string)
    response = page.render(
        request,
        context_overrides={
            "catalogue": cat,
            "facets": cat.facets,
            "page_obj": page_obj,
            "practices": page_obj.object_list,
            "theme_names": cat.theme_names,
            "selected_filters": cat.selected_filters(),
            "sorts": [(value, label) for value, label in SORTS.items() if value != "pertinenza" or cat.query],
            "query": cat.query,
            "query_string": query_string,
            "is_filtered": cat.is_filtered(),
            "coverage_html": coverage_html,
            "feeds": _catalogue_feeds(page, cat),
        },
    )
    if cat.is_filtered() or request.GET:
        add_never_cache_headers(response)
    return response


# The coverage section is the same for every search of the catalogue but for the current filters, which its
# sector links keep: it is rendered with this in their place, kept in the shared cache, and the filters put in.
QUERY_STRING_SLOT = "catalogue-filters-slot"


def _coverage_section(request, page, chosen, query_string):
    """The coverage table and map (practices/includes/coverage.html), rendered once per language, catalogue,
    chosen sector and content change (the page cache's generation token, as the footer)."""
    fragment = page_cache.fragment_cache(request)
    key = f"practices:coverage-html:{fragment['key']}:{page.pk}:{chosen}"
    html = cache.get(key)
    if html is None:
        coverage = coverage_by_macro_area(page.locale)
        province_index = core_province_index(page.locale)
        html = render_to_string(
            "practices/includes/coverage.html",
            {
                "coverage": coverage,
                "coverage_map": coverage_map(coverage, chosen, province_index.url if province_index else ""),
                "map_legend": map_legend(),
                "map_attribution": MAP_ATTRIBUTION,
                "query_string": QUERY_STRING_SLOT,
            },
            request=request,
        )
        cache.set(key, html, fragment["seconds"])
    filters = f"{escape(query_string)}&amp;" if query_string else ""
    return mark_safe(html.replace(f"{QUERY_STRING_SLOT}&amp;", filters))  # noqa: S308 (our template; escaped)


def _catalogue_feeds(page, cat):
    """The feeds of the catalogue, and of the one sector or Province selected, if any."""
    feeds = feed_links(page)
    by_param = {f.param: f for f in cat.facets}
    if len(by_param["settore"].selected) == 1:
        sector = cat.sectors_by_code.get(by_param["settore"].selected[0])
        if sector is not None:
            feeds += feed_links(page, sector=sector)
    if len(by_param["provincia"].selected) == 1:
        province = cat.provinces_by_slug.get(by_param["provincia"].selected[0])
        if province is not None:
            feeds += feed_links(page, province=province)
    return feeds


def practice_feed(request, page, kind, sector_code=None, province_slug=None):
    return build_feed(request, page, kind, sector_code=sector_code, province_slug=province_slug)


def _export_records(request, page):
    cat = Catalogue(page, request.GET, get_language())
    queryset = cat.results(PracticePage.objects.prefetch_related("themes", "partner_provinces"))
    index_url = request.build_absolute_uri(page.url)
    language = get_language()
    replications = {}
    keys = [practice.translation_key for practice in queryset]
    for replication in (
        Replication.objects.filter(practice_key__in=keys)
        .select_related("province")
        .order_by("date", "province__sigla")
    ):
        replications.setdefault(replication.practice_key, []).append(replication)
    return [
        record_for(
            practice, index_url, language, cat.theme_names, replications.get(practice.translation_key, ())
        )
        for practice in queryset
    ], cat


def export_csv(request, page):
    records, _cat = _export_records(request, page)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="buone-pratiche.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read UTF-8
    writer = csv.writer(response)
    writer.writerow(CSV_FIELDS)
    for record in records:
        row = []
        for name in CSV_FIELDS:
            value = record[name]
            if isinstance(value, list):
                value = "; ".join(replication_csv(v) if isinstance(v, dict) else v for v in value)
            elif isinstance(value, dict):
                value = value.get("sigla") or ""
            elif value is None:
                value = ""
            row.append(value)
        writer.writerow(row)
    add_never_cache_headers(response)
    response["Link"] = f'<{LICENCE["url"]}>; rel="license"'
    return response


def export_json(request, page):
    records, cat = _export_records(request, page)
    data = {
        "schema": request.build_absolute_uri(page.url + "export/schema/"),
        "schema_version": SCHEMA["version"],
        "licence": LICENCE,
        "publisher": "Unione delle Province d'Italia (UPI)",
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "language": get_language(),
        "filters": [list(pair) for pair in cat.state_params()],
        "count": len(records),
        "records": records,
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = 'attachment; filename="buone-pratiche.json"'
    add_never_cache_headers(response)
    return response


def export_schema(request, page):
    return JsonResponse(SCHEMA["json_schema"], json_dumps_params={"ensure_ascii": False, "indent": 1})


SIGLA = re.compile(r"^(?P<name>.*?)\s*\((?P<sigla>[A-Za-z]{2})\)\s*$")


def find_comuni(text):
    """Comuni whose name matches ``text`` (accent- and case-insensitive), optionally "Name (XX)"."""
    text = clean_query(text, MAX_COMUNE_QUERY)
    sigla = None
    match = SIGLA.match(text)
    if match:
        text, sigla = match.group("name"), match.group("sigla").upper()
    normalized = normalize_name(text)
    if len(normalized) < 2:
        return [], False
    comuni = Comune.objects.select_related("province").order_by("name", "province__sigla")
    if sigla:
        comuni = comuni.filter(province__sigla=sigla)
    exact = list(comuni.filter(name_normalized=normalized)[:20])
    if exact:
        return exact, True
    return list(comuni.filter(name_normalized__startswith=normalized)[:20]), False


def _split_sigla(text):
    match = SIGLA.match(text)
    if match:
        return match.group("name"), match.group("sigla").upper()
    return text, None


def outside_comuni(text):
    """Real Comuni of that exact name outside the project (metropolitan cities, special-statute regions)."""
    name, sigla = _split_sigla((text or "").strip()[:MAX_COMUNE_QUERY])
    normalized = normalize_name(name)
    if len(normalized) < 2:
        return []
    comuni = ItalianComune.objects.filter(name_normalized=normalized).exclude(
        scope=ItalianComune.Scope.PROJECT
    )
    if sigla:
        comuni = comuni.filter(sigla=sigla)
    return list(comuni.order_by("name", "sigla")[:20])


def close_comuni(text):
    """The Comuni whose names are closest to a misspelt one: difflib over the normalized names sharing its
    first letter (at most a thousand or so names: bounded, and the same on SQLite and PostgreSQL)."""
    name, _sigla = _split_sigla((text or "").strip()[:MAX_COMUNE_QUERY])
    normalized = normalize_name(name)
    if len(normalized) < 3:
        return []
    candidates = {}
    for comune in ItalianComune.objects.filter(name_normalized__startswith=normalized[0]).only(
        "name", "name_normalized", "sigla", "body_name", "region", "scope"
    ):
        candidates.setdefault(comune.name_normalized, []).append(comune)
    close = difflib.get_close_matches(normalized, list(candidates), n=CLOSE_MATCHES, cutoff=0.75)
    return [comune for key in close for comune in candidates[key]]


def _finder_sections(request, province):
    sections = collect_sections("province_page_sections", request, province)
    return [s for s in sections if s.get("template", "").startswith(FINDER_SECTION_PREFIXES)]


def comune_finder(request, page):
    """“Trova il tuo Comune”: a plain GET form that confirms the Comune found and shows its Province's
    practices and services; says why a real Comune is outside the project; suggests close names."""
    redirect = page.redirect_to_own_route(request, "comune_finder")
    if redirect is not None:
        return redirect
    text = clean_query(request.GET.get("comune"), MAX_COMUNE_QUERY)
    matches, exact = find_comuni(text) if text else ([], False)
    province_index = core_province_index(page.locale)
    context = {
        "page": page,
        "self": page,
        "comune_query": text,
        "matches": matches,
        "exact": exact,
        "province_index_url": province_index.url if province_index else "",
        "found": None,
        "outside": [],
        "close": [],
    }
    if text:
        outside = outside_comuni(text)
        if exact and len(matches) == 1:
            found = matches[0]
            context["found"] = found
            context["province_comuni"] = found.province.comuni.count()
            context["province_url"] = f"{province_index.url}{found.province.slug}/" if province_index else ""
            context["sections"] = _finder_sections(request, found.province)
            context["outside"] = outside  # namesakes elsewhere, to be complete
        else:
            context["outside"] = outside
            if not exact and not outside:
                known = {(c.name, c.province.sigla) for c in matches}
                context["close"] = [c for c in close_comuni(text) if (c.name, c.sigla) not in known]
    response = TemplateResponse(request, "practices/comune_finder.html", context)
    add_never_cache_headers(response)
    return response


def comune_suggestions(request, page):
    """Up to ten Comuni starting with (then containing) the typed text, as JSON, for the finder's list."""
    redirect = page.redirect_to_own_route(request, "comune_suggestions")
    if redirect is not None:
        return redirect
    normalized = normalize_name(clean_query(request.GET.get("q"), MAX_COMUNE_QUERY))
    suggestions = []
    if len(normalized) >= 2:
        base = Comune.objects.select_related("province").order_by("name", "province__sigla")
        found = list(base.filter(name_normalized__startswith=normalized)[:SUGGESTIONS])
        if len(found) < SUGGESTIONS:
            seen = [c.pk for c in found]
            found += list(
                base.filter(Q(name_normalized__contains=normalized) & ~Q(pk__in=seen))[
                    : SUGGESTIONS - len(found)
                ]
            )
        suggestions = [
            {"label": f"{c.name} ({c.province.sigla})", "province": c.province.name} for c in found
        ]
    response = JsonResponse({"suggestions": suggestions}, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=3600"
    return response

"""The catalogue's views (routes of PracticeIndexPage): listing, open-data export, Comune finder.

Routing convention, for every routable page of the site (RoutablePageMixin): each route method of the
page model is a one-liner that hands over to a function of its app's ``views.py`` with the signature
``view(request, page, **kwargs)`` (``kwargs`` are the route's URL parameters); the view does the work
and returns the response, usually ``page.render(request, context_overrides=...)`` or another
TemplateResponse, or an HttpResponse (feeds, exports, redirects). Models keep only data and URL
helpers (``reverse_subpage``); views import the models, so ``models.py`` imports ``views`` at its end.
"""

import csv
import re

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language

from core.models import Comune
from core.models.taxonomy import normalize_name
from core.sections import province_index as core_province_index
from practices.catalogue import PER_PAGE, SORTS, Catalogue
from practices.coverage import coverage_by_macro_area
from practices.open_data import CSV_FIELDS, LICENCE, SCHEMA, record_for

MAX_COMUNE_QUERY = 100
SUGGESTIONS = 10


def catalogue(request, page):
    cat = Catalogue(page, request.GET, get_language())
    cat.compute_facet_counts()
    paginator = Paginator(cat.results(), PER_PAGE)
    paginator.count = cat.total  # already counted with the facets: saves a COUNT query
    page_obj = paginator.get_page(request.GET.get("page"))
    query_string = cat.query_string()
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
            "coverage": coverage_by_macro_area(page.locale),
        },
    )
    if cat.is_filtered() or request.GET:
        add_never_cache_headers(response)
    return response


def _export_records(request, page):
    cat = Catalogue(page, request.GET, get_language())
    queryset = cat.results().prefetch_related("partner_provinces")
    index_url = request.build_absolute_uri(page.url)
    language = get_language()
    return [record_for(practice, index_url, language, cat.theme_names) for practice in queryset], cat


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
                value = "; ".join(value)
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
    text = (text or "").strip()[:MAX_COMUNE_QUERY]
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


def comune_finder(request, page):
    """“Trova il tuo Comune”: a plain GET form; one match goes straight to the Province's page."""
    text = (request.GET.get("comune") or "").strip()[:MAX_COMUNE_QUERY]
    matches, exact = find_comuni(text) if text else ([], False)
    province_index = core_province_index(page.locale)
    if exact and len(matches) == 1 and province_index is not None:
        return HttpResponseRedirect(f"{province_index.url}{matches[0].province.slug}/")
    response = TemplateResponse(
        request,
        "practices/comune_finder.html",
        {
            "page": page,
            "self": page,
            "comune_query": text,
            "matches": matches,
            "exact": exact,
            "province_index_url": province_index.url if province_index else "",
        },
    )
    add_never_cache_headers(response)
    return response


def comune_suggestions(request, page):
    """Up to ten Comuni starting with (then containing) the typed text, as JSON, for the finder's list."""
    normalized = normalize_name((request.GET.get("q") or "")[:MAX_COMUNE_QUERY])
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

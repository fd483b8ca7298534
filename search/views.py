"""The site-wide search page: live, public pages of the current site in the active language, and documents."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from wagtail.contrib.search_promotions.models import Query

from search import service
from search.models import NoResultsDailyHits


def record(query, language, total):
    """Count the search for the editors' report (Wagtail's daily hits), and note it if it found nothing."""
    stored = Query.get(query)
    stored.add_hit()
    if total == 0:
        NoResultsDailyHits.add_hit(stored, language)


def search(request):
    query = service.clean_query(request.GET.get("q"))
    operator = "or" if request.GET.get("op") == "or" else "and"
    selected_type = request.GET.get("tipo") or ""
    context = {"search_query": query, "operator": operator, "selected_type": selected_type}

    if not query:
        context.update(service.helpful_links(request))
        return TemplateResponse(request, "search/search.html", context)

    hits, content_types = service.find(request, query, operator)
    facets = service.facets(hits, content_types)
    if selected_type not in {key for key, _label, _count in facets}:
        selected_type = ""
    shown = [hit for hit in hits if hit.type_key == selected_type] if selected_type else hits
    results = Paginator(shown, service.RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    results.object_list = service.hydrate(request, list(results.object_list))
    context.update(
        results=results,
        total=len(hits),
        truncated=len(hits) >= service.MAX_HITS,
        facets=facets,
        selected_type=selected_type,
        promotions=service.promotions(request, query) if results.number == 1 else [],
        terms=query.split(),
        places=service.place_shortcuts(request, query) if results.number == 1 and not selected_type else [],
    )
    if not hits:
        context.update(
            **service.helpful_links(request),
            or_count=len(service.find(request, query, "or")[0])
            if operator == "and" and len(query.split()) > 1
            else 0,
            similar=service.hydrate(request, service.fuzzy_hits(request, query)),
        )
    if request.GET.get("page", "1") == "1" and not selected_type and operator == "and":
        record(query, service.search_language(), len(hits) + len(context["places"]))
    response = TemplateResponse(request, "search/search.html", context)
    add_never_cache_headers(response)
    return response

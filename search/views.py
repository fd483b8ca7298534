"""The site-wide search page: live, public pages of the current site in the active language, and documents.

A search writes nothing to the database: it notes itself in the cache for the editors' report
(``search.counters``, flushed by ``flush_search_counts``).
"""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from search import counters, service, vocabulary


def search(request):
    query = service.clean_query(request.GET.get("q"))
    operator = "or" if request.GET.get("op") == "or" else "and"
    selected_type = request.GET.get("tipo") or ""
    context = {"search_query": query, "operator": operator, "selected_type": selected_type}

    if not query:
        context.update(service.helpful_links(request))
        return TemplateResponse(request, "search/search.html", context)

    found = service.Search(request, query, operator)
    facets = found.facets()
    if selected_type not in {key for key, _label, _count in facets}:
        selected_type = ""
    results = Paginator(found.hits(selected_type), service.RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    results.object_list = service.hydrate(request, list(results.object_list))
    first_page = results.number == 1
    context.update(
        results=results,
        total=found.total,
        truncated=found.total > service.MAX_HITS,
        max_hits=service.MAX_HITS,
        facets=facets,
        selected_type=selected_type,
        promotions=service.promotions(request, query) if first_page else [],
        terms=query.split(),
        places=service.place_shortcuts(request, query) if first_page and not selected_type else [],
        suggestion=vocabulary.suggest(query, service.search_language()) if first_page else "",
    )
    if not found.total:
        context.update(
            **service.helpful_links(request, with_home_sections=False),
            any_word=operator == "and" and len(query.split()) > 1,
        )
    if request.GET.get("page", "1") == "1" and not selected_type and operator == "and":
        counters.note(request, query, service.search_language(), found.total + len(context["places"]))
    response = TemplateResponse(request, "search/search.html", context)
    add_never_cache_headers(response)
    return response

"""The site-wide search page: live, public pages of the current site in the active language."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from wagtail.models import Locale, Page, Site

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def search(request):
    query = (request.GET.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    results = None
    if query:
        site = Site.find_for_request(request)
        pages = Page.objects.live().public().filter(locale=Locale.get_active())
        if site is not None:
            root = site.root_page.localized
            pages = pages.descendant_of(root, inclusive=True)
        results = Paginator(pages.search(query), RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    response = TemplateResponse(request, "search/search.html", {"search_query": query, "results": results})
    if query:
        add_never_cache_headers(response)
    return response

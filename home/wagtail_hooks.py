"""What the base's pages offer the other apps, through the hooks of ``core.sections``."""

from wagtail import hooks

from core.request_cache import is_restricted, top_pages
from home.models import SectorPage, SitemapPage, province_index_for_locale

hooks.register("province_index", province_index_for_locale)


@hooks.register("search_helpful_links")
def sectors_and_site_map(request, pages, home):
    """For the search page without results: the sector pages, and the site map among the sections."""
    return {
        "sectors": list(
            SectorPage.objects.filter(pk__in=pages.values("pk"))
            .select_related("sector")
            .order_by("sector__sort_order")
        ),
        "sections": [
            page
            for page in top_pages(home.locale)  # the top of the tree, loaded for the page's menu already
            if isinstance(page, SitemapPage)
            and page.depth == home.depth + 1
            and page.path.startswith(home.path)
            and not is_restricted(page)
        ]
        if home is not None
        else [],
    }

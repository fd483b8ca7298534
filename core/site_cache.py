"""The sites, their settings, the top of the page tree and the taxonomy, kept in the shared cache like
Wagtail keeps the sites' root paths.

Every request asks which site it is for (Wagtail's ``Site.find_for_request``), every page shows the site's
settings in its footer and its menu from the top of the tree (``core.request_cache.all_top_pages``), and
the pages that list practices, news or documents show the Provinces, sectors and themes (``taxonomy``). A
request reads each from the shared cache once (``core.request_cache``). They change only when an editor
changes a site, its settings, a page, an image (the funding strip), a Province, a sector or a theme, and
each of those changes drops the copies (``forget``, connected in ``CoreConfig.ready``), so the next request
reads them again.

The sites are kept as one list (a handful of rows), matched to the request's host in Python exactly as
Wagtail's ``get_site_for_hostname`` does in SQL: the cache never holds an entry per host name a client
sends.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from core.request_cache import forget as forget_in_request
from core.request_cache import remember

SITES_KEY = "core-sites"
SETTINGS_KEY = "core-site-settings"  # {site id: the site's SiteSettings}
TOP_PAGES_KEY = "core-top-pages"  # the pages at the top of the tree (core.request_cache.all_top_pages)
TAXONOMY_KEYS = {kind: f"core-{kind}" for kind in ("provinces", "sectors", "themes")}  # (``taxonomy``)
KEYS = [SITES_KEY, SETTINGS_KEY, TOP_PAGES_KEY, *TAXONOMY_KEYS.values()]
SHARED_CACHE_SECONDS = 24 * 3600
# Without Redis each server process has its own memory cache, which another process's change cannot
# reach: there the copies last half a minute.
LOCAL_CACHE_SECONDS = 30


def cache_seconds():
    return SHARED_CACHE_SECONDS if getattr(settings, "REDIS_URL", "") else LOCAL_CACHE_SECONDS


wagtail_get_site_for_hostname = None  # Wagtail's own, in SQL

wagtail_get_site_for_hostname = None  # Wagtail's own, in SQL

MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT, MATCH_DEFAULT, MATCH_HOSTNAME = 0, 1, 2, 3


def all_sites():
    """Every site with its root page, in Wagtail's order (from the cache, or one query)."""
    from wagtail.models import Site

    def load():
        sites = cache.get(SITES_KEY)
        if sites is None:
            sites = list(Site.objects.select_related("root_page"))
            cache.set(SITES_KEY, sites, cache_seconds())
        return sites

    return remember(SITES_KEY, load)


def _match(site, hostname, port):
    if site.hostname == hostname and site.port == port:
        return MATCH_HOSTNAME_PORT
    if site.hostname == hostname and site.is_default_site:
        return MATCH_HOSTNAME_DEFAULT
    if site.is_default_site:
        return MATCH_DEFAULT
    return MATCH_HOSTNAME


def get_site_for_hostname(hostname, port):
    """Wagtail's ``get_site_for_hostname`` over the cached list of sites."""
    from wagtail.models import Site

    try:
        port = int(port)  # the request's port is a string; Wagtail's SQL compares it as a number
    except (TypeError, ValueError):
        port = None
    candidates = [site for site in all_sites() if site.hostname == hostname or site.is_default_site]
    sites = sorted(candidates, key=lambda site: _match(site, hostname, port))  # stable: Wagtail's order
    if sites:
        best = _match(sites[0], hostname, port)
        if len(sites) == 1 or best in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT):
            return sites[0]
        if best == MATCH_DEFAULT:
            return sites[len(sites) == 2]
    raise Site.DoesNotExist()


def forget(sender=None, instance=None, **kwargs):
    """Drop the cached copies when a site, its settings, a page, an image, a Province, a sector, a theme or a
    locale (the top pages carry their language) changes."""
    from wagtail.models import Locale, Page, Site

    from core.models import Province, Sector, SiteImage, SiteSettings, Theme

    kept = (Page, Site, SiteImage, SiteSettings, Province, Sector, Theme, Locale)
    if instance is None or isinstance(instance, kept):
        forget_in_request()
        cache.delete_many(KEYS)
        # Again when the change is committed: a request between the save and the commit reads the old
        # rows and would keep them in the cache.
        transaction.on_commit(lambda: cache.delete_many(KEYS))


def taxonomy(kind):
    """``"provinces"``: the Provinces in name order; ``"sectors"``, ``"themes"``: those of every language, in
    their order. From the cache, or one query. The catalogue's filters, the cards and the forms list them on
    every page that shows practices."""
    from core.models import Province, Sector, Theme

    key = TAXONOMY_KEYS[kind]

    def load():
        found = cache.get(key)
        if found is None:
            if kind == "provinces":
                found = list(Province.objects.order_by("name"))
            else:
                found = list(
                    {"sectors": Sector, "themes": Theme}[kind].objects.order_by("sort_order", "name")
                )
            cache.set(key, found, cache_seconds())
        return found

    return remember(key, load)


def site_settings(site):
    """The site's ``SiteSettings`` (from the cache, or one query)."""
    from core.models import SiteSettings

    def load():
        by_site = cache.get(SETTINGS_KEY) or {}
        if site.pk not in by_site:
            by_site[site.pk] = SiteSettings.for_site(site)
            cache.set(SETTINGS_KEY, by_site, cache_seconds())
        return by_site[site.pk]

    return remember(f"{SETTINGS_KEY}-{site.pk}", load)


def install():
    """Wagtail's site look-up reads the cached sites; changes drop the copies (``CoreConfig.ready``)."""
    from django.db.models.signals import post_delete, post_save

    from wagtail.models import sites
    from wagtail.signals import page_unpublished, post_page_move

    global wagtail_get_site_for_hostname
    if wagtail_get_site_for_hostname is None:
        wagtail_get_site_for_hostname = sites.get_site_for_hostname
        sites.get_site_for_hostname = get_site_for_hostname
    for signal in (post_save, post_delete, page_unpublished, post_page_move):
        signal.connect(forget, weak=False, dispatch_uid=f"core-site-cache-{id(signal)}")

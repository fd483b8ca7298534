"""What every part of a page asks the database for again and again, asked once per request.

The header, the footer, the sections of the home and Province pages and Wagtail itself each look up the
active ``Locale``, a page's ``locale`` and the view restrictions (every ``.public()``). They are small tables
that change only when an editor changes them, so ``RequestCacheMiddleware`` keeps one copy of each for the
duration of a request (a context variable: nothing outlives the request, nothing is shared between
requests or threads), and:

- ``Locale.objects.get_for_language`` (so ``Locale.get_active()`` and ``get_default()``) and
  ``page.locale`` read the request's copy of the locale table: one query per request instead of one per
  call;
- ``PageQuerySet.public()`` / ``not_public()`` build their filter from the request's copy of the view
  restrictions: one query per request instead of one per call;
- ``is_restricted(page)`` answers “is this page in a private section?” from the same copy;
- ``Site.get_site_root_paths()``, which Wagtail reads from the shared cache for every page URL it builds
  (a round trip to Redis each time: some twenty per catalogue page), is read once per request.

Saving or deleting a locale, a view restriction or a page drops the copies, so a request that changes one
reads the new state afterwards. Outside a request (commands, shell, tests that call a view directly) nothing
is kept unless the code runs inside ``request_cache()``.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import F, Q
from django.db.models.fields.related_descriptors import ForwardManyToOneDescriptor

_store = ContextVar("request_cache", default=None)


@contextmanager
def request_cache():
    """Keep the per-request copies for the duration of the block."""
    token = _store.set({})
    try:
        yield
    finally:
        _store.reset(token)


class RequestCacheMiddleware:
    """Opens the request's cache (see the module's docstring); first in ``MIDDLEWARE``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_cache():
            return self.get_response(request)


def active():
    """Whether the code runs in a request (or a ``request_cache()`` block)."""
    return _store.get() is not None


def remember(key, compute):
    """``compute()`` once per request for ``key`` (every time outside a request)."""
    store = _store.get()
    if store is None:
        return compute()
    if key not in store:
        store[key] = compute()
    return store[key]


def forget(**kwargs):
    """Drop every copy (a locale, a view restriction or a page was saved or deleted)."""
    store = _store.get()
    if store:
        store.clear()


# Locales ------------------------------------------------------------------------------------------------


def _locales(complete=False):
    """The locales by code and by id: those of the pages at the top of the tree (read with them, no query of
    their own), or, when a locale is asked for that has no live page there, the whole table (one query)."""
    from wagtail.models import Locale

    def index(locales):
        return {
            "code": {locale.language_code: locale for locale in locales},
            "id": {locale.pk: locale for locale in locales},
        }

    def from_top_pages():
        seen = {}
        for page in all_top_pages():
            if page.locale_id not in seen:
                seen[page.locale_id] = Locale.from_db(
                    Locale.objects.db, ["id", "language_code"], [page.locale_id, page.locale_code]
                )
        return index(seen.values())

    if complete:
        return remember("locales-all", lambda: index(list(Locale.objects.all())))
    return remember("locales", from_top_pages)


def _get_for_language(manager, language_code):
    from wagtail.coreutils import get_supported_content_language_variant

    if _store.get() is None:
        return _original_get_for_language(manager, language_code)
    code = get_supported_content_language_variant(language_code)
    for complete in (False, True):
        locale = _locales(complete)["code"].get(code)
        if locale is not None:
            return locale
    raise manager.model.DoesNotExist(f"No locale for {code!r}")


class _LocaleDescriptor(ForwardManyToOneDescriptor):
    """``page.locale`` from the request's copy of the locale table."""

    def get_object(self, instance):
        if _store.get() is not None:
            for complete in (False, True):
                locale = _locales(complete)["id"].get(instance.locale_id)
                if locale is not None:
                    return locale
        return super().get_object(instance)


# View restrictions --------------------------------------------------------------------------------------


def page_restrictions():
    """Every page view restriction, with its page (one query per request)."""
    from wagtail.models import PageViewRestriction

    return remember("page-restrictions", lambda: list(PageViewRestriction.objects.select_related("page")))


def _private_q(queryset):
    q = Q()
    for restriction in page_restrictions():
        q |= queryset.descendant_of_q(restriction.page, inclusive=True)
    return q if q else Q(pk__in=[])  # no private section: match no page


def is_restricted(page):
    """Whether the page is in a private section (itself or an ancestor has a view restriction)."""
    if page.alias_of_id:  # an alias follows its source's restrictions
        return page.get_view_restrictions().exists()
    return any(page.path.startswith(restriction.page.path) for restriction in page_restrictions())


# Installation -------------------------------------------------------------------------------------------

_original_get_for_language = None
_original_route_for_request = None
_original_site_root_paths = None
_original_clear_site_root_paths = None


def _site_root_paths():
    return remember("site-root-paths", _original_site_root_paths)


def _clear_site_root_paths():
    store = _store.get()
    if store:
        store.pop("site-root-paths", None)
    _original_clear_site_root_paths()


def install():
    """Route Wagtail's locale look-ups and ``.public()`` through the request's copies (``CoreConfig.ready``)."""
    global _original_get_for_language
    from django.db.models.signals import post_delete, post_save

    from wagtail.models import Locale, Page, PageViewRestriction, Site
    from wagtail.models.i18n import LocaleManager
    from wagtail.query import PageQuerySet

    from core.models import Province

    if _original_get_for_language is None:
        global _original_route_for_request
        _original_route_for_request = Page.route_for_request
        Page.route_for_request = staticmethod(_route_for_request)
        _original_get_for_language = LocaleManager.get_for_language
        LocaleManager.get_for_language = _get_for_language
        Page.locale = _LocaleDescriptor(Page._meta.get_field("locale"))
        PageQuerySet.private_q = _private_q
        global _original_site_root_paths, _original_clear_site_root_paths
        _original_site_root_paths = Site.get_site_root_paths
        _original_clear_site_root_paths = Site.clear_site_root_paths_cache
        Site.get_site_root_paths = staticmethod(_site_root_paths)
        Site.clear_site_root_paths_cache = staticmethod(_clear_site_root_paths)

    for name, signal in (("saved", post_save), ("deleted", post_delete)):
        for sender in (Locale, PageViewRestriction, Province, Site):
            signal.connect(forget, sender=sender, dispatch_uid=f"request-cache-{name}-{sender.__name__}")
        signal.connect(_forget_on_page_change, dispatch_uid=f"request-cache-{name}-page")


def _forget_on_page_change(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        forget()


# The top of the tree -------------------------------------------------------------------------------------


def all_top_pages():
    """The live pages at depth 2 and 3 (the home pages and their children) of every locale, in tree order.

    The header, the footer, the breadcrumbs, the language switcher and the sections that link to an index
    page (newsroom, events, catalogue, Provinces) all find their pages here: one query per request. The
    pages are specific instances with their own fields deferred (Wagtail's ``specific(defer=True)``): use
    them for titles, URLs and the tree, and load the page itself to read its content.

    They are kept in the shared cache with the sites (``core.site_cache``), and dropped with them whenever a
    page changes: a request unpickles them (about 1 ms for some thirty pages) instead of querying and
    building each page anew (about 5 ms).
    """
    from django.core.cache import cache

    from wagtail.models import Page

    from core.site_cache import TOP_PAGES_KEY, cache_seconds

    def query():
        pages = list(
            Page.objects.live()
            .filter(depth__in=(2, 3))
            .annotate(locale_code=F("locale__language_code"))  # the request's locales (see _locales)
            .order_by("path")
            .specific(defer=True)
        )
        for page in pages:
            page._top_of_tree = True  # its own fields are deferred: see fully_loaded()
        return pages

    def load():
        pages = cache.get(TOP_PAGES_KEY)
        if pages is None:
            pages = query()
            cache.set(TOP_PAGES_KEY, pages, cache_seconds())
        return pages

    return remember("top-pages", load)


def top_pages(locale):
    """The live pages of a locale at depth 2 and 3 (its home page and the home's children), in tree order."""
    return [page for page in all_top_pages() if page.locale_id == locale.pk]


def menu_pages(home):
    """The home page's children shown in the menu, public ones only, in tree order (the main menu, the
    footer, the search's helpful links)."""
    return [
        page
        for page in top_pages(home.locale)
        if page.depth == home.depth + 1
        and page.path.startswith(home.path)
        and page.show_in_menus
        and not is_restricted(page)
    ]


def top_page_of_type(model, locale):
    """The first live page of ``model`` at the top of the locale's tree, or None."""
    return next((page for page in top_pages(locale) if isinstance(page, model)), None)


# Routing from the top of the tree ------------------------------------------------------------------------


def _route_for_request(request, path):
    """Wagtail's ``Page.route_for_request``, starting from the request's copy of the site's home page.

    Wagtail loads the site's root page, its translation in the active language (``.localized``) and then
    its specific page before routing: up to two queries that the top of the tree already answers. The home
    page is only loaded whole when it is the page served (``fully_loaded``). Outside a request, or when the
    active language has no live home page of its own, Wagtail's routing runs unchanged.
    """
    from django.http import Http404

    from wagtail.models import Locale, Site

    if _store.get() is None or hasattr(request, "_wagtail_route_for_request"):
        return _original_route_for_request(request, path)
    site = Site.find_for_request(request)
    if site is None:
        return _original_route_for_request(request, path)
    try:
        locale = Locale.get_active()
    except (LookupError, Locale.DoesNotExist):
        return _original_route_for_request(request, path)
    root = site.root_page
    home = next(
        (
            page
            for page in top_pages(locale)
            if page.depth == root.depth and page.translation_key == root.translation_key
        ),
        None,
    )
    if home is None:
        return _original_route_for_request(request, path)
    components = [component for component in path.split("/") if component]
    try:
        request._wagtail_route_for_request = fully_loaded(home.route(request, components))
    except Http404:
        request._wagtail_route_for_request = None
    return request._wagtail_route_for_request


def fully_loaded(route_result):
    """The route's page loaded whole when it is the request's deferred copy from the top of the tree."""
    page = route_result[0]
    if not getattr(page, "_top_of_tree", False):
        return route_result
    from wagtail.url_routing import RouteResult

    model = type(page)
    queryset = model.objects.filter(pk=page.pk)
    if hasattr(model, "served_queryset"):
        queryset = model.served_queryset(queryset)
    loaded = queryset.get()
    if "_cached_parent_obj" in page.__dict__:
        loaded._cached_parent_obj = page._cached_parent_obj
    args = list(route_result[1])
    if args and getattr(args[0], "__self__", None) is page:  # a routable page's view, bound to the copy
        args[0] = getattr(loaded, args[0].__name__)
    return RouteResult(loaded, args=args, kwargs=route_result[2])

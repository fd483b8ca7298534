"""The anonymous page cache: public pages stored in the shared cache, purged on every content change.

What is stored: the answer to a GET for a public page (Wagtail's page serving, the sitemap and robots.txt)
by an anonymous visitor: no query string, no session or messages cookie, a 200 response that sets no
cookie and asks for no private caching. Everything else (the admin, logged-in editors and members,
previews, GET forms with parameters, the site search, POSTs, restricted pages, the reserved areas, the
mapping questionnaire, document downloads) goes through the site as usual and is sent with
``Cache-Control: private, no-cache`` unless the view chose its own header.

Purge: one generation token for the whole site (``page-cache:generation``). An entry is valid only while
the token it was stored under is the current one; any change to what a page can show (a page published,
unpublished, moved or deleted, a snippet, a setting, a document, an image, a collection, a view
restriction) replaces the token, so every entry of every page is stale at once, in every process sharing
the cache. A page shows far more than itself (menus, the footer, the home blocks, the listings of the
indexes and of the Province pages, feeds, the sitemap), so tracking what lists what would be fragile;
edits are rare and a page is rendered again on its first visit after one. The token is replaced at once
and again when the transaction commits (a visitor served between the two would otherwise store the old
version under the new token), and the reverse proxy configured in ``WAGTAILFRONTENDCACHE`` is purged then.

Conditional GET: every stored page has an ETag (a hash of its body); a request whose ``If-None-Match``
names it is answered 304 with no body, from the cache.
"""

import hashlib
import logging
import threading
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.utils.cache import get_conditional_response, patch_cache_control

logger = logging.getLogger("core.page_cache")

GENERATION_KEY = "page-cache:generation"
KEY_PREFIX = "page-cache:page:"
# URL names (resolver_match.url_name) whose answers may be stored: every Wagtail page, the sitemap, robots.
CACHED_URL_NAMES = {"wagtail_serve", "sitemap", "robots_txt"}
# Request cookies that make a request personal: a login (or a page password) and pending messages.
PERSONAL_COOKIES = ("messages",)
HEADER = "X-Page-Cache"


def seconds():
    """How long a page is kept (``PAGE_CACHE_SECONDS``); 0 disables the cache."""
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


def browser_seconds():
    return int(getattr(settings, "PAGE_CACHE_BROWSER_SECONDS", 0) or 0)


def public_cache_control():
    """The header of a cached page: browsers keep it briefly, shared caches (purged on change) longer."""
    return f"public, max-age={min(browser_seconds(), seconds())}, s-maxage={seconds()}"


def request_key(request):
    """The cache key of ``request``, or None when its answer must not come from (or go to) the cache."""
    if request.method not in ("GET", "HEAD") or request.META.get("QUERY_STRING"):
        return None
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or any(name in cookies for name in PERSONAL_COOKIES):
        return None
    if request.path_info.startswith("/admin/"):
        return None
    try:
        host = request.get_host()
    except Exception:  # noqa: BLE001 - a disallowed host is answered by Django itself, uncached
        return None
    identity = f"{request.scheme}://{host}{request.path}"
    return KEY_PREFIX + hashlib.sha256(identity.encode()).hexdigest()


def current_generation(found=None):
    """The site's generation token, created when missing (a new cache, or evicted)."""
    generation = found if found is not None else cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def lookup(key):
    """``(entry, generation)``: the stored entry if still valid (else None), and the current generation."""
    found = cache.get_many([GENERATION_KEY, key])
    generation = current_generation(found.get(GENERATION_KEY))
    entry = found.get(key)
    if entry is not None and entry["generation"] == generation:
        return entry, generation
    return None, generation


def is_cacheable(request, response):
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name not in CACHED_URL_NAMES:
        return False
    if response.cookies or response.has_header("Set-Cookie"):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if getattr(request, "is_preview", False):
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(word in control for word in ("private", "no-cache", "no-store", "max-age=0"))


def _vary_without_language(response):
    """Pages are in the language of their address (``i18n_patterns``), never of ``Accept-Language``:
    ``LocaleMiddleware`` still names it in ``Vary`` for the unprefixed Italian addresses, which would
    split a shared cache by every browser's language list."""
    if response.has_header("Vary"):
        kept = [v.strip() for v in response["Vary"].split(",") if v.strip().lower() != "accept-language"]
        if kept:
            response["Vary"] = ", ".join(kept)
        else:
            del response["Vary"]


def store(key, generation, response):
    _vary_without_language(response)
    response["Cache-Control"] = public_cache_control()
    response["ETag"] = '"' + hashlib.md5(response.content, usedforsecurity=False).hexdigest() + '"'
    entry = {
        "generation": generation,
        "status": response.status_code,
        "headers": [(k, v) for k, v in response.items() if k.lower() != HEADER.lower()],
        "content": response.content,
    }
    cache.set(key, entry, seconds())


def rebuild(entry):
    from django.http import HttpResponse

    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    return response


class PageCacheMiddleware:
    """Answers anonymous requests for public pages from the cache, and stores what it may.

    It sits right after WhiteNoise, so a hit costs no session, no locale, no URL resolution, no database.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = request_key(request) if seconds() > 0 else None
        if key is None:
            response = self.get_response(request)
            if seconds() > 0:
                self.mark_private(request, response)
            return response
        entry, generation = lookup(key)
        if entry is not None:
            return self.answer(request, rebuild(entry), "hit")
        response = self.get_response(request)
        if is_cacheable(request, response):
            store(key, generation, response)
            return self.answer(request, response, "miss")
        self.mark_private(request, response)
        return response

    @staticmethod
    def answer(request, response, state):
        """The page, or 304 Not Modified when the request's ``If-None-Match`` names its ETag."""
        response = get_conditional_response(request, etag=response["ETag"], response=response)
        response[HEADER] = state
        return response

    @staticmethod
    def mark_private(request, response):
        """Whatever is not cached here is no one else's to cache, unless its view said otherwise."""
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)


# Purge ------------------------------------------------------------------------------------------------

_state = threading.local()


def invalidate():
    """Makes every stored page stale in this cache (no reverse proxy, no waiting for a commit)."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def purge(reason=""):
    """Makes every stored page stale now, and again (with the reverse proxy) when the transaction commits.

    Also with the page cache off: the shared fragments (``fragment_cache``) are stored under the same token.
    """
    invalidate()
    _state.requested = getattr(_state, "requested", 0) + 1
    transaction.on_commit(_purge_after_commit)
    logger.debug("Page cache purged: %s", reason)


def _purge_after_commit():
    # One purge per transaction, however many objects it changed.
    requested = getattr(_state, "requested", 0)
    if getattr(_state, "flushed", 0) >= requested:
        return
    _state.flushed = requested
    invalidate()
    purge_frontend_cache()


def purge_frontend_cache():
    """Asks the reverse proxy (``WAGTAILFRONTENDCACHE``) to drop the pages of every site.

    The proxy's configuration (``deploy/varnish/default.vcl``) drops everything of the site on any purge
    request, for the same reason as the generation token above.
    """
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
    from wagtail.models import Site

    try:
        urls = [site.root_url + "/" for site in Site.objects.all()]
    except DatabaseError:  # the tables are not there yet (a migration being applied)
        logger.warning("Reverse proxy not purged: the sites could not be read.", exc_info=True)
        return
    purge_urls_from_cache(urls)


# What changes a page: the receivers, connected by CoreConfig.ready() ---------------------------------------

# Page fields that a draft, a lock or a workflow step saves: they change nothing a visitor sees.
DRAFT_FIELDS = {
    "has_unpublished_changes",
    "draft_title",
    "latest_revision",
    "latest_revision_created_at",
    "locked",
    "locked_at",
    "locked_by",
}
# Models of the site's apps whose rows never show on a public page, or change as pages are visited.
NOT_CONTENT = {
    "core.siterendition",
    "core.comune",
    "core.italiancomune",
    "core.provincegroup",
    "mapping.interviewnote",
    "mapping.questionnaireversion",
}
NOT_CONTENT_APPS = {"search", "feedback"}
PROJECT_APPS = {"core", "home", "resources", "news", "events", "practices", "mapping"}
WAGTAIL_CONTENT = {
    "wagtailcore.site",
    "wagtailcore.collection",
    "wagtailcore.pageviewrestriction",
    "wagtailcore.collectionviewrestriction",
    "wagtailcore.locale",
}


def _is_content_model(model):
    """Is a saved or deleted row of ``model`` a change of what the public pages show?"""
    from django.apps import apps as global_apps

    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page
    from wagtail.snippets.models import get_snippet_models

    if model._meta.apps is not global_apps:
        return False  # a migration's historical model: no page is served from that state
    if issubclass(model, Page):
        return False  # pages have their own rules (on_save, on_delete, the page signals)
    meta = model._meta
    label = meta.label_lower
    if label in WAGTAIL_CONTENT or model in (get_document_model(), get_image_model()):
        return True
    if model in get_snippet_models():
        return True
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

    if issubclass(model, BaseSiteSetting | BaseGenericSetting):
        return True
    if meta.app_label not in PROJECT_APPS or label in NOT_CONTENT or meta.app_label in NOT_CONTENT_APPS:
        return False
    # A page's own rows (orderables, related links) are published with the page: its signal covers them.
    from modelcluster.fields import ParentalKey

    return not any(isinstance(field, ParentalKey) for field in meta.get_fields())


_content_models = {}


def is_content_model(model):
    if model not in _content_models:
        _content_models[model] = _is_content_model(model)
    return _content_models[model]


def on_save(sender, instance, update_fields=None, raw=False, **kwargs):
    from wagtail.models import Page

    if raw:
        return
    if isinstance(instance, Page):
        # Pages are purged when published, unpublished, moved or deleted; a page saved outside those
        # (created live by code, changed by a script) is purged too, a draft or a lock is not.
        if update_fields is not None and set(update_fields) <= DRAFT_FIELDS:
            return
        if instance.live:
            purge(f"page {instance.pk} saved")
        return
    if is_content_model(sender):
        purge(f"{sender._meta.label} saved")


def on_delete(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page) or is_content_model(sender):
        purge(f"{sender._meta.label} deleted")


def on_page_event(sender, instance=None, **kwargs):
    purge(f"page {getattr(instance, 'pk', '')} {sender.__name__ if isinstance(sender, type) else ''}")


def connect():
    from django.db.models.signals import post_delete, post_save

    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(on_save, dispatch_uid="page-cache-save")
    post_delete.connect(on_delete, dispatch_uid="page-cache-delete")
    page_published.connect(on_page_event, dispatch_uid="page-cache-published")
    page_unpublished.connect(on_page_event, dispatch_uid="page-cache-unpublished")
    post_page_move.connect(on_page_event, dispatch_uid="page-cache-moved")


# Shared fragments --------------------------------------------------------------------------------------


def fragment_cache(request):
    """What Django's ``{% cache %}`` needs to keep a fragment that is the same on every page of a site in one
    language (the footer): ``seconds`` to keep it and ``key``, the site, the language and the generation
    token above, so that every content change (the purge) renders it again. It is kept whether or not the
    page cache is on, and serves logged-in visitors and previews too: nothing in it depends on them."""
    from django.utils.translation import get_language

    from wagtail.models import Site

    from core.request_cache import remember
    from core.site_cache import cache_seconds

    site = Site.find_for_request(request) if request is not None else None
    generation = remember("page-cache-generation", current_generation)
    return {
        # As the sites and their settings: half a minute without Redis, where a purge in another process
        # (the admin's) cannot reach this one's memory.
        "seconds": cache_seconds(),
        "key": f"{site.pk if site else 0}:{get_language()}:{generation}",
    }

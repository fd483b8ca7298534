"""Template tags of the site's chrome: menu, language switcher, breadcrumbs, slots."""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils.translation import get_language, gettext

from wagtail.models import Locale, Page

from core import page_cache
from core.models import SiteSettings
from core.request_cache import all_top_pages, menu_pages, top_page_of_type, top_pages
from core.structured_data import breadcrumb_list, json_ld_script, organization
from home.models import HomePage, province_index_for_locale

register = template.Library()

LANGUAGE_SHORT = {"it": "ITA", "en": "ENG"}


def _cached(request, key, compute):
    """Memoise per request: the header, footer and listings ask for the same things."""
    if request is None:
        return compute()
    cache = request.__dict__.setdefault("_site_tags_cache", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


@register.simple_tag(takes_context=True)
def fragment_cache(context):
    """``{% fragment_cache as fragment %}{% cache fragment.seconds name fragment.key %}``: see
    ``core.page_cache.fragment_cache``."""
    return page_cache.fragment_cache(context.get("request"))


def _active_locale(request):
    return _cached(request, ("locale", get_language()), Locale.get_active)


@register.simple_tag(takes_context=True)
def site_home(context):
    """The home page of the active language (falls back to the default language's)."""
    request = context.get("request")

    def compute():
        home = top_page_of_type(HomePage, _active_locale(request))
        return home or HomePage.objects.live().order_by("path").first()

    return _cached(request, ("home", get_language()), compute)


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The menu pages: children of the localized home page marked “show in menus”, public ones only."""
    request = context.get("request")
    home = site_home(context)
    if home is None:
        return []

    return _cached(request, ("menu", home.pk), lambda: menu_pages(home))


@register.simple_tag(takes_context=True)
def is_active_section(context, menu_page):
    page = context.get("page")
    return bool(page and isinstance(page, Page) and page.path.startswith(menu_page.path))


@register.simple_tag(takes_context=True)
def language_links(context):
    """A link per language to the same content in that language, or to that language's home page."""
    request = context.get("request")
    page = context.get("page")
    current = get_language()

    def compute():
        translations = {}
        suffix = ""
        if isinstance(page, Page) and page.pk:
            if page.depth in (2, 3) and page.live:  # the top of the tree is loaded for the menu already
                found = [top for top in all_top_pages() if top.translation_key == page.translation_key]
            else:
                found = page.get_translations(inclusive=True).live().select_related("locale")
            for translation in found:
                translations[translation.locale.language_code] = translation
            page_url = page.url or ""
            if request is not None and page_url and request.path.startswith(page_url):
                suffix = request.path[len(page_url) :]
        links = []
        for code, name in settings.LANGUAGES:
            available = True
            if code in translations:
                url = (translations[code].url or "") + suffix
            elif isinstance(page, Page) and page.pk:
                home = (
                    next(
                        (
                            top
                            for top in all_top_pages()
                            if isinstance(top, HomePage) and top.locale.language_code == code
                        ),
                        None,
                    )
                    or HomePage.objects.live().filter(locale__language_code=code).first()
                )
                url = home.url if home else "/"
                available = False
            elif request is not None:
                url = translate_url(request.get_full_path(), code)
            else:
                url = "/"
            links.append(
                {
                    "code": code,
                    "name": name,
                    "short": LANGUAGE_SHORT.get(code, code.upper()),
                    "url": url,
                    "active": code == current,
                    "available": available,
                }
            )
        return links

    return _cached(request, ("languages", getattr(page, "pk", None), current), compute)


@register.simple_tag(takes_context=True)
def breadcrumbs(context):
    """Ancestors of the page below the root, home included."""
    page = context.get("page")
    if not isinstance(page, Page) or not page.pk:
        return []
    # The home page and its children come from the top of the tree the header has loaded already.
    top = {top_page.path: top_page for top_page in top_pages(page.locale)}
    paths = [page.path[:end] for end in range(2 * Page.steplen, len(page.path), Page.steplen)]
    if all(path in top for path in paths):
        return [top[path] for path in paths]
    return list(page.get_ancestors().filter(depth__gt=1).specific(defer=True))


@register.simple_tag(takes_context=True)
def breadcrumbs_json_ld(context, crumbs, current_crumb=""):
    """The breadcrumbs shown on the page as a schema.org BreadcrumbList data block (allowed by the CSP)."""
    request, page = context.get("request"), context.get("page")
    if request is None or not isinstance(page, Page) or not page.pk:
        return ""
    items = [
        (
            gettext("Home") if crumb.depth == 2 else crumb.title,
            request.build_absolute_uri(crumb.get_url(request)),
        )
        for crumb in crumbs
    ]
    page_url = request.build_absolute_uri(page.get_url(request))
    items.append((page.title, page_url))
    if current_crumb:
        items.append((current_crumb, request.build_absolute_uri(request.path)))
    return json_ld_script(breadcrumb_list(items))


@register.simple_tag(takes_context=True)
def home_json_ld(context):
    """The home page's schema.org Organization: UPI, with the project's website as its subject."""
    request, page = context.get("request"), context.get("page")
    if request is None or not isinstance(page, Page):
        return ""
    upi_url = SiteSettings.for_request(request).upi_url or "https://www.provinceditalia.it/"
    return json_ld_script(
        organization(
            upi_url,
            gettext("Le Province e il sistema dei servizi a supporto dei Comuni"),
            request.build_absolute_uri(page.get_url(request)),
            page.locale.language_code,
            description=page.search_description,
        )
    )


@register.simple_tag(takes_context=True)
def province_url(context, province):
    """The URL of a Province's page in the active language."""
    request = context.get("request")

    def index_url():
        index = province_index_for_locale(_active_locale(request))
        return index.url if index is not None else None

    # The URL, not the page: a list of practices asks for it once per card.
    url = _cached(request, ("province-index-url", get_language()), index_url)
    if url is None:
        return ""
    return url + f"{province.slug}/"


@register.simple_tag(takes_context=True)
def render_section(context, section):
    """Render a slot filled by another app (see core.sections)."""
    values = {"request": context.get("request"), "page": context.get("page"), **section.get("context", {})}
    return render_to_string(section["template"], values, request=context.get("request"))


@register.filter
def heading_level(level, default="h2"):
    return level if level in {"h2", "h3", "h4"} else default


@register.filter
def file_size(document):
    """A document's size in bytes (for |filesizeformat), or None when the file is missing."""
    try:
        return document.get_file_size() or None
    except (OSError, ValueError):
        return None


@register.filter
def file_extension(document):
    return (document.file_extension or "").upper()

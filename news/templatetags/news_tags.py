"""Template tags of the newsroom: structured data and share links."""

from urllib.parse import quote

from django import template
from django.conf import settings
from django.utils.translation import get_language

from wagtail.models import Locale

from core.models import Sector
from core.structured_data import json_ld_script

register = template.Library()


@register.simple_tag(takes_context=True)
def news_json_ld(context, page):
    """schema.org NewsArticle as a JSON-LD data block (not executed, so the CSP allows it)."""
    request = context["request"]
    url = request.build_absolute_uri(page.url)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "description": page.get_summary(),
        "datePublished": page.published_datetime.isoformat(),
        "inLanguage": page.locale.language_code,
        "mainEntityOfPage": url,
        "url": url,
        "publisher": {"@type": "Organization", "name": "UPI – Unione delle Province d'Italia"},
        "isPartOf": {"@type": "WebSite", "name": settings.WAGTAIL_SITE_NAME},
    }
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if page.province_id:
        data["author"] = {"@type": "GovernmentOrganization", "name": f"Provincia di {page.province.name}"}
    else:
        data["author"] = {"@type": "Organization", "name": "UPI – Unione delle Province d'Italia"}
    image = page.get_social_image()
    if image is not None:
        data["image"] = [request.build_absolute_uri(image.get_rendition("fill-1200x630").url)]
    return json_ld_script(data)


@register.simple_tag(takes_context=True)
def share_links(context, page):
    """Plain links to share a page: no third-party script, nothing loaded before a click."""
    request = context["request"]
    url = quote(request.build_absolute_uri(page.url), safe="")
    title = quote(page.title, safe="")
    return [
        {
            "name": "Facebook",
            "icon": "it-facebook",
            "href": f"https://www.facebook.com/sharer/sharer.php?u={url}",
        },
        {
            "name": "X (Twitter)",
            "icon": "it-twitter",
            "href": f"https://twitter.com/intent/tweet?url={url}&text={title}",
        },
        {
            "name": "LinkedIn",
            "icon": "it-linkedin",
            "href": f"https://www.linkedin.com/sharing/share-offsite/?url={url}",
        },
        {"name": "E-mail", "icon": "it-mail", "href": f"mailto:?subject={title}&body={url}"},
    ]


@register.simple_tag(takes_context=True)
def sector_label(context, sector):
    """A sector's name in the visitor's language (one query per request, whatever the listing's size)."""
    request = context.get("request")
    cache = request.__dict__.setdefault("_news_sector_labels", {}) if request is not None else {}
    language = get_language()
    if language not in cache:
        cache[language] = {s.code: s.label for s in Sector.of_locale(Locale.get_active())}
    return cache[language].get(sector.code, sector.label)

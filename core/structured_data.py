"""schema.org JSON-LD data blocks: not executed by the browser, so the strict CSP allows them."""

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe

# As Django's json_script: the JSON can never close the <script> element it lives in.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data):
    """``<script type="application/ld+json">`` with ``data`` escaped; empty when there is no data."""
    if not data:
        return ""
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


def breadcrumb_list(items):
    """schema.org BreadcrumbList of ``(name, absolute_url)`` pairs, from the home page to the current page."""
    if not items:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": str(name), "item": url}
            for position, (name, url) in enumerate(items, start=1)
        ],
    }


UPI_NAME = "Unione delle Province d'Italia"


def organization(upi_url, project_name, project_url, language, description=""):
    """schema.org Organization: UPI, with the project's website as its subject."""
    project = {
        "@type": "WebSite",
        "name": str(project_name),
        "url": project_url,
        "inLanguage": language,
        "publisher": {"@type": "Organization", "name": UPI_NAME},
    }
    if description:
        project["description"] = description
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": UPI_NAME,
        "alternateName": "UPI",
        "subjectOf": project,
    }
    if upi_url:
        data["url"] = upi_url
    return data

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

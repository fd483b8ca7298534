import json

from django import template
from django.utils.formats import date_format, time_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()

# Same escapes as Django's json_script: the JSON can never close the <script> element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _date(value):
    text = date_format(value, "j F Y")
    return text.lower() if get_language().startswith("it") else text  # Italian months take no capital


@register.simple_tag
def event_when(event):
    """“19 novembre 2020”, “3 marzo 2027, 10:00–12:30”, “2–3 marzo 2027” or “Da programmare”."""
    if event.start_date is None:
        return _("Da programmare")
    start = _date(event.start_date)
    if event.end_date and event.end_date != event.start_date:
        end = _date(event.end_date)
        if event.start_time:
            start += ", " + time_format(event.start_time, "H:i")
            if event.end_time:
                end += ", " + time_format(event.end_time, "H:i")
        return f"{start} – {end}"
    if event.start_time:
        start += ", " + time_format(event.start_time, "H:i")
        if event.end_time:
            start += "–" + time_format(event.end_time, "H:i")
    return start


@register.simple_tag
def json_ld(data):
    """A schema.org data block: not executed by the browser, so the strict CSP allows it."""
    if not data:
        return ""
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))

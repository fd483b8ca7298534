from django import template
from django.utils.formats import date_format, time_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.structured_data import json_ld_script

register = template.Library()


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
    return json_ld_script(data)

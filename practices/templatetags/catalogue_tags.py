"""The catalogue's filter panel: some 200 checkboxes with their counts, built in Python.

The panel is the same markup for every option; as a template loop it cost more than the rest of the page's
content together (every ``{{ }}`` resolves, escapes and localizes its value), here a fraction of that.
"""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def facet_options(facet):
    """The ``<li>`` of each option of a facet: a checkbox (checked when selected, disabled when it would give
    no practice) and its label with the number of practices it gives."""
    param = escape(facet.param)
    items = []
    for number, option in enumerate(facet.options, start=1):
        field_id = f"f-{param}-{number}"
        state = (" checked" if option["selected"] else "") + (" disabled" if option["disabled"] else "")
        items.append(
            f'<li class="form-check"><input type="checkbox" name="{param}" value="{escape(option["value"])}" '
            f'id="{field_id}"{state}><label for="{field_id}">{escape(option["label"])} '
            f'<span class="badge bg-light text-dark">{int(option["count"])}</span></label></li>'
        )
    return mark_safe("".join(items))  # noqa: S308 (every value above is escaped or a number)

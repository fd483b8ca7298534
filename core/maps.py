"""Italy's regions as an accessible SVG drawn on the server: no script, no third party, CSP-safe.

The outlines come from ``core/data/italy-regions.json`` (``@svg-maps/italy``, CC BY 4.0, see the
README beside it). Each region gets a colour class and a label; a region with a link is a link. The
map always comes with a table of the same figures (its text alternative), which the caller renders.
"""

import json
from functools import cache
from pathlib import Path

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

DATA = Path(__file__).resolve().parent / "data" / "italy-regions.json"
ATTRIBUTION = "@svg-maps/italy, Victor Cazanave, CC BY 4.0"
LEVELS = 5  # colour classes map-level-0 … map-level-4, from none to full coverage


@cache
def regions():
    with open(DATA, encoding="utf-8") as handle:
        return json.load(handle)


def level(share):
    """The colour class of a share between 0 and 1 (None: outside the project)."""
    if share is None:
        return "map-outside"
    return f"map-level-{min(LEVELS - 1, int(share * (LEVELS - 1) + 0.5))}"


def region_map(values, title, description, id_prefix="map"):
    """An SVG map. ``values``: region name → {"share": 0..1 or None, "label": str, "url": str or ""}."""
    data = regions()
    shapes = []
    for region in data["regions"]:
        value = values.get(
            region["name"], {"share": None, "label": _("non fa parte del progetto"), "url": ""}
        )
        label = f"{region['name']}: {value['label']}"
        shape = format_html(
            '<path class="{}" d="{}"><title>{}</title></path>', level(value["share"]), region["path"], label
        )
        if value.get("url"):
            shape = format_html('<a href="{}" aria-label="{}">{}</a>', value["url"], label, shape)
        shapes.append(shape)
    return format_html(
        '<svg class="region-map" viewBox="{}"{} aria-labelledby="{}-title {}-desc" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        data["viewBox"],
        # An image cannot hold interactive elements: with links, the map keeps SVG's own role (a document).
        "" if any(v.get("url") for v in values.values()) else mark_safe(' role="img"'),
        id_prefix,
        id_prefix,
        id_prefix,
        title,
        id_prefix,
        description,
        mark_safe("".join(shapes)),  # noqa: S308 - every part was built by format_html
    )


def legend():
    """The colour legend: (class, text) pairs, from outside the project to full coverage."""
    steps = [("map-outside", _("fuori dal progetto"))]
    for n in range(LEVELS):
        low, high = (
            round(100 * max(0, (n - 0.5) / (LEVELS - 1))),
            round(100 * min(1, (n + 0.5) / (LEVELS - 1))),
        )
        steps.append((f"map-level-{n}", f"{low}–{high}%"))
    return steps

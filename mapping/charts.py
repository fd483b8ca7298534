"""Charts drawn on the server as SVG: no script, no library, CSP-safe; each has a text alternative.

A chart is decorative-free: its ``<title>`` says what it shows and its ``<desc>`` gives the figures in
words; the page also prints the same figures as a table.
"""

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 600, 40
CLASSES = ["chart-yes", "chart-planned", "chart-no"]


def stacked_bar(counts, title, chart_id):
    """A 100% bar of yes / planned / no; ``counts`` are the Results' count dicts."""
    total = sum(c["count"] for c in counts) or 1
    x, parts, words = 0.0, [], []
    for item, css in zip(counts, CLASSES, strict=True):
        width = WIDTH * item["count"] / total
        words.append(f"{item['label']}: {item['count']}")
        if width:
            parts.append(
                format_html(
                    '<rect class="{}" x="{}" y="0" width="{}" height="{}"></rect>',
                    css,
                    f"{x:.1f}",
                    f"{width:.1f}",
                    HEIGHT,
                )
            )
            if width > 40:
                parts.append(
                    format_html(
                        '<text class="chart-label" x="{}" y="{}" text-anchor="middle">{}</text>',
                        f"{x + width / 2:.1f}",
                        HEIGHT / 2 + 5,
                        item["count"],
                    )
                )
        x += width
    return format_html(
        '<svg class="chart-bar" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-t {}-d" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}-t">{}</title><desc id="{}-d">{}</desc>{}</svg>',
        WIDTH,
        HEIGHT,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        "; ".join(words),
        mark_safe("".join(parts)),  # noqa: S308 - every part was built by format_html
    )


def legend():
    return [("chart-yes", _("Sì")), ("chart-planned", _("In programma")), ("chart-no", _("No"))]

"""Snippets of search results with the searched words marked; every character of text and query is escaped."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

SNIPPET_LENGTH = 260
MIN_STEM = 4


def term_patterns(terms):
    """A pattern per searched word that also finds its inflections (progetto → progetti, province → provincia)."""
    patterns = []
    for term in terms:
        word = re.sub(r"[^\w]", "", term, flags=re.UNICODE)
        if len(word) < 2:
            continue
        stem = word if len(word) <= MIN_STEM else word[: max(MIN_STEM, len(word) - 2)]
        patterns.append(re.escape(stem))
    if not patterns:
        return None
    patterns.sort(key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\w*", re.IGNORECASE | re.UNICODE)


def _window(text, pattern, length):
    if len(text) <= length:
        return text, False, False
    match = pattern.search(text) if pattern else None
    start = 0
    if match and match.start() > length // 3:
        start = match.start() - length // 3
        space = text.rfind(" ", 0, start)
        start = space + 1 if space > 0 else start
    end = start + length
    space = text.rfind(" ", start, end)
    if end < len(text) and space > start:
        end = space
    return text[start:end], start > 0, end < len(text)


@register.simple_tag
def highlight(text, terms, length=SNIPPET_LENGTH):
    """An escaped excerpt of ``text`` around the first searched word, searched words in ``<mark>``."""
    text = " ".join(str(text or "").split())
    pattern = term_patterns(terms or [])
    excerpt, cut_start, cut_end = _window(text, pattern, length)
    parts, last = [], 0
    if pattern:
        for match in pattern.finditer(excerpt):
            parts.append(escape(excerpt[last : match.start()]))
            parts.append(f"<mark>{escape(match.group(0))}</mark>")
            last = match.end()
    parts.append(escape(excerpt[last:]))
    return mark_safe(("… " if cut_start else "") + "".join(parts) + (" …" if cut_end else ""))  # noqa: S308

"""One normaliser for the text visitors type into the site's public forms.

Whatever arrives in a query string (NUL bytes, which PostgreSQL refuses in a string; invalid UTF-8, which
Django decodes to U+FFFD; lone surrogates; bidirectional overrides and zero-width characters, which can
disguise an echoed text; 10,000-character strings), what reaches the database and the page is plain text
of bounded length.
"""

import unicodedata

DEFAULT_MAX_LENGTH = 200
_DROPPED_CATEGORIES = {"Cf", "Cs", "Co", "Cn"}  # format (bidi, zero-width), surrogate, private, unassigned


def clean_query(value, max_length=DEFAULT_MAX_LENGTH):
    """``value`` as printable text: any white space becomes a space, control, invisible and invalid
    characters are dropped, spaces are collapsed, the result is NFC and at most ``max_length`` characters."""
    if not value:
        return ""
    # Bound the work before anything else: a long input is cut, not processed.
    text = str(value)[: max_length * 4 + 16]
    text = text.encode("utf-8", "ignore").decode("utf-8")  # lone surrogates
    text = unicodedata.normalize("NFC", text)
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if char.isspace():
            kept.append(" ")
        elif category not in _DROPPED_CATEGORIES and category != "Cc" and char != "\ufffd":
            kept.append(char)
    return " ".join("".join(kept).split())[:max_length].strip()

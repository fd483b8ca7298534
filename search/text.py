"""Words and stems: the one stemmer every search of the site uses (site search on SQLite, the catalogue).

PostgreSQL stems with its own Snowball configurations ('italian', 'english'); everywhere else the same
Snowball algorithms come from ``snowballstemmer``, which runs them through Snowball's C build
(``PyStemmer``, a dependency: the same stems, about 37 times faster; ``tests/test_search_text.py``). Words
are lower-cased and stripped of accents before stemming, so "città" and "citta" give the same stem.
"""

import re
import threading
import unicodedata

import snowballstemmer

STEMMER_LANGUAGES = {"it": "italian", "en": "english"}
WORD = re.compile(r"\w+", re.UNICODE)
VOCABULARY_WORD = re.compile(r"^[^\W\d_]{3,40}$", re.UNICODE)  # letters only, 3 to 40 of them

_local = threading.local()  # stemmer objects keep state between calls: one per thread


def language_of(code):
    return (code or "").split("-")[0].lower()


def stemmer(language):
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    name = STEMMER_LANGUAGES.get(language_of(language))
    if name is None:
        return None
    if name not in stemmers:
        stemmers[name] = snowballstemmer.stemmer(name)
    return stemmers[name]


def strip_accents(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text):
    """The words of a text, lower case, in order."""
    return WORD.findall(str(text or "").lower())


def stems(text, language):
    """The stems of a text's words, accent-free, in order (the words themselves for another language)."""
    plain = [strip_accents(word) for word in words(text)]
    found = stemmer(language)
    return found.stemWords(plain) if found is not None else plain


def stem_text(text, language):
    return " ".join(stems(text, language))


def vocabulary_words(text):
    """The words of a text worth suggesting to someone who mistyped: letters only, 3 to 40 of them."""
    return {word for word in words(text) if VOCABULARY_WORD.match(word)}

"""The vocabulary of the indexed content and the "did you mean" suggestion built on it.

The index adds the words of every object it indexes (``add_objects``, called by the search backend), and a
full ``update_index`` starts the vocabulary afresh (``reset``). A suggestion costs one query whatever the
query: on PostgreSQL the closest word by trigram similarity (``%`` on a GIN trigram index), elsewhere the
words that share the first two letters and a similar length, compared in Python with ``difflib``. Page
bodies are never scanned at search time.
"""

import difflib

from django.db import connection
from django.db.models import Q
from django.db.models.functions import Length

from search.text import STEMMER_LANGUAGES, language_of, strip_accents, vocabulary_words, words

MAX_QUERY_WORDS = 8
LENGTH_BAND = 2  # a candidate may be this many letters shorter or longer than the typed word
MAX_CANDIDATES = 5000
CUTOFF = 0.7  # difflib's ratio a candidate must reach


def add_objects(objs, text_of, language_of_object):
    """Add the words of ``objs`` (their ``text_of(obj)``) to the vocabulary of each one's language."""
    from search.models import SearchWord

    found = set()
    for obj in objs:
        language = language_of(language_of_object(obj))
        if language in STEMMER_LANGUAGES:
            found.update((language, word) for word in vocabulary_words(text_of(obj)))
    if found:
        SearchWord.objects.bulk_create(
            [SearchWord(language=language, word=word) for language, word in sorted(found)],
            ignore_conflicts=True,
            batch_size=500,
        )


def reset():
    from search.models import SearchWord

    SearchWord.objects.all().delete()


_trigram = None  # whether PostgreSQL has pg_trgm: checked once per process


def _has_trigram():
    global _trigram  # noqa: PLW0603
    if _trigram is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            _trigram = cursor.fetchone() is not None
    return _trigram


def _same(word, candidate):
    return candidate is not None and strip_accents(candidate) == strip_accents(word)


def _closest_postgresql(typed, language):
    """{word: (known, closest)} in one query, with the trigram index."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT q.word,
                   EXISTS (SELECT 1 FROM search_searchword s WHERE s.language = %s AND s.word = q.word),
                   (SELECT s.word FROM search_searchword s
                    WHERE s.language = %s AND s.word %% q.word
                    ORDER BY similarity(s.word, q.word) DESC, s.word LIMIT 1)
            FROM unnest(%s::text[]) AS q(word)
            """,
            [language, language, typed],
        )
        return {word: (known or _same(word, closest), closest) for word, known, closest in cursor.fetchall()}


def _closest_python(typed, language):
    """{word: (known, closest)} from one bounded query: words with the same first two letters and a length
    within the band, compared with difflib."""
    from search.models import SearchWord

    condition = Q(word__in=typed)
    for word in typed:
        condition |= Q(
            word__startswith=word[:2],
            length__gte=len(word) - LENGTH_BAND,
            length__lte=len(word) + LENGTH_BAND,
        )
    candidates = list(
        SearchWord.objects.filter(language=language)
        .annotate(length=Length("word"))
        .filter(condition)
        .values_list("word", flat=True)[:MAX_CANDIDATES]
    )
    result = {}
    for word in typed:
        near = [c for c in candidates if c[:2] == word[:2] and abs(len(c) - len(word)) <= LENGTH_BAND]
        known = word in near or any(_same(word, c) for c in near)
        closest = difflib.get_close_matches(word, near, n=1, cutoff=CUTOFF)
        result[word] = (known, closest[0] if closest else None)
    return result


def suggest(query, language):
    """The query with its unknown words replaced by the closest indexed words, or "" when nothing changes."""
    language = language_of(language)
    typed = words(query)[:MAX_QUERY_WORDS]
    checked = [word for word in dict.fromkeys(typed) if len(word) >= 3 and word.isalpha()]
    if not checked or language not in STEMMER_LANGUAGES:
        return ""
    if connection.vendor == "postgresql":
        if not _has_trigram():
            return ""
        closest = _closest_postgresql(checked, language)
    else:
        closest = _closest_python(checked, language)
    suggestion, changed = [], False
    for word in typed:
        known, near = closest.get(word, (True, None))
        if not known and near and near != word:
            suggestion.append(near)
            changed = True
        else:
            suggestion.append(word)
    return " ".join(suggestion) if changed else ""

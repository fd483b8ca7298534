"""Full-text search of the catalogue, stemmed for the page's language.

PostgreSQL: each practice keeps a weighted ``tsvector`` (``search_document``: code and title weight A,
the rest weight B) built with the text-search configuration of its language ('italian' or 'english'),
behind a GIN index. A query is split into words and the words are OR-ed, so a multi-word query never
returns nothing just because one word is missing; ``ts_rank`` puts practices matching more words first.

SQLite (development and the default test run): the same stored, accent-free text is matched word by
word with the stems of the site search (``search.text``: the Snowball stemmer of the page's language, so
``appalti`` and ``appalto`` both become ``appalt``), OR-ed, and ranked by the number of words matched.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When

from core.models.taxonomy import normalize_name
from search.text import stems as language_stems

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
SEARCH_CONFIGS = {"it": "site_italian", "en": "site_english"}  # accent-free copies (search 0004)
WORD = re.compile(r"\w+", re.UNICODE)


def is_postgresql():
    return connection.vendor == "postgresql"


def query_words(query):
    """The words of a query, normalized (lower case, accent-free), at most MAX_WORDS of them."""
    words = []
    for word in WORD.findall(normalize_name(query[:MAX_QUERY_LENGTH])):
        if len(word) >= 2 and word not in words:
            words.append(word)
    return words[:MAX_WORDS]


def refresh_search_documents(ids=None):
    """Rebuild the PostgreSQL search vector of the given practices (all of them when ids is None)."""
    if not is_postgresql():
        return
    where = "" if ids is None else "AND p.page_ptr_id = ANY(%s)"
    params = [] if ids is None else [list(ids)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE practices_practicepage AS p
            SET search_document =
                setweight(to_tsvector(c.cfg::regconfig, p.search_title), 'A')
                || setweight(to_tsvector(c.cfg::regconfig, p.search_text), 'B')
            FROM (
                SELECT wp.id, CASE l.language_code WHEN 'it' THEN 'site_italian' WHEN 'en' THEN 'site_english'
                              ELSE 'simple' END AS cfg
                FROM wagtailcore_page wp JOIN wagtailcore_locale l ON l.id = wp.locale_id
            ) AS c
            WHERE c.id = p.page_ptr_id {where}
            """,  # noqa: S608 (`where` is one of two literals; the ids are a bound parameter)
            params,
        )


def search(queryset, query, language_code, text_prefix=""):
    """(filtered queryset, ranked) for the query; rank is annotated as ``rank``.

    The queryset has the search vector (``search_document``); on SQLite the practice's stored text is
    found through ``text_prefix`` (``"page__"`` from the catalogue's listing table)."""
    words = query_words(query)
    if not words:
        return queryset, False
    if is_postgresql():
        config = SEARCH_CONFIGS.get(language_code, "simple")
        search_query = None
        for word in words:
            term = SearchQuery(word, config=config, search_type="plain")
            search_query = term if search_query is None else search_query | term
        return (
            queryset.filter(search_document=search_query).annotate(
                rank=SearchRank(F("search_document"), search_query)
            ),
            True,
        )
    stems = list(dict.fromkeys(language_stems(" ".join(words), language_code)))
    condition = Q()
    score = Value(0, output_field=IntegerField())
    for stem in stems:
        matches = Q(**{f"{text_prefix}search_text__contains": stem}) | Q(
            **{f"{text_prefix}search_title__contains": stem}
        )
        condition |= matches
        score = score + Case(When(matches, then=Value(1)), default=Value(0), output_field=IntegerField())
    return queryset.filter(condition).annotate(rank=score), True

"""The site's search backend: one index, each entry built with the text-search configuration of its language.

On PostgreSQL Wagtail's database backend keeps a single ``IndexEntry`` table (one row per object) and builds
every row with the backend's one ``SEARCH_CONFIG``. Declaring one backend per language would not help: all of
them write the same rows, so the last backend to index an object overwrites the others' entry. Here a single
backend picks the configuration per object (``italian`` for an Italian page, ``english`` for its translation)
when it writes the row, and per request (the active language) when it builds the query: the search view only
ever searches the active locale, so the query is stemmed exactly as the rows it can match were.

On SQLite (the default setup) the index stores stems instead of words: each entry's title and body are
stemmed with the Snowball stemmer of the object's language (``search.text``, the same algorithms PostgreSQL
uses), and each query is stemmed in the active language, so "gare" finds "gara" and "press release" finds
"press releases" there too. FTS5's own tokenizer then folds case and accents.
"""

import copy
from collections import defaultdict

from django.conf import settings
from django.db import connection
from django.utils import translation

from wagtail.models import Locale

from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchAtomicRebuilder,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchRebuilder,
)

from search import vocabulary

# PostgreSQL's italian and english configurations with accent folding (migration search 0004).
DEFAULT_CONFIGS = {"it": "site_italian", "en": "site_english"}


def language_configs(params):
    return {**DEFAULT_CONFIGS, **params.get("SEARCH_CONFIGS", {})}


def object_language(obj, locale_codes):
    """The language an object is written in: a ``search_language``, a ``locale`` or a ``language`` field."""
    language = getattr(obj, "search_language", None)
    if callable(language):
        language = language()
    if language:
        return language
    locale_id = getattr(obj, "locale_id", None)
    if locale_id is not None:
        if locale_id not in locale_codes:
            locale_codes.update(Locale.objects.values_list("pk", "language_code"))
        return locale_codes.get(locale_id)
    language = getattr(obj, "language", None)
    return language if isinstance(language, str) else None


def index_text(obj):
    """The words of an object as a visitor reads them: its title and the text of its searched fields."""
    from search.service import searchable_text

    return f"{getattr(obj, 'title', '')} {searchable_text(obj)}"


def add_to_vocabulary(objs):
    """After indexing: the objects' words to the vocabulary, and what their results show to the summaries."""
    from search.service import write_summaries

    locale_codes = {}
    objs = list(objs)
    vocabulary.add_objects(objs, index_text, lambda obj: object_language(obj, locale_codes))
    write_summaries(objs)


class VocabularyRebuilderMixin:
    """A full ``update_index`` starts the vocabulary afresh: the indexing that follows fills it again."""

    def start(self):
        vocabulary.reset()
        return super().start()


class MultilingualPostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        objs = list(objs)
        if model.get_search_fields():
            add_to_vocabulary(objs)
        groups = defaultdict(list)
        locale_codes = {}
        for obj in objs:
            groups[self.backend.config_for_language(object_language(obj, locale_codes))].append(obj)
        for config, group in groups.items():
            # The stock indexer reads ``backend.config``: hand it a copy of the backend set to this language.
            index = copy.copy(self)
            index.backend = self.backend.with_config(config)
            PostgresIndex.add_items(index, model, group)


class MultilingualQueryCompiler(PostgresSearchQueryCompiler):
    def get_config(self, backend):
        return backend.query_config()


class MultilingualPostgresSearchBackend(PostgresSearchBackend):
    index_class = MultilingualPostgresIndex
    rebuilder_class = type("PostgresRebuilder", (VocabularyRebuilderMixin, PostgresSearchRebuilder), {})
    atomic_rebuilder_class = type(
        "PostgresAtomicRebuilder", (VocabularyRebuilderMixin, PostgresSearchAtomicRebuilder), {}
    )
    query_compiler_class = MultilingualQueryCompiler
    autocomplete_query_compiler_class = PostgresAutocompleteQueryCompiler

    def __init__(self, params):
        super().__init__(params)
        self.configs = language_configs(params)
        self.fallback_config = params.get("SEARCH_CONFIG") or self.configs.get(
            settings.LANGUAGE_CODE.split("-")[0], "simple"
        )
        self.fixed_config = None

    def config_for_language(self, language):
        return self.configs.get((language or "").split("-")[0], self.fallback_config)

    def with_config(self, config):
        clone = copy.copy(self)
        clone.config = config
        clone.fixed_config = config
        return clone

    def for_language(self, language):
        """This backend, querying with the configuration of ``language`` whatever the active language."""
        return self.with_config(self.config_for_language(language))

    def query_config(self):
        return self.fixed_config or self.config_for_language(translation.get_language())


_sqlite_fts = None  # whether SQLite's full-text search is there: checked once per process


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend module)
    global _sqlite_fts  # noqa: PLW0603
    if connection.vendor == "postgresql":
        return MultilingualPostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        if _sqlite_fts is None:
            from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists

            _sqlite_fts = fts5_available() and fts_table_exists()
        if _sqlite_fts:
            from search.sqlite_backend import StemmingSQLiteSearchBackend

            return StemmingSQLiteSearchBackend(params)
    return DatabaseSearchBackend(params)

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
from types import SimpleNamespace

from django.conf import settings
from django.db import connection
from django.db.models import F, FloatField, Func
from django.db.models.functions import Power
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
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    ObjectIndexer,
    SQLiteFTSIndexEntry,
    SQLiteIndex,
    SQLiteSearchAtomicRebuilder,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchRebuilder,
)
from modelsearch.query import Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from search import vocabulary
from search.text import language_of, stem_text

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
    """The words of an object as the index sees them: its title and every other searched field."""
    indexer = ObjectIndexer(obj, SimpleNamespace(config=None))
    return f"{indexer.title} {indexer.body}"


def add_to_vocabulary(objs):
    locale_codes = {}
    vocabulary.add_objects(objs, index_text, lambda obj: object_language(obj, locale_codes))


class VocabularyRebuilderMixin:
    """A full ``update_index`` starts the vocabulary afresh: the indexing that follows fills it again."""

    def start(self):
        vocabulary.reset()
        return super().start()


class MultilingualPostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
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
        "PostgresAtomicRebuilder", (VocabularyRebuilderMixin, PostgresSearchAtomicRebuilder), {})
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


class StemmedObjectIndexer(ObjectIndexer):
    """The title and body of an object as their stems in the object's language."""

    def __init__(self, obj, backend, language):
        super().__init__(obj, backend)
        self.language = language

    @property
    def stemmed(self):
        return stem_text(self.title, self.language), self.autocomplete, stem_text(self.body, self.language)


class StemmingSQLiteIndex(SQLiteIndex):
    def add_items(self, model, objs):
        """As the stock index, with each entry's title and body stemmed (the autocomplete field is not)."""
        if not model.get_search_fields():
            return
        add_to_vocabulary(objs)
        locale_codes = {}
        indexers = [StemmedObjectIndexer(obj, self.backend, object_language(obj, locale_codes)) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        data = {indexer.id: indexer.stemmed for indexer in indexers}
        entries = self.entries.filter(content_type_id=content_type_pk)
        indexed = set(entries.filter(object_id__in=data.keys()).values_list("object_id", flat=True))
        for object_id in indexed:
            title, autocomplete, body = data[object_id]
            entries.filter(object_id=object_id).update(title=title, autocomplete=autocomplete, body=body)
        self.entries.bulk_create([
            IndexEntry(content_type_id=content_type_pk, object_id=object_id, title=title, autocomplete=autocomplete,
                       body=body)
            for object_id, (title, autocomplete, body) in data.items() if object_id not in indexed
        ])
        self._refresh_title_norms()


class ColumnBM25(Func):
    """FTS5's bm25 of one column of the index (autocomplete, body, title), the others weighing nothing."""

    output_field = FloatField()
    COLUMNS = ("autocomplete", "body", "title")

    def __init__(self, column):
        super().__init__()
        self.column = column

    def as_sql(self, compiler, connection, function=None, template=None):
        weights = ", ".join("1.0" if name == self.column else "0.0" for name in self.COLUMNS)
        return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, {weights})", []


TITLE_WEIGHT = 10.0

class StemmingSQLiteQueryCompiler(SQLiteSearchQueryCompiler):
    """Stems the words of the query in the query's language (the backend's ``config`` here), and ranks
    by bm25 with the title weighing most, the more so the shorter it is (``title_norm``: the average title
    length over this one's): a page titled just as the query comes before a longer title with the words."""

    def _build_rank_expression(self, vectors, config):
        return ColumnBM25("body") + ColumnBM25("title") * TITLE_WEIGHT * Power(F("index_entry__title_norm"), 0.5)

    def get_config(self, backend):
        return backend.query_language()

    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText):
            stemmed = stem_text(query.query_string, config) or query.query_string
            query = PlainText(stemmed, operator=query.operator, boost=query.boost)
        elif isinstance(query, Phrase):
            query = Phrase(stem_text(query.query_string, config) or query.query_string)
        return super().build_search_query_content(query, config=config)


class StemmingSQLiteSearchBackend(SQLiteSearchBackend):
    index_class = StemmingSQLiteIndex
    rebuilder_class = type("SQLiteRebuilder", (VocabularyRebuilderMixin, SQLiteSearchRebuilder), {})
    atomic_rebuilder_class = type("SQLiteAtomicRebuilder", (VocabularyRebuilderMixin, SQLiteSearchAtomicRebuilder), {})
    query_compiler_class = StemmingSQLiteQueryCompiler

    def __init__(self, params):
        super().__init__(params)
        self.fixed_language = None

    def for_language(self, language):
        clone = copy.copy(self)
        clone.fixed_language = language_of(language)
        return clone

    def query_language(self):
        return self.fixed_language or language_of(translation.get_language() or settings.LANGUAGE_CODE)


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
            return StemmingSQLiteSearchBackend(params)
    return DatabaseSearchBackend(params)

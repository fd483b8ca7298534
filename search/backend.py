"""The site's search backend: one index, each entry built with the text-search configuration of its language.

On PostgreSQL Wagtail's database backend keeps a single ``IndexEntry`` table (one row per object) and builds
every row with the backend's one ``SEARCH_CONFIG``. Declaring one backend per language would not help: all of
them write the same rows, so the last backend to index an object overwrites the others' entry. Here a single
backend picks the configuration per object (``italian`` for an Italian page, ``english`` for its translation)
when it writes the row, and per request (the active language) when it builds the query: the search view only
ever searches the active locale, so the query is stemmed exactly as the rows it can match were.

On any other database the stock database backend (SQLite FTS5 for development) is used unchanged.
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
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

DEFAULT_CONFIGS = {"it": "italian", "en": "english"}


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


class MultilingualPostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
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


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend module)
    if connection.vendor == "postgresql":
        return MultilingualPostgresSearchBackend(params)
    return DatabaseSearchBackend(params)

"""SQLite (the default setup): an index of Snowball stems, queried with the stems of the query's words.

Each entry's title and body are stored as the stems of their words in the object's language
(``search.text``), and each query is stemmed in the active language, so "gare" finds "gara" and
"press release" finds "press releases". FTS5's own tokenizer then folds case and accents. Imported only on
SQLite: the full-text table it uses exists there only.
"""

import copy

from django.conf import settings
from django.db.models import Case, F, FloatField, Func, TextField, Value, When
from django.db.models.functions import Concat, Least, Length, Power, Replace
from django.db.models.lookups import Contains, Exact
from django.utils import translation

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

from search.backend import VocabularyRebuilderMixin, add_to_vocabulary, object_language
from search.text import language_of, stem_text, stems


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
        objs = list(objs)
        add_to_vocabulary(objs)
        locale_codes = {}
        indexers = [
            StemmedObjectIndexer(obj, self.backend, object_language(obj, locale_codes)) for obj in objs
        ]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        data = {indexer.id: indexer.stemmed for indexer in indexers}
        entries = self.entries.filter(content_type_id=content_type_pk)
        indexed = set(entries.filter(object_id__in=data.keys()).values_list("object_id", flat=True))
        for object_id in indexed:
            title, autocomplete, body = data[object_id]
            entries.filter(object_id=object_id).update(title=title, autocomplete=autocomplete, body=body)
        self.entries.bulk_create(
            [
                IndexEntry(
                    content_type_id=content_type_pk,
                    object_id=object_id,
                    title=title,
                    autocomplete=autocomplete,
                    body=body,
                )
                for object_id, (title, autocomplete, body) in data.items()
                if object_id not in indexed
            ]
        )
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
# What bm25 cannot see, as bonuses in its own unit (a good title match is worth about 10 to 40): a title that
# is the query, a title holding every word of the query, the query's words in order in the text, and each
# word of the query found in the title.
EXACT_TITLE_BONUS = 100.0
WHOLE_TITLE_BONUS = 50.0
PHRASE_BONUS = 20.0
TITLE_WORD_BONUS = 10.0
MAX_PHRASES = 2  # at most 40: less than a title with all the words
SIGNIFICANT_STEM_LENGTH = 4


class StemmingSQLiteQueryCompiler(SQLiteSearchQueryCompiler):
    """Stems the words of the query in the query's language (the backend's ``config`` here), and ranks
    by bm25 with the title weighing most, the more so the shorter it is (``title_norm``: the average title
    length over this one's), plus what bm25 cannot see: a title that is the query, a title with all the
    query's words, and the query's words in their order in the text. So "focus group" finds the "Focus
    group" page before "Focus group Sud", which repeats the words more, as PostgreSQL's ranking does."""

    def _build_rank_expression(self, vectors, config):
        bm25 = ColumnBM25("body") + ColumnBM25("title") * TITLE_WEIGHT * Power(
            F("index_entry__title_norm"), 0.5
        )
        query_stems = self._query_stems(config)
        if not query_stems:
            return bm25
        # bm25 is "lower is better": the bonuses are subtracted.
        return bm25 - self._title_and_phrase_bonus(query_stems)

    def _query_stems(self, config):
        query = self.query
        if not isinstance(query, (PlainText, Phrase)):
            return []
        return stems(query.query_string, config)

    @staticmethod
    def _title_and_phrase_bonus(query_stems):
        """The bonus of an index entry whose (stemmed) title or body matches the query beyond its words:
        the title is the query; the title holds every significant word of the query (short words such as
        "di", "del", "of", "the" say little about a title); the words in the query's order in the text,
        counted up to twice, where the title lacks some of them; and a share for each significant word found
        in the title."""
        title = Concat(Value(" "), F("index_entry__title"), Value(" "), output_field=TextField())
        body = Concat(Value(" "), F("index_entry__body"), Value(" "), output_field=TextField())
        significant = [stem for stem in dict.fromkeys(query_stems) if len(stem) >= SIGNIFICANT_STEM_LENGTH]

        def bonus_if(condition, amount):
            return Case(When(condition, then=Value(amount)), default=Value(0.0), output_field=FloatField())

        bonus = bonus_if(Exact(F("index_entry__title"), Value(" ".join(query_stems))), EXACT_TITLE_BONUS)
        in_title = [Contains(title, Value(f" {stem} ")) for stem in significant]
        whole = None
        if in_title:
            whole = in_title[0]
            for condition in in_title[1:]:
                whole &= condition
        if len(in_title) > 1:
            bonus += bonus_if(whole, WHOLE_TITLE_BONUS)
        for condition in in_title:
            bonus += bonus_if(condition, TITLE_WORD_BONUS / len(in_title))
        if len(query_stems) > 1:
            # The words in order in the text count where the title does not already hold them all.
            phrase = f" {' '.join(query_stems)} "
            occurrences = (Length(body) - Length(Replace(body, Value(phrase), Value("")))) / len(phrase)
            phrase_bonus = Least(occurrences, Value(MAX_PHRASES), output_field=FloatField()) * PHRASE_BONUS
            if whole is not None:
                phrase_bonus = Case(
                    When(whole, then=Value(0.0)), default=phrase_bonus, output_field=FloatField()
                )
            bonus += phrase_bonus
        return bonus

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
    atomic_rebuilder_class = type(
        "SQLiteAtomicRebuilder", (VocabularyRebuilderMixin, SQLiteSearchAtomicRebuilder), {}
    )
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

"""The catalogue's query: filters from plain GET parameters, full-text search, facets with counts, sort.

Every facet is a GET parameter (repeatable: values of one facet are OR-ed, facets are AND-ed), so every
filtered view has a shareable URL. Facet counts are “disjunctive”: the counts of a facet apply every
other facet, so a visitor sees how many practices each choice would give. All the counts come from one
SQL query of aggregates whatever the number of practices (see count_facets).
Unknown values are ignored (never an error).
"""

import uuid
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Exists, F, OuterRef
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.models import MacroArea, Province, Sector, Theme
from core.site_cache import taxonomy
from core.text import clean_query
from practices import search as practice_search
from practices.choices import EvidenceLevel, PracticeType, ReplicationStatus, Stage
from practices.models import EVIDENCE_LABELS, STAGE_LABELS, CatalogueEntry, PracticePage

SORTS = {
    "pertinenza": _("Pertinenza"),
    "recenti": _("Più recenti"),
    "verificate": _("Verificate di recente"),
    "titolo": _("Titolo (A-Z)"),
    "replicate": _("Più replicate"),
}


def group_ids(objects, attribute):
    """{value of ``attribute``: [ids of the objects with that value]}."""
    ids = {}
    for obj in objects:
        ids.setdefault(getattr(obj, attribute), []).append(obj.pk)
    return ids


PER_PAGE = 20
# A card's fields: the listing table's, then the practice's own code, summary, example flag and address
# (its URL: the catalogue's and the rest of its own path, practices being the catalogue's children).
CARD_COLUMNS = ("page_id", "title", "sector_code", "province_id", "stage", "start_year", "evidence_level")
PRACTICE_COLUMNS = ("code", "summary", "is_example", "url_path")


@dataclass
class PracticeCard:
    """A practice as its card shows it (practices/includes/practice_card.html, which also takes a
    ``PracticePage``): read with the catalogue's page of results, without loading the pages."""

    page_id: int
    title: str
    sector_code: str
    province_id: int
    stage: str
    start_year: int
    evidence_level: str
    code: str
    summary: str
    is_example: bool
    card_url: str
    sector: object
    province: object

    @property
    def pk(self):
        return self.page_id

    @property
    def stage_label(self):
        return STAGE_LABELS.get(self.stage, self.stage)

    @property
    def evidence_label(self):
        return EVIDENCE_LABELS.get(self.evidence_level, self.evidence_level)


FACETS_CACHE_KEY = "practices:facets:v3:{}"


@dataclass
class Facet:
    param: str
    label: str
    column: str  # the column of the listing table (CatalogueEntry) the facet filters and counts on
    choices: list  # [(value in the URL, label, value in the database)]
    widget: str = "checkbox"
    selected: list = field(default_factory=list)
    options: list = field(default_factory=list)
    # A facet on a Province's field is filtered and counted on the practice's Province (province_id):
    # {value in the database: [ids]}, so no query joins the Provinces (the same in every language).
    ids: dict = field(default_factory=dict)

    @property
    def db_values(self):
        by_value = {value: db for value, _label, db in self.choices}
        return [by_value[value] for value in self.selected]

    def selected_ids(self):
        return [pk for value in self.db_values for pk in self.ids.get(value, ())]

    def value_of_id(self):
        return {pk: value for value, pks in self.ids.items() for pk in pks}


class Catalogue:
    """The catalogue for one request: ``Catalogue(index_page, request.GET).run()``."""

    def __init__(self, index_page, params, language_code):
        self.index_page = index_page
        self.params = params
        self.language_code = language_code
        self.query = clean_query(params.get("q"), practice_search.MAX_QUERY_LENGTH)
        self._searched = None
        self.facets = self.build_facets()
        sort = params.get("ordina") or ""
        default = "pertinenza" if self.query else "recenti"
        self.sort = sort if sort in SORTS and (sort != "pertinenza" or self.query) else default

    # Vocabularies (one query each, whatever the number of practices)
    def build_facets(self):
        locale = self.index_page.locale
        provinces = Province.in_request()
        regions = sorted({p.region for p in provinces})
        sectors = Sector.of_locale(locale)
        themes = Theme.of_locale(locale)
        self.theme_names = {theme.translation_key: theme.name for theme in themes}
        self.sectors_by_code = {sector.code: sector for sector in sectors}
        self.provinces_by_slug = {province.slug: province for province in provinces}
        current_year = 2100
        facets = [
            # By code, not by id: a translated practice may still point to the Italian sector
            # (core.taxonomy_sync), and listings match sectors on their codes.
            Facet("settore", _("Settore"), "sector_code", [(s.code, s.label, s.code) for s in sectors]),
            Facet(
                "area",
                _("Macro-area"),
                "province_id",
                [(value, label, value) for value, label in MacroArea.choices],
                ids=group_ids(provinces, "macro_area"),
            ),
            Facet(
                "regione",
                _("Regione"),
                "province_id",
                [(slugify(r), r, r) for r in regions],
                widget="list",
                ids=group_ids(provinces, "region"),
            ),
            Facet(
                "provincia",
                _("Provincia"),
                "province_id",
                [(p.slug, f"{p.name} ({p.sigla})", p.slug) for p in provinces],
                widget="list",
                ids=group_ids(provinces, "slug"),
            ),
            Facet("tema", _("Tema"), "", [(t.slug, t.name, t.translation_key) for t in themes]),
            Facet(
                "tipo",
                _("Tipo di pratica"),
                "practice_type",
                [(value, label, value) for value, label in PracticeType.choices],
            ),
            Facet("fase", _("Fase"), "stage", [(value, label, value) for value, label in Stage.choices]),
            Facet("anno", _("Anno di avvio"), "start_year", [], widget="list"),
            Facet(
                "evidenza",
                _("Livello di evidenza"),
                "evidence_level",
                [(value, label, value) for value, label in EvidenceLevel.choices],
            ),
            Facet(
                "replica",
                _("Replica in altre Province"),
                "replication_rank",
                [
                    (ReplicationStatus.ADOPTED.value, _("Adottata da altre Province"), 3),
                    (ReplicationStatus.ADAPTING.value, _("In adattamento in altre Province"), 2),
                    (ReplicationStatus.INTERESTED.value, _("Con Province interessate"), 1),
                    ("nessuna", _("Non ancora replicata"), 0),
                ],
            ),
        ]
        for facet in facets:
            if facet.param == "anno":
                # Years are validated as numbers in a plausible range; the choices come from the counts.
                facet.selected = []
                for value in self.params.getlist("anno"):
                    if (
                        value.isascii()
                        and value.isdigit()
                        and 1990 <= int(value) <= current_year
                        and value not in facet.selected
                    ):
                        facet.selected.append(value)
                continue
            known = {value for value, _label, _db in facet.choices}
            facet.selected = [v for v in dict.fromkeys(self.params.getlist(facet.param)) if v in known]
        return facets

    def filter_values(self, facet):
        """The database values a selected facet keeps (Province ids for the Province facets)."""
        if facet.ids:
            return facet.selected_ids()
        if facet.param == "anno":
            return [int(v) for v in facet.selected]
        return facet.db_values

    def base_queryset(self):
        """The practices the catalogue lists: its rows of the listing table (practices.listing); none for a
        catalogue page not saved yet (the admin's preview of a new one)."""
        if self.index_page.pk is None:
            return CatalogueEntry.objects.none()
        return CatalogueEntry.objects.filter(catalogue=self.index_page)

    def apply_facets(self, queryset, skip=None):
        for facet in self.facets:
            if facet is skip or not facet.selected:
                continue
            if facet.param == "tema":
                # A subquery rather than a join: a practice with two chosen themes is listed once.
                through = PracticePage.themes.through
                linked = through.objects.filter(theme__translation_key__in=facet.db_values)
                queryset = queryset.filter(page_id__in=linked.values("practicepage_id"))
            else:
                queryset = queryset.filter(**{f"{facet.column}__in": self.filter_values(facet)})
        return queryset

    def searched(self):
        """(queryset, ranked), built once per request: the counts and the results share it."""
        if self._searched is None:
            self._searched = practice_search.search(
                self.base_queryset(), self.query, self.language_code, text_prefix="page__"
            )
        return self._searched

    def ordered(self):
        """The listing rows of the results, filtered and in the chosen order."""
        queryset, ranked = self.searched()
        queryset = self.apply_facets(queryset)
        if self.sort == "pertinenza" and ranked:
            order = [F("rank").desc(), "title"]
        elif self.sort == "verificate":
            order = [F("last_verified").desc(nulls_last=True), "title"]
        elif self.sort == "titolo":
            order = ["title"]
        elif self.sort == "replicate":
            order = [F("replication_count").desc(), F("replication_rank").desc(), "title"]
        else:
            order = [F("start_year").desc(nulls_last=True), F("first_published_at").desc(nulls_last=True)]
        return queryset.order_by(*order)

    def page_of_results(self, number):
        """A Paginator page of practice cards (``PracticeCard``), without loading the pages: the listing
        table's rows in order, then the few fields of those practices a card adds (two small queries; one
        query joining the practices would join every match before sorting)."""
        paginator = Paginator(self.ordered().values_list(*CARD_COLUMNS), PER_PAGE)
        paginator.count = self.total  # counted with the facets: saves a COUNT query
        page_obj = paginator.get_page(number)
        rows = list(page_obj.object_list)
        practices = {
            pk: values
            for pk, *values in PracticePage.objects.filter(pk__in=[row[0] for row in rows]).values_list(
                "pk", *PRACTICE_COLUMNS
            )
        }
        provinces = {province.pk: province for province in Province.in_request()}
        # The sector of the catalogue's language, or of the code in another language (core.taxonomy_sync).
        sectors = {sector.code: sector for sector in taxonomy("sectors")} | self.sectors_by_code
        index_url, index_path = self.index_page.url, self.index_page.url_path
        page_obj.object_list = [
            PracticeCard(
                *row,
                *practices[row[0]][:-1],
                card_url=index_url + practices[row[0]][-1][len(index_path) :],
                sector=sectors.get(row[2]),
                province=provinces.get(row[3]),
            )
            for row in rows
            if row[0] in practices
        ]
        return page_obj

    def results(self, queryset=None):
        """Every result, whole practices in order (the open-data exports): ``queryset`` may add prefetches."""
        ids = list(self.ordered().values_list("page_id", flat=True))
        queryset = PracticePage.objects.all() if queryset is None else queryset
        by_id = {p.pk: p for p in queryset.select_related("sector", "province").filter(pk__in=ids)}
        return [by_id[pk] for pk in ids if pk in by_id]

    def compute_facet_counts(self):
        """Every facet's options with their counts (a practice counts for facet F when it passes every
        selected facet but F), and ``self.total``, the number of results."""
        # The unfiltered catalogue (the most visited view) reuses its counts until a practice changes.
        cache_key = None if self.is_filtered() else FACETS_CACHE_KEY.format(self.index_page.locale_id)
        cached = cache.get(cache_key) if cache_key else None
        if cached is not None:
            counters, self.total = cached
        else:
            counters = self.count_facets()
            if cache_key:
                cache.set(cache_key, (counters, self.total), 3600)
        for facet, counts in zip(self.facets, counters, strict=True):
            if facet.param == "anno":
                years = sorted({y for y in counts if y} | {int(v) for v in facet.selected}, reverse=True)
                facet.choices = [(str(y), str(y), y) for y in years]
            facet.options = [
                {
                    "value": value,
                    "label": label,
                    "count": counts.get(db, 0),
                    "selected": value in facet.selected,
                    "disabled": counts.get(db, 0) == 0 and value not in facet.selected,
                }
                for value, label, db in facet.choices
            ]
        return self.facets

    def count_facets(self):
        """One Counter per facet (database value -> practices) and ``self.total``, from one SQL query on the
        listing table.

        Disjunctive counts: a practice counts for facet F when it passes every selected facet but F. The
        query tags each matching practice with ``miss``: -1 when it passes every selected facet, the
        index of the one facet it fails, or -2 when it fails two or more (it then counts nowhere). Then it
        groups by (miss, value) for every facet: with GROUPING SETS on PostgreSQL (one pass), with a
        UNION ALL of GROUP BYs elsewhere; the themes (several per practice) are grouped over the join
        table. A facet's count of a value adds its rows with ``miss`` -1 and with ``miss`` its own index.
        """
        searched, _ranked = self.searched()
        if self.index_page.pk is None:  # nothing listed yet (see base_queryset)
            self.total = 0
            return [Counter() for _facet in self.facets]
        theme_index = next(i for i, f in enumerate(self.facets) if f.param == "tema")
        # The column each facet is grouped by (the three Province facets share theirs).
        column_of = {i: facet.column for i, facet in enumerate(self.facets) if i != theme_index}
        grouped = list(dict.fromkeys(column_of.values()))
        columns = {"pid": F("page_id"), **{f"g_{name}": F(name) for name in grouped}}
        theme_facet = self.facets[theme_index]
        if theme_facet.selected:
            through = PracticePage.themes.through
            columns["theme_ok"] = Exists(
                through.objects.filter(
                    practicepage_id=OuterRef("page_id"), theme__translation_key__in=theme_facet.db_values
                )
            )
        inner_sql, inner_params = searched.order_by().values(**columns).query.sql_with_params()
        params = list(inner_params)

        conditions = []  # (facet index, SQL that is true when the practice passes that facet)
        for i, facet in enumerate(self.facets):
            if not facet.selected:
                continue
            if i == theme_index:
                conditions.append((i, "m.theme_ok", []))
                continue
            values = self.filter_values(facet) or [None]  # (IN (NULL) matches nothing)
            placeholders = ", ".join(["%s"] * len(values))
            conditions.append((i, f"m.g_{column_of[i]} IN ({placeholders})", values))
        if conditions:
            passes = [f"CASE WHEN {sql} THEN 1 ELSE 0 END" for _i, sql, _values in conditions]
            first_failing = " ".join(f"WHEN ok{i} = 0 THEN {i}" for i, _sql, _values in conditions)
            flags = ", ".join(f"{sql} AS ok{i}" for (i, _s, _v), sql in zip(conditions, passes, strict=True))
            for _i, _sql, values in conditions:
                params += values
            total = " + ".join(f"ok{i}" for i, _sql, _values in conditions)
            miss = (
                f"CASE {total} WHEN {len(conditions)} THEN -1 "
                f"WHEN {len(conditions) - 1} THEN CASE {first_failing} END ELSE -2 END"
            )
            flags = ", " + flags
        else:
            flags, miss = "", "-1"
        facets_of = {name: [i for i in column_of if column_of[i] == name] for name in grouped}
        names = [f"g_{name}" for name in grouped]
        sql = f"""
            WITH m AS ({inner_sql}),
            flagged AS (SELECT m.pid, {", ".join(f"m.{name}" for name in names)}{flags} FROM m),
            tagged AS (SELECT flagged.*, {miss} AS miss FROM flagged)
        """  # noqa: S608 (table, column and alias names are the code's own; every value is a parameter)
        through = PracticePage.themes.through._meta.db_table
        theme_table = Theme._meta.db_table
        if connection.vendor == "postgresql":
            # GROUPING(...) tells the grouping set of a row: every bit is set but that of its own column.
            sets = ", ".join(f"(miss, {name})" for name in names)
            nulls = ", ".join("NULL" for _name in names)
            sql += f"""
                SELECT GROUPING({", ".join(names)}) AS g, miss, {", ".join(names)}, NULL AS theme, COUNT(*) AS n
                FROM tagged WHERE miss > -2 GROUP BY GROUPING SETS ({sets})
                UNION ALL
                SELECT -1, tagged.miss, {nulls}, theme.translation_key, COUNT(*)
                FROM tagged
                JOIN {through} AS link ON link.practicepage_id = tagged.pid
                JOIN {theme_table} AS theme ON theme.id = link.theme_id
                WHERE tagged.miss IN (-1, {theme_index})
                GROUP BY tagged.miss, theme.translation_key
            """  # noqa: S608 (as above)
            width = len(names)
            sets_by_mask = {(1 << width) - 1 - (1 << (width - 1 - k)): k for k in range(width)}
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                rows = []
                for g, miss, *values, theme, n in cursor:
                    if g == -1:
                        rows.append(("theme", miss, theme, n))
                    else:
                        k = sets_by_mask[g]
                        rows.append((grouped[k], miss, values[k], n))
        else:
            # No GROUPING SETS (SQLite): one GROUP BY per column, in one statement.
            branches = [
                f"SELECT '{name}' AS g, miss, g_{name} AS value, COUNT(*) AS n FROM tagged "  # noqa: S608 (own names)
                f"WHERE miss IN (-1, {', '.join(str(i) for i in facets_of[name])}) GROUP BY miss, g_{name}"
                for name in grouped
            ]
            branches.append(
                f"SELECT 'theme', tagged.miss, theme.translation_key, COUNT(*) FROM tagged "  # noqa: S608
                f"JOIN {through} AS link ON link.practicepage_id = tagged.pid "
                f"JOIN {theme_table} AS theme ON theme.id = link.theme_id "
                f"WHERE tagged.miss IN (-1, {theme_index}) GROUP BY tagged.miss, theme.translation_key"
            )
            sql += " UNION ALL ".join(branches)
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                rows = list(cursor)
        facets_of["theme"] = [theme_index]
        translations = {i: f.value_of_id() for i, f in enumerate(self.facets) if f.ids}
        counters = [Counter() for _facet in self.facets]
        self.total = 0
        for name, miss, value, n in rows:
            if name == "theme" and not isinstance(value, uuid.UUID):
                value = uuid.UUID(str(value))
            for index in facets_of[name]:
                if miss in (-1, index):
                    counters[index][translations[index].get(value) if index in translations else value] += n
            if name == grouped[0] and miss == -1:
                self.total += n
        return counters

    def is_filtered(self):
        return bool(self.query) or any(f.selected for f in self.facets)

    def state_params(self, without=None):
        """The current filters as a list of (name, value) pairs, optionally without one pair."""
        pairs = []
        if self.query:
            pairs.append(("q", self.query))
        for facet in self.facets:
            for value in facet.selected:
                pairs.append((facet.param, value))
        if self.sort != ("pertinenza" if self.query else "recenti"):
            pairs.append(("ordina", self.sort))
        return [pair for pair in pairs if pair != without]

    def query_string(self, without=None):
        return urlencode(self.state_params(without))

    def selected_filters(self):
        """Each active filter with the URL that removes it."""
        chips = []
        if self.query:
            chips.append(
                {"label": _("Ricerca"), "value": self.query, "remove": self.query_string(("q", self.query))}
            )
        for facet in self.facets:
            labels = {value: label for value, label, _db in facet.choices}
            for value in facet.selected:
                chips.append(
                    {
                        "label": facet.label,
                        "value": labels.get(value, value),
                        "remove": self.query_string((facet.param, value)),
                    }
                )
        return chips

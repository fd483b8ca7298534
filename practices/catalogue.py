"""The catalogue's query: filters from plain GET parameters, full-text search, facets with counts, sort.

Every facet is a GET parameter (repeatable: values of one facet are OR-ed, facets are AND-ed), so every
filtered view has a shareable URL. Facet counts are “disjunctive”: the counts of a facet apply every
other facet, so a visitor sees how many practices each choice would give. All the counts come from two
queries whatever the number of practices (see compute_facet_counts).
Unknown values are ignored (never an error).
"""

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import Case, Count, F, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.models import MacroArea, Province, Sector, Theme
from core.text import clean_query
from practices import search as practice_search
from practices.choices import EvidenceLevel, PracticeType, ReplicationStatus, Stage
from practices.models import PracticePage, Replication

SORTS = {
    "pertinenza": _("Pertinenza"),
    "recenti": _("Più recenti"),
    "verificate": _("Verificate di recente"),
    "titolo": _("Titolo (A-Z)"),
    "replicate": _("Più replicate"),
}
# A practice's furthest replication in another Province, as a number the facet groups by.
REPLICATION_RANKS = {
    ReplicationStatus.ADOPTED: 3,
    ReplicationStatus.ADAPTING: 2,
    ReplicationStatus.INTERESTED: 1,
}


def replication_rank():
    """SQL: the furthest replication status of each practice (0: none), from one correlated subquery."""
    ranks = (
        Replication.objects.filter(practice_key=OuterRef("translation_key"))
        .annotate(
            rank=Case(
                *[When(status=status, then=Value(rank)) for status, rank in REPLICATION_RANKS.items()],
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("-rank")
        .values("rank")[:1]
    )
    return Coalesce(Subquery(ranks, output_field=IntegerField()), Value(0))


def replication_count():
    counts = (
        Replication.objects.filter(practice_key=OuterRef("translation_key"))
        .order_by()
        .values("practice_key")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


PER_PAGE = 20
FACETS_CACHE_KEY = "practices:facets:v2:{}"


@dataclass
class Facet:
    param: str
    label: str
    lookup: str  # the queryset lookup the values filter on (with __in)
    group_by: str  # the field the counts are grouped by
    choices: list  # [(value in the URL, label, value in the database)]
    widget: str = "checkbox"
    selected: list = field(default_factory=list)
    options: list = field(default_factory=list)

    @property
    def db_values(self):
        by_value = {value: db for value, _label, db in self.choices}
        return [by_value[value] for value in self.selected]


class Catalogue:
    """The catalogue for one request: ``Catalogue(index_page, request.GET).run()``."""

    def __init__(self, index_page, params, language_code):
        self.index_page = index_page
        self.params = params
        self.language_code = language_code
        self.query = clean_query(params.get("q"), practice_search.MAX_QUERY_LENGTH)
        self.facets = self.build_facets()
        sort = params.get("ordina") or ""
        default = "pertinenza" if self.query else "recenti"
        self.sort = sort if sort in SORTS and (sort != "pertinenza" or self.query) else default

    # Vocabularies (one query each, whatever the number of practices)
    def build_facets(self):
        locale = self.index_page.locale
        provinces = list(Province.objects.only("slug", "name", "sigla", "region").order_by("name"))
        regions = sorted({p.region for p in provinces})
        sectors = Sector.of_locale(locale)
        themes = list(Theme.objects.filter(locale=locale).order_by("sort_order", "name"))
        self.theme_names = {theme.translation_key: theme.name for theme in themes}
        self.sector_names = {sector.code: sector.label for sector in sectors}
        self.sectors_by_code = {sector.code: sector for sector in sectors}
        self.provinces_by_slug = {province.slug: province for province in provinces}
        current_year = 2100
        facets = [
            Facet(
                "settore",
                _("Settore"),
                "sector__code",
                "sector__code",
                [(s.code, s.label, s.code) for s in sectors],
            ),
            Facet(
                "area",
                _("Macro-area"),
                "province__macro_area",
                "province__macro_area",
                [(value, label, value) for value, label in MacroArea.choices],
            ),
            Facet(
                "regione",
                _("Regione"),
                "province__region",
                "province__region",
                [(slugify(r), r, r) for r in regions],
                widget="list",
            ),
            Facet(
                "provincia",
                _("Provincia"),
                "province__slug",
                "province__slug",
                [(p.slug, f"{p.name} ({p.sigla})", p.slug) for p in provinces],
                widget="list",
            ),
            Facet(
                "tema",
                _("Tema"),
                "themes__translation_key",
                "themes__translation_key",
                [(t.slug, t.name, t.translation_key) for t in themes],
            ),
            Facet(
                "tipo",
                _("Tipo di pratica"),
                "practice_type",
                "practice_type",
                [(value, label, value) for value, label in PracticeType.choices],
            ),
            Facet(
                "fase", _("Fase"), "stage", "stage", [(value, label, value) for value, label in Stage.choices]
            ),
            Facet("anno", _("Anno di avvio"), "start_year", "start_year", [], widget="list"),
            Facet(
                "evidenza",
                _("Livello di evidenza"),
                "evidence_level",
                "evidence_level",
                [(value, label, value) for value, label in EvidenceLevel.choices],
            ),
            Facet(
                "replica",
                _("Replica in altre Province"),
                "replication_rank",
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

    def base_queryset(self):
        return (
            PracticePage.objects.live()
            .public()
            .filter(locale=self.index_page.locale, path__startswith=self.index_page.path)
            .exclude(pk=self.index_page.pk)
            .annotate(replication_rank=replication_rank())
        )

    def apply_facets(self, queryset, skip=None):
        for facet in self.facets:
            if facet is skip or not facet.selected:
                continue
            values = [int(v) for v in facet.selected] if facet.param == "anno" else facet.db_values
            queryset = queryset.filter(**{f"{facet.lookup}__in": values})
        if any(f.selected for f in self.facets if f.param == "tema" and f is not skip):
            queryset = queryset.distinct()
        return queryset

    def searched(self):
        queryset, ranked = practice_search.search(self.base_queryset(), self.query, self.language_code)
        return queryset, ranked

    def results(self):
        queryset, ranked = self.searched()
        queryset = self.apply_facets(queryset)
        if self.sort == "pertinenza" and ranked:
            order = [F("rank").desc(), "title"]
        elif self.sort == "verificate":
            order = [F("last_verified").desc(nulls_last=True), "title"]
        elif self.sort == "titolo":
            order = ["title"]
        elif self.sort == "replicate":
            queryset = queryset.annotate(replication_count=replication_count())
            order = [F("replication_count").desc(), F("replication_rank").desc(), "title"]
        else:
            order = [F("start_year").desc(nulls_last=True), F("first_published_at").desc(nulls_last=True)]
        return queryset.select_related("sector", "province").prefetch_related("themes").order_by(*order)

    def compute_facet_counts(self):
        """All the facet counts from two queries: the facet values of every matching practice, then
        counted in Python (a practice counts for facet F when it passes every selected facet but F)."""
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
        searched, _ranked = self.searched()
        single = [f for f in self.facets if f.param != "tema"]
        rows = list(searched.order_by().values_list("pk", *[f.group_by for f in single]))
        themes = {}
        if rows:
            through = PracticePage.themes.through
            for practice_id, key in through.objects.filter(
                practicepage_id__in=searched.values("pk")
            ).values_list("practicepage_id", "theme__translation_key"):
                themes.setdefault(practice_id, set()).add(key)
        selected = []
        for facet in self.facets:
            values = {int(v) for v in facet.selected} if facet.param == "anno" else set(facet.db_values)
            selected.append(values)
        counters = [Counter() for _facet in self.facets]
        self.total = 0  # practices passing every selected facet: the number of results
        theme_index = next(i for i, f in enumerate(self.facets) if f.param == "tema")
        for row in rows:
            values = list(row[1:])
            values.insert(theme_index, themes.get(row[0], set()))
            failing = []
            for i, wanted in enumerate(selected):
                if not wanted:
                    continue
                value = values[i]
                ok = bool(value & wanted) if i == theme_index else value in wanted
                if not ok:
                    failing.append(i)
                    if len(failing) > 1:
                        break
            if len(failing) > 1:
                continue
            if not failing:
                self.total += 1
            targets = failing if failing else range(len(self.facets))
            for i in targets:
                if i == theme_index:
                    counters[i].update(values[i])
                else:
                    counters[i][values[i]] += 1
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

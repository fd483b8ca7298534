"""The site-wide search: every live, public page of the current site in the active language, and documents.

Nothing here names a page type: any page model with ``search_fields`` is found, labelled with its
``verbose_name`` and dated by its ``get_search_date()`` when it has one (the content's own date: an event's,
a news item's, a practice's last check), else not dated: the day a page was loaded says nothing to a visitor.

A search costs a fixed number of queries: the counts per type come from the database, only the page of
results shown is loaded, and nothing is written (the editors' counts go through ``search.counters``).
"""

import logging
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.models import BooleanField, Case, Count, Exists, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail import blocks, hooks
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import StreamField
from wagtail.models import CollectionViewRestriction, Locale, Page, Site

from modelsearch.index import SearchField

from core.documents import withheld_document_ids
from core.models import Comune, Province, SiteDocument
from core.models.taxonomy import normalize_name
from core.request_cache import all_top_pages, is_restricted, menu_pages, top_pages
from core.sections import collect_sections
from core.sections import province_index as province_index_for_locale
from core.text import clean_query as clean_text

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
MAX_HITS = 1000  # the results a visitor can page through: the most relevant ones (all are counted)
RESULTS_PER_PAGE = 10
PAGE_TYPE = "page"
DOCUMENT_TYPE = "document"


def clean_query(raw):
    """The query as searched: printable characters only, spaces collapsed, at most 200 characters.

    Double quotes are dropped: the backends' query syntaxes differ on them (an unbalanced one is a syntax
    error for SQLite's full-text search), and the site searches words, not phrases."""
    return clean_text((raw or "").replace('"', " "), MAX_QUERY_LENGTH)


def search_language():
    return (get_language() or "it").split("-")[0]


def type_key_for_model(model):
    """The search filter a model's results belong to: the page model says which (BasePage.search_type)."""
    if hasattr(model, "get_search_type"):
        return model.get_search_type()
    return PAGE_TYPE if model is Page else model._meta.label_lower


def type_label(key, model=None):
    if key == DOCUMENT_TYPE:
        return _("Documenti")
    if hasattr(model, "get_search_type_label"):
        return model.get_search_type_label()
    if key == PAGE_TYPE:
        return _("Pagine")
    return str(model._meta.verbose_name_plural).capitalize() if model else key


@dataclass
class Hit:
    kind: str  # "page" or "document"
    pk: int
    score: float
    type_key: str
    content_type_id: int | None = None
    obj: object = None
    url: str = ""
    title: str = ""
    label: str = ""
    date: object = None
    text: str = ""
    breadcrumbs: list = field(default_factory=list)


def _memo(request, name, compute):
    """``compute()`` once per request: the pieces every part of the search page needs (locale, home)."""
    memo = request.__dict__.setdefault("_search_memo", {})
    if name not in memo:
        memo[name] = compute()
    return memo[name]


def active_locale_filter():
    """The active locale as a filter, joined in the query (the page chrome looks the Locale up already)."""
    try:
        code = get_supported_content_language_variant(get_language())
    except LookupError:
        code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    return {"locale__language_code": code}


def active_locale(request):
    return _memo(request, "locale", Locale.get_active)


def search_root(request):
    """The home page of the request's site in the active language (``path`` and ``depth`` only), or None."""

    def compute():
        site = Site.find_for_request(request)
        if site is None:
            return None
        root = site.root_page
        for page in top_pages(active_locale(request)):  # the home pages the page chrome loads anyway
            if page.depth == root.depth and page.translation_key == root.translation_key:
                return page
        translation_key = Page.objects.filter(pk=site.root_page_id).values("translation_key")[:1]
        localized = (
            Page.objects.filter(
                Q(translation_key=Subquery(translation_key), live=True, **active_locale_filter())
                | Q(pk=site.root_page_id)
            )
            .only("path", "depth")
            .order_by(Case(When(pk=site.root_page_id, then=1), default=0))
        )
        return localized.first()

    return _memo(request, "root", compute)


def publicly_viewable(pages):
    """Pages with no view restriction on them or above them: ``.public()``, whose restrictions are read once
    per request (core.request_cache) and become path-prefix conditions, cheap for each row. (A correlated
    subquery over the restrictions instead costs a join per matching page: 110 ms at 10,000 practices.)"""
    return pages.public()


def searchable_pages(request):
    """Live, public pages of the request's site in the active language."""
    pages = publicly_viewable(Page.objects.live().filter(**active_locale_filter()))
    root = search_root(request)
    if root is not None:
        pages = pages.filter(path__startswith=root.path, depth__gte=root.depth)
    return pages


def searchable_documents(request):
    """Documents in the active language that anyone may see: outside privacy-restricted collections (and
    their sub-collections) and not an unpublished working-group output."""
    restricted = CollectionViewRestriction.objects.filter(
        collection__path=Substr(OuterRef("collection__path"), 1, Length("collection__path"))
    )
    return (
        SiteDocument.objects.filter(language=search_language())
        .exclude(Exists(restricted))
        .exclude(id__in=_memo(request, "withheld", lambda: list(withheld_document_ids())))
    )


def _search(queryset, query, operator):
    model = queryset.model
    return model.objects.filter(pk__in=queryset.values("pk")).search(query, operator=operator)


def _rejected(query):
    # A query the backend's own syntax rejects finds nothing; it never breaks the page.
    logger.warning("search query rejected by the backend: %r", query)


class Search:
    """One search: counts per type from the database (aggregates), and the hits of one page of results.

    Pages and documents are ranked by the same backend; a page of results merges the best ``n`` of each,
    ``n`` being the last result the page shows, so nothing beyond it is loaded."""

    def __init__(self, request, query, operator="and"):
        self.request, self.query, self.operator = request, query, operator
        self.pages = _search(searchable_pages(request), query, operator)
        self.documents = _search(searchable_documents(request), query, operator)
        self.models = {}
        self.page_counts = self._page_counts()  # {content type id: count}
        self.document_count = self._count(self.documents)

    def _page_counts(self):
        try:
            matched = self.pages.get_queryset().order_by().values("pk")
            counts = dict(
                Page.objects.filter(pk__in=matched)
                .order_by()
                .values_list("content_type_id")
                .annotate(count=Count("pk"))
                .values_list("content_type_id", "count")
            )
        except DatabaseError:
            _rejected(self.query)
            return {}
        for content_type_id in counts:
            self.models[content_type_id] = ContentType.objects.get_for_id(content_type_id).model_class()
        return counts

    def _count(self, results):
        try:
            return results.count()
        except DatabaseError:
            _rejected(self.query)
            return 0

    @property
    def total(self):
        return sum(self.page_counts.values()) + self.document_count

    def facets(self):
        """[(key, label, count)] for the types present: pages first, documents last."""
        counts, models = {}, {}
        for content_type_id, count in self.page_counts.items():
            model = self.models[content_type_id]
            key = type_key_for_model(model)
            counts[key] = counts.get(key, 0) + count
            models.setdefault(key, model)
        if self.document_count:
            counts[DOCUMENT_TYPE] = self.document_count
        order = sorted(
            counts,
            key=lambda key: (key == DOCUMENT_TYPE, key != PAGE_TYPE, str(type_label(key, models.get(key)))),
        )
        return [(key, type_label(key, models.get(key)), counts[key]) for key in order]

    def hits(self, type_key=""):
        """The results of the type (all when empty) as a sequence the paginator can slice and count."""
        return Hits(self, type_key)

    def count(self, type_key=""):
        if not type_key:
            return self.total
        if type_key == DOCUMENT_TYPE:
            return self.document_count
        return sum(n for pk, n in self.page_counts.items() if type_key_for_model(self.models[pk]) == type_key)

    def best(self, n, type_key=""):
        """The ``n`` best hits of the type, best first."""
        hits = []
        if type_key != DOCUMENT_TYPE and self.page_counts:
            pages = self.pages
            if type_key:
                wanted = [pk for pk, model in self.models.items() if type_key_for_model(model) == type_key]
                pages = Page.objects.filter(
                    pk__in=searchable_pages(self.request).filter(content_type_id__in=wanted).values("pk")
                ).search(self.query, operator=self.operator)
            for page, score in _scored(pages, n):
                hits.append(
                    Hit(
                        "page",
                        page.pk,
                        score,
                        type_key_for_model(self.models[page.content_type_id]),
                        content_type_id=page.content_type_id,
                        obj=page,
                    )
                )
        if type_key in ("", DOCUMENT_TYPE) and self.document_count:
            for document, score in _scored(self.documents, n):
                hits.append(Hit("document", document.pk, score, DOCUMENT_TYPE, obj=document))
        hits.sort(key=lambda hit: -hit.score)
        return hits[:n]


def _scored(results, limit):
    """(object, score) pairs, best first; scores turned “higher is better” (SQLite's bm25 is negative)."""
    try:
        scored = [(obj, obj._score or 0.0) for obj in results.annotate_score("_score")[:limit]]
    except DatabaseError:
        _rejected(results.query_compiler.query)
        return []
    if connection.vendor == "sqlite":  # bm25: lower is better
        scored = [(obj, -score) for obj, score in scored]
    return scored


class Hits:
    """A search's hits of one type, counted by the database and loaded a page at a time."""

    def __init__(self, search, type_key):
        self.search, self.type_key = search, type_key

    def count(self):
        return min(self.search.count(self.type_key), MAX_HITS)

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item : item + 1][0]
        stop = min(item.stop if item.stop is not None else self.count(), MAX_HITS)
        return self.search.best(stop, self.type_key)[item.start or 0 : stop]


def _as_date(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value if isinstance(value, date) else None


def block_text(block, value):
    """The readable text of a StreamField value: its words, not the labels of choices or chosen objects."""
    if value is None or isinstance(block, (blocks.ChoiceBlock, blocks.ChooserBlock)):
        return []
    if isinstance(block, blocks.StreamBlock):
        return [text for child in value for text in block_text(child.block, child.value)]
    if isinstance(block, blocks.StructBlock):
        return [
            text for name, child in block.child_blocks.items() for text in block_text(child, value.get(name))
        ]
    if isinstance(block, blocks.ListBlock):
        return [text for item in value for text in block_text(block.child_block, item)]
    return [str(text) for text in block.get_searchable_content(value)]


def searchable_text(obj):
    """The plain text of an object's indexed fields (titles excluded), in the order they are declared."""
    texts = []
    seen = set()
    for search_field in obj.get_search_fields():
        name = search_field.field_name
        if not isinstance(search_field, SearchField) or name == "title" or name in seen:
            continue
        seen.add(name)
        model_field = search_field.get_field(obj.__class__)
        if isinstance(model_field, StreamField):
            value = getattr(obj, model_field.attname)
            texts.extend(block_text(model_field.stream_block, value))
            continue
        value = search_field.get_value(obj)
        if isinstance(value, (list, tuple)):
            texts.extend(str(item) for item in value)
        elif value:
            texts.append(str(value))
    unique = list(dict.fromkeys(" ".join(text.split()) for text in texts))
    return " ".join(text for text in unique if text)


SUMMARY_LENGTH = 4000  # of the text a result's snippet is cut from


def summary_kind(obj):
    return PAGE_TYPE if isinstance(obj, Page) else obj._meta.label_lower


def write_summaries(objs):
    """Store what a result shows of each object (plain text, own date): called when objects are indexed."""
    from search.models import SearchSummary

    summaries = []
    for obj in objs:
        get_date = getattr(obj, "get_search_date", None)
        summaries.append(
            SearchSummary(
                kind=summary_kind(obj),
                object_id=str(obj.pk),
                text=searchable_text(obj)[:SUMMARY_LENGTH],
                date=_as_date(get_date()) if callable(get_date) else None,
            )
        )
    if summaries:
        SearchSummary.objects.bulk_create(
            summaries,
            update_conflicts=True,
            unique_fields=["kind", "object_id"],
            update_fields=["text", "date"],
            batch_size=200,
        )


def hydrate(request, hits):
    """Load what the template shows for one page of hits, in a fixed number of queries."""
    from search.models import SearchSummary

    page_ids = [hit.pk for hit in hits if hit.kind == "page"]
    pages = {hit.pk: hit.obj for hit in hits if hit.kind == "page" and isinstance(hit.obj, Page)}
    missing = [pk for pk in page_ids if pk not in pages]
    if missing:
        pages.update(Page.objects.filter(pk__in=missing).in_bulk())
    summaries = (
        {
            int(summary.object_id): summary
            for summary in SearchSummary.objects.filter(
                kind=PAGE_TYPE, object_id__in=[str(pk) for pk in page_ids]
            )
        }
        if page_ids
        else {}
    )
    documents = {hit.pk: hit.obj for hit in hits if hit.kind == "document" and hit.obj is not None}
    root = search_root(request)
    root_depth = root.depth if root is not None else 2
    prefixes = {page.path[: 4 * depth] for page in pages.values() for depth in range(root_depth, page.depth)}
    # The home pages and their children are loaded for the page chrome already; deeper ancestors are read here.
    top = {page.path: page for page in all_top_pages()}
    ancestors = {path: top[path] for path in prefixes if path in top}
    if missing := prefixes - ancestors.keys():
        ancestors.update(
            (p.path, p)
            for p in Page.objects.filter(path__in=missing).only("title", "path", "depth", "url_path")
        )
    for hit in hits:
        if hit.kind == "page":
            page = pages.get(hit.pk)
            if page is None:
                hit.obj = None
                continue
            summary = summaries.get(page.pk)
            hit.obj = page
            hit.url = page.get_url(request)
            hit.title = page.title
            hit.label = str(page.specific_class._meta.verbose_name) if page.specific_class else ""
            hit.date = summary.date if summary else None
            hit.text = (summary.text if summary else "") or page.search_description
            hit.breadcrumbs = [
                ancestors[page.path[: 4 * depth]]
                for depth in range(root_depth + 1, page.depth)
                if page.path[: 4 * depth] in ancestors
            ]
        else:
            document = documents.get(hit.pk)
            if document is None:
                hit.obj = None
                continue
            hit.obj = document
            hit.url = document.url
            hit.title = document.title
            hit.label = str(document.get_doc_type_display())
            hit.date = document.publication_date
            hit.text = document.description or ""
    return [hit for hit in hits if hit.obj is not None]


def promotions(request, query):
    """Editors' pinned results for this query that the visitor may see, in their order."""
    pinned = SearchPromotion.objects.filter(query__query_string=query.lower()).select_related("page")
    page_ids = [p.page_id for p in pinned if p.page_id]
    allowed = (
        set(searchable_pages(request).filter(pk__in=page_ids).values_list("pk", flat=True))
        if page_ids
        else set()
    )
    return [p for p in pinned if (p.page_id in allowed) or (not p.page_id and p.external_link_url)]


def helpful_links(request, with_home_sections=True):
    """For the page without a query (or without results): the sectors, the site's sections and the site map,
    and (on the page without a query) the blocks other apps put on the home page (latest news, upcoming
    events) through its hook. A search without results gets the sectors and sections only: it must cost no
    more than a search with results.

    The sectors and the site map come from the ``search_helpful_links`` hooks (registered by ``home``),
    each called with the request, the searchable pages and the home page, and returning lists of
    ``sectors`` and of extra ``sections``."""
    pages = searchable_pages(request)
    root = search_root(request)
    home = root
    if root is not None and with_home_sections:
        home = Page.objects.get(pk=root.pk).specific
    sectors, extra_sections = [], []
    for hook in hooks.get_hooks("search_helpful_links"):
        links = hook(request, pages, home)
        sectors += links.get("sectors", [])
        extra_sections += links.get("sections", [])
    if home is None:
        return {"sectors": sectors}
    links = {"sectors": sectors, "sections": menu_pages(home) + extra_sections}
    if with_home_sections:
        links.update(home_page=home, home_sections=collect_sections("home_page_sections", request, home))
    return links


PROVINCE_NAMES_KEY = "search:province-names"
COMUNE_NAMES_KEY = "search:comune-names"
PLACE_PREFIXES = ("provincia di ", "province of ", "comune di ", "municipality of ", "the province of ")


def place_shortcuts(request, query, limit=10):
    """A Province or a Comune named like the query: a direct link to the Province's page (its services)."""
    name = normalize_name(query)
    for prefix in PLACE_PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix) :].strip()
    if len(name) < 2 or len(name.split()) > 5:
        return []
    province_names, comune_names = place_names()
    province_ids = province_names.get(name, [])
    comune_ids = comune_names.get(name, [])
    comuni = (
        list(Comune.objects.filter(pk__in=comune_ids).select_related("province")[:limit])
        if comune_ids
        else []
    )
    if not province_ids and not comuni:
        return []
    province_index = province_index_for_locale(active_locale(request))
    if province_index is None or is_restricted(province_index):
        return []
    shortcuts = []
    # A Comune that gives its name to its Province (Treviso) brings the Province along.
    known = {comune.province.pk: comune.province for comune in comuni}
    provinces = [known[pk] for pk in province_ids if pk in known]
    if set(province_ids) - known.keys():
        provinces = list(Province.objects.filter(pk__in=province_ids))
    for province in sorted(provinces, key=lambda province: (province.name, province.sigla))[:limit]:
        shortcuts.append(
            {"kind": "province", "province": province, "url": province_index.province_url(province)}
        )
    for comune in comuni:
        shortcuts.append(
            {
                "kind": "comune",
                "comune": comune,
                "province": comune.province,
                "url": province_index.province_url(comune.province),
            }
        )
    return shortcuts


def place_names():
    """({lower-case name: [Province ids]}, {normalized name: [Comune ids]}): the Provinces and the Comuni are
    reference data, kept in the cache for an hour and read together in one query when it has lost them."""
    found = cache.get_many([PROVINCE_NAMES_KEY, COMUNE_NAMES_KEY])
    if len(found) == 2:
        return found[PROVINCE_NAMES_KEY], found[COMUNE_NAMES_KEY]
    provinces, comuni = {}, {}
    is_province = Value(True, output_field=BooleanField())
    rows = (
        Province.objects.order_by()
        .values_list("pk", "name", is_province)
        .union(
            Comune.objects.order_by().values_list(
                "pk", "name_normalized", Value(False, output_field=BooleanField())
            ),
            all=True,
        )
    )
    for pk, place_name, province in rows:
        if province:
            provinces.setdefault(normalize_name(place_name), []).append(pk)
        else:
            comuni.setdefault(place_name, []).append(pk)
    cache.set_many({PROVINCE_NAMES_KEY: provinces, COMUNE_NAMES_KEY: comuni}, 3600)
    return provinces, comuni

"""The site-wide search: every live, public page of the current site in the active language, and documents.

Nothing here names a page type: any page model with ``search_fields`` is found, labelled with its
``verbose_name`` and dated by its ``get_search_date()`` when it has one (else its first publication).
"""

import logging
from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, NotSupportedError, ProgrammingError, connection, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail import blocks, hooks
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.fields import StreamField
from wagtail.models import Collection, Locale, Page, Site

from modelsearch.index import SearchField
from modelsearch.query import Fuzzy

from core.documents import public_documents
from core.models import Comune, Province, SiteDocument
from core.models.taxonomy import normalize_name
from core.sections import collect_sections
from core.sections import province_index as province_index_for_locale

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
MAX_HITS = 1000  # per kind (pages, documents): the most relevant are ranked, filtered and counted
RESULTS_PER_PAGE = 10
PAGE_TYPE = "page"
DOCUMENT_TYPE = "document"


def clean_query(raw):
    """The query as searched: printable characters only, spaces collapsed, at most 200 characters.

    Double quotes are dropped: the backends' query syntaxes differ on them (an unbalanced one is a syntax
    error for SQLite's full-text search), and the site searches words, not phrases."""
    text = "".join(ch if ch.isprintable() and ch != '"' else " " for ch in (raw or ""))
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


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


def searchable_pages(request):
    """Live, public pages of the request's site in the active language."""
    pages = Page.objects.live().public().filter(locale=Locale.get_active())
    site = Site.find_for_request(request)
    if site is not None:
        pages = pages.descendant_of(site.root_page.localized, inclusive=True)
    return pages


def searchable_documents():
    """Documents in the active language that anyone may see: outside privacy-restricted collections (and
    their sub-collections) and not an unpublished working-group output."""
    documents = public_documents().filter(language=search_language())
    restricted = Collection.objects.filter(view_restrictions__isnull=False).values_list("path", flat=True)
    for path in restricted:
        documents = documents.exclude(collection__path__startswith=path)
    return documents


def _scored(queryset, query, operator, limit, fields=("pk",)):
    """(object, score) pairs, best first. The filters are applied as a sub-query the backend need not index;
    only ``fields`` are loaded: the page of results shown is loaded in full later."""
    model = queryset.model
    results = (
        model.objects.filter(pk__in=queryset.values("pk")).only(*fields).search(query, operator=operator)
    )
    try:
        with transaction.atomic():
            scored = [(obj, obj._score or 0.0) for obj in results.annotate_score("_score")[:limit]]
    except DatabaseError:
        # A query the backend's own syntax rejects finds nothing; it never breaks the page.
        logger.warning("search query rejected by the backend: %r", query)
        return []
    # Results come best first; some backends score “lower is better” (SQLite's bm25 is negative): turn
    # every score into “higher is better” so pages and documents can be merged.
    if len(scored) > 1 and scored[0][1] < scored[-1][1]:
        scored = [(obj, -score) for obj, score in scored]
    return scored


def find(request, query, operator="and"):
    """Every hit for ``query``, pages and documents merged by score (best first)."""
    hits = []
    for page, score in _scored(
        searchable_pages(request), query, operator, MAX_HITS, ("pk", "content_type_id")
    ):
        hits.append(Hit("page", page.pk, score, "", content_type_id=page.content_type_id))
    for document, score in _scored(searchable_documents(), query, operator, MAX_HITS):
        hits.append(Hit("document", document.pk, score, DOCUMENT_TYPE))
    content_types = {
        pk: ContentType.objects.get_for_id(pk)
        for pk in {h.content_type_id for h in hits if h.content_type_id}
    }
    for hit in hits:
        if hit.kind == "page":
            hit.type_key = type_key_for_model(content_types[hit.content_type_id].model_class())
    hits.sort(key=lambda hit: -hit.score)
    return hits, content_types


def facets(hits, content_types):
    """[(key, label, count)] for the types present in the hits: pages first, documents last."""
    counts, models = {}, {}
    for hit in hits:
        counts[hit.type_key] = counts.get(hit.type_key, 0) + 1
        if hit.content_type_id and hit.type_key not in models:
            models[hit.type_key] = content_types[hit.content_type_id].model_class()
    order = sorted(
        counts,
        key=lambda key: (key == DOCUMENT_TYPE, key != PAGE_TYPE, str(type_label(key, models.get(key)))),
    )
    return [(key, type_label(key, models.get(key)), counts[key]) for key in order]


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


def hydrate(request, hits):
    """Load what the template shows for one page of hits, in a fixed number of queries."""
    page_ids = [hit.pk for hit in hits if hit.kind == "page"]
    pages = Page.objects.filter(pk__in=page_ids).specific().in_bulk() if page_ids else {}
    documents = SiteDocument.objects.filter(
        pk__in=[hit.pk for hit in hits if hit.kind == "document"]
    ).in_bulk()
    site = Site.find_for_request(request)
    root_depth = site.root_page.depth if site else 2
    prefixes = {page.path[: 4 * depth] for page in pages.values() for depth in range(root_depth, page.depth)}
    ancestors = {
        p.path: p for p in Page.objects.filter(path__in=prefixes).only("title", "path", "depth", "url_path")
    }
    for hit in hits:
        if hit.kind == "page":
            page = pages.get(hit.pk)
            if page is None:
                continue
            hit.obj = page
            hit.url = page.get_url(request)
            hit.title = page.title
            hit.label = str(page._meta.verbose_name)
            get_date = getattr(page, "get_search_date", None)
            hit.date = _as_date(get_date() if callable(get_date) else page.first_published_at)
            hit.text = searchable_text(page) or page.search_description
            hit.breadcrumbs = [
                ancestors[page.path[: 4 * depth]]
                for depth in range(root_depth + 1, page.depth)
                if page.path[: 4 * depth] in ancestors
            ]
        else:
            document = documents.get(hit.pk)
            if document is None:
                continue
            hit.obj = document
            hit.url = document.url
            hit.title = document.title
            hit.label = str(document.get_doc_type_display())
            hit.date = document.publication_date or _as_date(document.created_at)
            hit.text = document.description or ""
    return [hit for hit in hits if hit.obj is not None]


def fuzzy_hits(request, query, limit=5):
    """Spelling-tolerant matches (PostgreSQL with pg_trgm only); [] where the backend cannot do it."""
    if connection.vendor != "postgresql":
        return []
    pages = Page.objects.filter(pk__in=searchable_pages(request).values("pk"))
    try:
        with transaction.atomic():
            found = list(pages.search(Fuzzy(query))[:limit])
    except (NotSupportedError, ProgrammingError, NotImplementedError):
        return []
    return [Hit("page", page.pk, 0.0, "", content_type_id=page.content_type_id) for page in found]


def promotions(request, query):
    """Editors' pinned results for this query that the visitor may see, in their order."""
    pinned = SearchPromotion.objects.filter(query__query_string=query.lower()).select_related("page")
    allowed = set(
        searchable_pages(request)
        .filter(pk__in=[p.page_id for p in pinned if p.page_id])
        .values_list("pk", flat=True)
    )
    return [p for p in pinned if (p.page_id in allowed) or (not p.page_id and p.external_link_url)]


def helpful_links(request):
    """For the page without a query (or without results): the sectors, the site's sections and the site map,
    and the blocks other apps put on the home page (latest news, upcoming events) through its hook.

    The sectors and the site map come from the ``search_helpful_links`` hooks (registered by ``home``),
    each called with the request, the searchable pages and the home page, and returning lists of
    ``sectors`` and of extra ``sections``."""
    pages = searchable_pages(request)
    site = Site.find_for_request(request)
    home = site.root_page.localized.specific if site is not None else None
    sectors, extra_sections = [], []
    for hook in hooks.get_hooks("search_helpful_links"):
        links = hook(request, pages, home)
        sectors += links.get("sectors", [])
        extra_sections += links.get("sections", [])
    if home is None:
        return {"sectors": sectors}
    return {
        "sectors": sectors,
        "sections": list(pages.child_of(home).in_menu()) + extra_sections,
        "home_page": home,
        "home_sections": collect_sections("home_page_sections", request, home),
    }


PLACE_PREFIXES = ("provincia di ", "province of ", "comune di ", "municipality of ", "the province of ")


def place_shortcuts(request, query, limit=10):
    """A Province or a Comune named like the query: a direct link to the Province's page (its services)."""
    name = normalize_name(query)
    for prefix in PLACE_PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix) :].strip()
    if len(name) < 2:
        return []
    province_index = province_index_for_locale(Locale.get_active())
    if province_index is None or not searchable_pages(request).filter(pk=province_index.pk).exists():
        return []
    shortcuts = []
    for province in Province.objects.filter(name__iexact=name)[:limit]:
        shortcuts.append(
            {"kind": "province", "province": province, "url": province_index.province_url(province)}
        )
    for comune in Comune.objects.filter(name_normalized=name).select_related("province")[:limit]:
        shortcuts.append(
            {
                "kind": "comune",
                "comune": comune,
                "province": comune.province,
                "url": province_index.province_url(comune.province),
            }
        )
    return shortcuts

"""Synthetic example practices for development and benchmarks: deterministic, visibly marked as examples.

Besides published practices, it makes example proposals (drafts of a Province, not yet validated),
replications by other Provinces and contacts, all marked as examples. Everything is written in bulk:
the page rows and the practice rows with ``bulk_create`` (Wagtail pages are a multi-table model, so the
practice rows are inserted with the page pointers they extend), tree paths computed as treebeard would
compute them, themes and replications with ``bulk_create``, the search index in batches.
"""

import datetime
import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from core.models import Province, Sector, Theme
from core.models.taxonomy import normalize_name
from practices import listing
from practices.choices import EvidenceLevel, EvidenceSource, PracticeType, ReplicationStatus, Stage
from practices.coverage import invalidate_coverage
from practices.models import PracticeIndexPage, PracticePage, Replication
from practices.search import refresh_search_documents

BATCH = 1000
PROPOSAL_EVERY = 20  # one practice in 20 is an example proposal: a draft, not yet validated by UPI
REPLICATED_EVERY = 7  # one practice in 7 is replicated (1 to 3 other Provinces)

SUBJECTS = {
    "sua": [
        ("gare d'appalto per lavori pubblici", "public works tenders"),
        ("acquisti di beni e servizi", "purchases of goods and services"),
        ("appalti di servizi sociali", "social services contracts"),
    ],
    "europa": [
        ("progettazione europea", "European project design"),
        ("ricerca di bandi e fondi europei", "search for EU calls and funds"),
        ("rendicontazione dei progetti finanziati", "reporting on funded projects"),
    ],
    "innovazione": [
        ("servizi digitali ai cittadini", "digital services for citizens"),
        ("raccolta ed elaborazione di dati territoriali", "collection and processing of territorial data"),
        ("assistenza informatica ai Comuni", "IT support for the Comuni"),
    ],
}


class _Tree:
    """Hands out the paths of new children of one page, as treebeard's add_child would."""

    def __init__(self, parent):
        self.parent = parent
        last = (
            Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
            .order_by("-path")
            .first()
        )
        self.next_step = (Page._str2int(last.path[-Page.steplen :]) if last else 0) + 1
        self.added = 0

    def path(self):
        path = Page._get_path(self.parent.path, self.parent.depth + 1, self.next_step)
        self.next_step += 1
        self.added += 1
        return path

    def save(self):
        Page.objects.filter(pk=self.parent.pk).update(numchild=F("numchild") + self.added)


def _insert_practices(pages):
    """bulk_create the Page rows, then the PracticePage rows extending them (Django's bulk_create refuses
    multi-table models: the child rows are inserted with their page pointer, the same on every database)."""
    base_fields = [f.attname for f in Page._meta.concrete_fields if not f.primary_key]
    parents = Page.objects.bulk_create(
        [Page(**{name: getattr(page, name) for name in base_fields}) for page in pages], batch_size=BATCH
    )
    for page, parent in zip(pages, parents, strict=True):
        page.pk = page.id = page.page_ptr_id = parent.pk
    fields = [f for f in PracticePage._meta.local_concrete_fields]
    PracticePage._base_manager._insert(pages, fields=fields, using="default")
    return pages


def generate(count, seed=2021, languages=("it", "en")):
    """Create ``count`` example practices (and their English versions); returns how many were created."""
    rng = random.Random(seed)  # noqa: S311 (reproducible example data, nothing secret)
    provinces = list(Province.objects.order_by("istat_code"))
    indexes = {i.locale.language_code: i for i in PracticeIndexPage.objects.select_related("locale")}
    sectors = {(s.locale.language_code, s.code): s for s in Sector.objects.select_related("locale")}
    themes = list(Theme.objects.filter(locale=indexes["it"].locale).order_by("sort_order"))
    existing = PracticePage.objects.filter(is_example=True, locale=indexes["it"].locale).count()
    content_type = ContentType.objects.get_for_model(PracticePage)
    now = timezone.now()
    created = 0
    with transaction.atomic():
        trees = {language: _Tree(index) for language, index in indexes.items() if language in languages}
        for start in range(existing + 1, existing + count + 1, BATCH):
            numbers = range(start, min(start + BATCH, existing + count + 1))
            pages, theme_links, replications = [], [], []
            for number in numbers:
                # Published a minute apart, as a catalogue grows, the highest number last.
                published = now - datetime.timedelta(minutes=existing + count - number)
                made = _example(
                    rng,
                    number,
                    provinces,
                    themes,
                    sectors,
                    indexes,
                    trees,
                    content_type,
                    published,
                    languages,
                )
                pages.extend(made["pages"])
                theme_links.extend(made["themes"])
                replications.extend(made["replications"])
            _insert_practices(pages)
            through = PracticePage.themes.through
            through.objects.bulk_create(
                [
                    through(practicepage_id=page.pk, theme_id=theme.pk)
                    for page, picked in theme_links
                    for theme in picked
                ],
                batch_size=BATCH,
            )
            Replication.objects.bulk_create(replications, batch_size=BATCH)
            backend = get_search_backend()
            backend.add_bulk(PracticePage, pages)
            refresh_search_documents([page.pk for page in pages])
            listing.sync_practices([page.pk for page in pages])
            created += len(pages)
        for tree in trees.values():
            tree.save()
    invalidate_coverage()
    return created


def _example(rng, number, provinces, themes, sectors, indexes, trees, content_type, now, languages):
    province = provinces[number % len(provinces)]
    code = ["sua", "europa", "innovazione"][number % 3]
    subject_it, subject_en = rng.choice(SUBJECTS[code])
    start = rng.randint(2005, 2021)
    proposal = number % PROPOSAL_EVERY == 0
    values = {
        "code": f"ES-{code[:3].upper()}-{province.sigla}-{number:05d}",
        "is_example": True,
        "province": province,
        "practice_type": rng.choice(PracticeType.values),
        "stage": rng.choice(Stage.values),
        "start_year": start,
        "last_verified": datetime.date(2021, 1, 1) + datetime.timedelta(days=rng.randint(0, 700)),
        "comuni_count": rng.randint(3, 120),
        "evidence_source": rng.choice(EvidenceSource.values),
        # A proposal has no evidence level yet: UPI sets it when it validates.
        "evidence_level": "" if proposal else rng.choice(EvidenceLevel.values),
        "contact_email": f"buone-pratiche-{province.sigla.lower()}@esempio.invalid",
    }
    picked = rng.sample(themes, k=min(2, len(themes))) if themes else []
    texts = {
        "it": (
            f"[Esempio] Servizio associato per {subject_it} n. {number}",
            f"Esempio generato: la Provincia di {province.name} offre ai Comuni un servizio per {subject_it}.",
            f"<p>Testo di esempio. I Comuni chiedevano supporto per {subject_it}; la Provincia ha "
            f"organizzato un ufficio dedicato con personale specializzato.</p>",
            f"[Esempio] Ufficio associato della Provincia di {province.name}",
        ),
        "en": (
            f"[Example] Shared service for {subject_en} no. {number}",
            f"Generated example: the Province of {province.name} offers the Comuni a service for {subject_en}.",
            f"<p>Example text. The Comuni asked for support with {subject_en}; the Province set up a "
            f"dedicated office with specialised staff.</p>",
            f"[Example] Shared office of the Province of {province.name}",
        ),
    }
    translation_key = uuid.uuid4()
    published = None if proposal else now
    made = {"pages": [], "themes": [], "replications": []}
    for language in languages:
        index = indexes.get(language)
        if index is None:
            continue
        title, summary, context, office = texts[language]
        slug = f"esempio-{number:05d}"
        page = PracticePage(
            title=title,
            draft_title=title,
            slug=slug,
            summary=summary,
            context=context,
            contact_office=office,
            sector=sectors[(language, code)],
            locale=index.locale,
            translation_key=translation_key,
            live=not proposal,
            has_unpublished_changes=proposal,
            first_published_at=published,
            last_published_at=published,
            content_type=content_type,
            path=trees[language].path(),
            depth=index.depth + 1,
            numchild=0,
            url_path=f"{index.url_path}{slug}/",
            **values,
        )
        page.search_title = normalize_name(f"{page.code} {page.title}")
        page.search_text = page.build_search_text()
        made["pages"].append(page)
        made["themes"].append((page, picked))
    if not proposal and number % REPLICATED_EVERY == 0:
        others = [p for p in provinces if p.pk != province.pk]
        italian = made["pages"][0]
        for other in rng.sample(others, k=rng.randint(1, 3)):
            made["replications"].append(
                Replication(
                    practice=italian,
                    province=other,
                    status=rng.choice(ReplicationStatus.values),
                    date=datetime.date(2021, 1, 1) + datetime.timedelta(days=rng.randint(0, 700)),
                    note="Replica di esempio, generata per prova.",
                    is_example=True,
                    practice_key=translation_key,
                )
            )
    return made

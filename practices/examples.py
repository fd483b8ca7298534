"""Synthetic example practices for development and benchmarks: deterministic, visibly marked as examples."""

import datetime
import random

from django.utils import timezone

from core.models import Province, Sector, Theme
from practices.choices import EvidenceLevel, EvidenceSource, PracticeType, Stage
from practices.models import PracticeIndexPage, PracticePage

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


def generate(count, seed=2021, languages=("it", "en")):
    """Create ``count`` example practices (and their English versions); returns how many were created."""
    rng = random.Random(seed)  # noqa: S311 (reproducible example data, nothing secret)
    provinces = list(Province.objects.order_by("istat_code"))
    indexes = {i.locale.language_code: i for i in PracticeIndexPage.objects.select_related("locale")}
    sectors = {(s.locale.language_code, s.code): s for s in Sector.objects.select_related("locale")}
    themes = list(Theme.objects.filter(locale=indexes["it"].locale).order_by("sort_order"))
    existing = PracticePage.objects.filter(is_example=True, locale=indexes["it"].locale).count()
    created_ids = []
    now = timezone.now()
    for number in range(existing + 1, existing + count + 1):
        province = provinces[number % len(provinces)]
        code = ["sua", "europa", "innovazione"][number % 3]
        subject_it, subject_en = rng.choice(SUBJECTS[code])
        start = rng.randint(2005, 2021)
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
            "evidence_level": rng.choice(EvidenceLevel.values),
        }
        picked = rng.sample(themes, k=min(2, len(themes))) if themes else []
        texts = {
            "it": (
                f"[Esempio] Servizio associato per {subject_it} n. {number}",
                f"Esempio generato: la Provincia di {province.name} offre ai Comuni un servizio per {subject_it}.",
                f"<p>Testo di esempio. I Comuni chiedevano supporto per {subject_it}; la Provincia ha "
                f"organizzato un ufficio dedicato con personale specializzato.</p>",
            ),
            "en": (
                f"[Example] Shared service for {subject_en} no. {number}",
                f"Generated example: the Province of {province.name} offers the Comuni a service for {subject_en}.",
                f"<p>Example text. The Comuni asked for support with {subject_en}; the Province set up a "
                f"dedicated office with specialised staff.</p>",
            ),
        }
        translation_key = None
        for language in languages:
            index = indexes.get(language)
            if index is None:
                continue
            title, summary, context = texts[language]
            page = PracticePage(
                title=title,
                slug=f"esempio-{number:05d}",
                summary=summary,
                context=context,
                sector=sectors[(language, code)],
                locale=index.locale,
                live=True,
                first_published_at=now,
                last_published_at=now,
                **values,
            )
            if translation_key is not None:
                page.translation_key = translation_key
            page.themes.set(picked)
            index.add_child(instance=page)
            translation_key = page.translation_key
            created_ids.append(page.pk)
    return len(created_ids)

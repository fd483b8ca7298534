"""The catalogue's facet counts come from SQL aggregates: they must equal the counts of the plain Python
reference below (every matching practice loaded, then counted) on a fixed dataset, on SQLite and on
PostgreSQL alike. Disjunctive: a practice counts for facet F when it passes every selected facet but F."""

from collections import Counter

from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import translation

import pytest

from core.models import Theme
from practices import listing
from practices import search as practice_search
from practices.catalogue import Catalogue
from practices.examples import generate
from practices.models import PracticeIndexPage, PracticePage, Replication

pytestmark = pytest.mark.django_db

CASES = [
    "",
    "q=appalti",
    "q=servizio+digitali",
    "settore=sua",
    "settore=sua&area=nord-est",
    "q=appalti+gare&settore=sua&area=nord-est",
    "settore=sua&settore=europa&anno=2010&anno=2018",
    "tema={theme}",
    "tema={theme}&tema={other_theme}&fase=operativa",
    "replica=adottata&settore=europa",
    "replica=nessuna&tipo=servizio",
    "provincia=treviso&provincia=padova&evidenza=4-misurata",
    "regione=veneto&tipo=servizio&fase=pilota&anno=2015",
    "q=parolainesistente&settore=sua",
    "area=sud&tema={theme}&replica=interessata&anno=2012",
]


# What each facet reads on a practice (the reference reads the practices, not the listing table).
RANKS = {"adottata": 3, "in-adattamento": 2, "interessata": 1}
VALUE_OF = {
    "settore": lambda p: p.sector.code,
    "area": lambda p: p.province.macro_area if p.province else None,
    "regione": lambda p: p.province.region if p.province else None,
    "provincia": lambda p: p.province.slug if p.province else None,
    "tema": lambda p: {theme.translation_key for theme in p.themes.all()},
    "tipo": lambda p: p.practice_type,
    "fase": lambda p: p.stage,
    "anno": lambda p: p.start_year,
    "evidenza": lambda p: p.evidence_level,
    "replica": lambda p: max(
        (RANKS.get(r.status, 0) for r in Replication.objects.filter(practice_key=p.translation_key)),
        default=0,
    ),
}


def reference_practices(catalogue):
    """The practices the catalogue must list, read from the page tree as Wagtail sees it (live, public, under
    the catalogue, in its language), searched as the catalogue searches."""
    index = catalogue.index_page
    queryset = (
        PracticePage.objects.live()
        .public()
        .filter(locale=index.locale, path__startswith=index.path)
        .exclude(pk=index.pk)
    )
    queryset, _ranked = practice_search.search(queryset, catalogue.query, catalogue.language_code)
    return list(queryset.select_related("sector", "province").prefetch_related("themes"))


def reference_counts(catalogue):
    """The counts as the catalogue computed them before its SQL aggregates: in Python, practice by practice."""
    practices = reference_practices(catalogue)
    selected = [
        {int(v) for v in f.selected} if f.param == "anno" else set(f.db_values) for f in catalogue.facets
    ]
    counters = [Counter() for _facet in catalogue.facets]
    total = 0
    for practice in practices:
        values = [VALUE_OF[facet.param](practice) for facet in catalogue.facets]
        failing = [
            i
            for i, wanted in enumerate(selected)
            if wanted and not (values[i] & wanted if isinstance(values[i], set) else values[i] in wanted)
        ]
        if len(failing) > 1:
            continue
        total += not failing
        for i in failing or range(len(values)):
            if isinstance(values[i], set):
                counters[i].update(values[i])
            else:
                counters[i][values[i]] += 1
    return counters, total


@pytest.fixture(scope="module")
def dataset(site_content, module_db):
    """300 example practices (themes, replications, proposals) on top of the reference ones, rolled back
    after the module (``module_db``): deleting them page by page took longer than the tests."""
    with module_db.unblock():
        generate(300, seed=7)


@pytest.mark.parametrize("language", ["it", "en"])
def test_sql_counts_equal_the_python_reference(dataset, language):
    index = PracticeIndexPage.objects.get(locale__language_code=language)
    themes = list(Theme.objects.filter(locale=index.locale).order_by("sort_order"))
    assert len(themes) >= 2
    checked = 0
    with translation.override(language):
        for case in CASES:
            params = QueryDict(case.format(theme=themes[0].slug, other_theme=themes[1].slug))
            catalogue = Catalogue(index, params, language)
            with CaptureQueriesContext(connection) as captured:
                counters = catalogue.count_facets()
            assert len(captured.captured_queries) == 1, case  # one SQL statement, whatever the filters
            expected, total = reference_counts(catalogue)
            assert catalogue.total == total, case
            for facet, got, wanted in zip(catalogue.facets, counters, expected, strict=True):
                assert +got == +wanted, (case, facet.param)
            checked += total > 0
    assert checked >= 10  # the cases are not all empty


def test_counts_reach_the_page(client, dataset):
    response = client.get("/buone-pratiche/", {"q": "appalti", "settore": "sua", "area": "nord-est"})
    catalogue = response.context["catalogue"]
    expected, total = reference_counts(catalogue)
    assert response.context["page_obj"].paginator.count == total > 0
    areas = {o["value"]: o["count"] for o in next(f for f in catalogue.facets if f.param == "area").options}
    assert areas["nord-est"] == total and sum(areas.values()) == sum(expected[1].values())
    assert all(p.sector.code == "sua" for p in response.context["practices"])


def test_a_translation_pointing_to_the_italian_sector_is_found_and_counted(dataset):
    """A translated practice may still point to the Italian sector of the same code (core.taxonomy_sync,
    when the English sector did not exist yet): the sector facet matches it by code, in the results and in
    the counts."""
    from core.models import Sector

    english_index = PracticeIndexPage.objects.get(locale__language_code="en")
    practice = PracticePage.objects.live().filter(locale=english_index.locale, sector__code="sua").first()
    italian_sua = Sector.objects.get(locale__language_code="it", code="sua")
    PracticePage.objects.filter(pk=practice.pk).update(sector=italian_sua)
    listing.sync_practices([practice.pk])  # written behind Django's back
    with translation.override("en"):
        catalogue = Catalogue(english_index, QueryDict("settore=sua"), "en")
        counters = catalogue.count_facets()
        assert practice.pk in {p.pk for p in catalogue.results()}
    assert None not in counters[0]
    assert counters[0]["sua"] == catalogue.total == reference_counts(catalogue)[1]

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
from practices.catalogue import Catalogue
from practices.examples import generate
from practices.models import PracticeIndexPage, PracticePage

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


def reference_counts(catalogue):
    """The counts as the catalogue computed them before its SQL aggregates: in Python, practice by practice."""
    searched, _ranked = catalogue.searched()
    practices = list(searched.select_related("sector", "province").prefetch_related("themes"))
    selected = [
        {int(v) for v in f.selected} if f.param == "anno" else set(f.db_values) for f in catalogue.facets
    ]
    counters = [Counter() for _facet in catalogue.facets]
    total = 0
    for practice in practices:
        values = []
        for facet in catalogue.facets:
            if facet.param == "tema":
                values.append({theme.translation_key for theme in practice.themes.all()})
                continue
            value = practice
            for part in facet.group_by.split("__"):
                value = getattr(value, part) if value is not None else None
            values.append(value)
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
def dataset(django_db_setup, django_db_blocker):
    """300 example practices (themes, replications, proposals) on top of the reference ones."""
    with django_db_blocker.unblock():
        generate(300, seed=7)
        yield
        PracticePage.objects.filter(is_example=True).delete()


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
            counting = [q for q in captured.captured_queries if "pageviewrestriction" not in q["sql"]]
            assert len(counting) == 1, case  # one SQL statement, whatever the filters
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
    with translation.override("en"):
        catalogue = Catalogue(english_index, QueryDict("settore=sua"), "en")
        counters = catalogue.count_facets()
        assert practice.pk in {p.pk for p in catalogue.results()}
    assert None not in counters[0]
    assert counters[0]["sua"] == catalogue.total == reference_counts(catalogue)[1]

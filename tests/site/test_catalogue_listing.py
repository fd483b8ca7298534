"""The catalogue's listing table (practices.listing) follows the pages: whatever an editor does to a practice,
the catalogue lists exactly the live practices that no view restriction hides, with their current facets.

Each test compares the table with the page tree as Wagtail sees it (``live().public()``), and checks the
catalogue's own page over HTTP where a visitor would notice."""

import datetime

from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from wagtail.actions.move_page import MovePageAction
from wagtail.models import PageViewRestriction

import pytest

from core.models import Province
from practices.factories import PracticePageFactory
from practices.models import CatalogueEntry, PracticeIndexPage, PracticePage, Replication

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def index(language="it"):
    return PracticeIndexPage.objects.get(locale__language_code=language)


def listed(language="it"):
    return set(CatalogueEntry.objects.filter(catalogue=index(language)).values_list("page_id", flat=True))


def reference(language="it"):
    catalogue = index(language)
    return set(
        PracticePage.objects.live()
        .public()
        .filter(locale=catalogue.locale, path__startswith=catalogue.path)
        .values_list("pk", flat=True)
    )


def catalogue_html(client, language="it"):
    response = client.get(index(language).url, {"ordina": "titolo"})
    assert response.status_code == 200
    return response.content.decode()


def draft(title="Pratica in bozza sul catalogo"):
    return PracticePageFactory(title=title, live=False, first_published_at=None)


@pytest.mark.parametrize("language", ["it", "en"])
def test_the_loaded_content_is_listed_as_the_page_tree_says(language):
    assert listed(language) == reference(language) and listed(language)
    for entry in CatalogueEntry.objects.filter(catalogue=index(language)).select_related("page__sector"):
        practice = entry.page
        assert (entry.sector_code, entry.province_id, entry.stage, entry.start_year, entry.title) == (
            practice.sector.code,
            practice.province_id,
            practice.stage,
            practice.start_year,
            practice.title,
        )


def test_publishing_lists_a_practice_and_unpublishing_removes_it(client):
    practice = draft()
    practice.save_revision()
    assert practice.pk not in listed() and listed() == reference()

    practice.save_revision().publish()
    assert practice.pk in listed() and listed() == reference()
    assert "Pratica in bozza sul catalogo" in catalogue_html(client)

    # A draft of a live practice changes nothing until it is published.
    practice = PracticePage.objects.get(pk=practice.pk)
    practice.title = "Titolo ancora in bozza"
    practice.save_revision()
    assert CatalogueEntry.objects.get(page=practice).title == "Pratica in bozza sul catalogo"

    PracticePage.objects.get(pk=practice.pk).unpublish()
    assert practice.pk not in listed() and listed() == reference()
    assert "Pratica in bozza sul catalogo" not in catalogue_html(client)


def test_an_edit_that_is_published_changes_the_facets():
    practice = PracticePageFactory(title="Pratica che cambia settore")
    assert CatalogueEntry.objects.get(page=practice).province_id == Province.objects.get(sigla="TV").pk
    practice.province = Province.objects.get(sigla="LE")
    practice.title = "Pratica che ha cambiato Provincia"
    practice.save_revision().publish()
    entry = CatalogueEntry.objects.get(page=practice)
    assert (entry.province_id, entry.title) == (Province.objects.get(sigla="LE").pk, practice.title)


def test_a_view_restriction_hides_a_practice_until_it_is_lifted(client):
    practice = PracticePageFactory(title="Pratica riservata per prova")
    assert practice.pk in listed()
    restriction = PageViewRestriction.objects.create(
        page=practice, restriction_type=PageViewRestriction.LOGIN
    )
    assert practice.pk not in listed() and listed() == reference()
    assert "Pratica riservata per prova" not in catalogue_html(client)
    restriction.delete()
    assert practice.pk in listed() and listed() == reference()


def test_a_restricted_catalogue_lists_nothing_to_anyone():
    restriction = PageViewRestriction.objects.create(page=index(), restriction_type=PageViewRestriction.LOGIN)
    assert listed() == reference() == set()
    assert listed("en")  # the other language's catalogue is not restricted
    restriction.delete()
    assert listed() == reference() and listed()


def test_replications_set_the_rank_and_the_count_of_every_translation():
    practice = PracticePage.objects.get(code="SUA-TV-01", locale__language_code="it")
    translations = PracticePage.objects.filter(translation_key=practice.translation_key)
    assert translations.count() == 2

    def rows():
        return set(
            CatalogueEntry.objects.filter(page__in=translations).values_list(
                "replication_rank", "replication_count"
            )
        )

    before = rows()
    replication = Replication.objects.create(
        practice=practice,
        province=Province.objects.get(sigla="LE"),
        status="adottata",
        date=datetime.date(2021, 6, 1),
    )
    assert rows() == {(3, 1 + next(iter(before))[1])}
    replication.delete()
    assert rows() == before


def test_scheduled_publication_and_expiry(time_machine):
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    practice = draft("Pratica programmata per domani")
    practice.go_live_at = now + datetime.timedelta(days=1)
    practice.save_revision().publish()  # scheduled: not live yet
    assert practice.pk not in listed()

    time_machine.move_to(now + datetime.timedelta(days=2), tick=False)
    call_command("publish_scheduled")
    assert practice.pk in listed() and listed() == reference()

    PracticePage.objects.filter(pk=practice.pk).update(expire_at=now + datetime.timedelta(days=3))
    time_machine.move_to(now + datetime.timedelta(days=4), tick=False)
    call_command("publish_scheduled")  # expired: Wagtail unpublishes it as a plain page
    assert practice.pk not in listed() and listed() == reference()


def test_deleting_a_practice_deletes_its_row():
    practice = PracticePageFactory(title="Pratica da eliminare")
    assert practice.pk in listed()
    practice.delete()
    assert not CatalogueEntry.objects.filter(page_id=practice.pk).exists()
    assert listed() == reference()


def test_moving_the_catalogue_keeps_its_practices_listed():
    before = listed()
    catalogue = index()
    MovePageAction(catalogue, catalogue.get_parent(), pos="last-child").execute(skip_permission_checks=True)
    assert listed() == before == reference()


def test_the_rebuild_command_restores_the_table():
    before = set(
        CatalogueEntry.objects.values_list("page_id", "catalogue_id", "sector_code", "replication_rank")
    )
    CatalogueEntry.objects.all().delete()
    call_command("rebuild_catalogue", stdout=open("/dev/null", "w"))  # noqa: SIM115
    after = set(
        CatalogueEntry.objects.values_list("page_id", "catalogue_id", "sector_code", "replication_rank")
    )
    assert after == before and after


def test_the_filters_vocabularies_come_from_the_cache_and_never_stale(client):
    """The Provinces, sectors and themes of the filters are kept in the shared cache between requests and
    dropped when an editor changes one (core.site_cache.taxonomy)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.models import Sector, Theme

    client.get(index().url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(index().url, {"q": "appalti"}).status_code == 200
    tables = ('FROM "core_province"', 'FROM "core_sector"', 'FROM "core_theme"')
    assert not any(table in query["sql"] for query in queries.captured_queries for table in tables)

    province = Province.objects.get(sigla="TV")
    province.name = "Treviso (nome di prova)"
    province.save()
    sector = Sector.objects.get(code="sua", locale__language_code="it")
    sector.short_name = "Stazione appaltante (prova)"
    sector.save()
    theme = Theme.objects.filter(locale__language_code="it").first()
    theme.name = "Tema rinominato per prova"
    theme.save()
    html = client.get(index().url, {"q": "appalti"}).content.decode()
    for label in ("Treviso (nome di prova) (TV)", "Stazione appaltante (prova)", "Tema rinominato per prova"):
        assert label in html

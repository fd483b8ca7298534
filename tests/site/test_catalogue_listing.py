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

from django.db import connection  # noqa: E402 (the skip conditions read it)


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


def replication_rows(practice):
    translations = PracticePage.objects.filter(translation_key=practice.translation_key)
    return set(
        CatalogueEntry.objects.filter(page__in=translations).values_list(
            "replication_rank", "replication_count"
        )
    )


def declare(practice, sigla="LE", status="adottata"):
    return Replication.objects.create(
        practice=practice,
        province=Province.objects.get(sigla=sigla),
        status=status,
        date=datetime.date(2021, 6, 1),
    )


def sua_treviso(language="it"):
    return PracticePage.objects.get(code="SUA-TV-01", locale__language_code=language)


def test_replications_set_the_rank_and_the_count_of_every_translation(django_capture_on_commit_callbacks):
    practice = sua_treviso()
    assert PracticePage.objects.filter(translation_key=practice.translation_key).count() == 2
    before = replication_rows(practice)
    with django_capture_on_commit_callbacks(execute=True):
        replication = declare(practice)
    assert replication_rows(practice) == {(3, 1 + next(iter(before))[1])}
    with django_capture_on_commit_callbacks(execute=True):
        replication.delete()
    assert replication_rows(practice) == before


def test_replications_removed_in_bulk_or_by_cascade_are_counted_out(
    admin_client, django_capture_on_commit_callbacks
):
    """The admin's bulk delete, a Province deleted with its replications, a replication moved to another
    practice: none goes through ``Replication.delete``, each changes the counts."""
    from django.urls import reverse

    practice = sua_treviso()
    before = replication_rows(practice)
    with django_capture_on_commit_callbacks(execute=True):
        replication = declare(practice)
    url = (
        reverse("wagtail_bulk_action", args=("practices", "replication", "delete")) + f"?id={replication.pk}"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url).status_code == 302
    assert not Replication.objects.filter(pk=replication.pk).exists()
    assert replication_rows(practice) == before

    province = Province.objects.create(
        name="Provincia di prova", sigla="ZZ", slug="zz-prova", region="Veneto", macro_area="nord-est"
    )
    with django_capture_on_commit_callbacks(execute=True):
        Replication.objects.create(
            practice=practice, province=province, status="adottata", date=datetime.date(2021, 6, 1)
        )
    assert replication_rows(practice) != before
    with django_capture_on_commit_callbacks(execute=True):
        province.delete()
    assert replication_rows(practice) == before

    other = (
        PracticePage.objects.live()
        .filter(locale__language_code="it")
        .exclude(pk=practice.pk)
        .exclude(province__sigla="LE")
        .first()
    )
    with django_capture_on_commit_callbacks(execute=True):
        replication = declare(practice)
    replication = Replication.objects.get(pk=replication.pk)
    replication.practice = other
    with django_capture_on_commit_callbacks(execute=True):
        replication.save()
    assert replication_rows(practice) == before
    assert (3, Replication.objects.filter(practice_key=other.translation_key).count()) in replication_rows(
        other
    )


def test_deleting_a_translation_with_its_replications_recounts_the_others(django_capture_on_commit_callbacks):
    italian, english = sua_treviso("it"), sua_treviso("en")
    with django_capture_on_commit_callbacks(execute=True):
        declare(italian)
    with django_capture_on_commit_callbacks(execute=True):
        italian.delete()
    count = Replication.objects.filter(practice_key=english.translation_key).count()
    assert (
        CatalogueEntry.objects.filter(page=english).values_list("replication_count", flat=True).get() == count
    )
    assert listed("en") == reference("en") and listed() == reference()


def test_the_preview_of_a_new_catalogue_page_lists_nothing(admin_client):
    """The admin previews a catalogue page before it is saved: there is nothing to list yet."""
    from django.urls import reverse

    from home.models import HomePage

    home_en = HomePage.objects.get(locale__language_code="en")
    index("en").delete()
    url = reverse("wagtailadmin_pages:preview_on_add", args=("practices", "practiceindexpage", home_en.pk))
    data = {"title": "New catalogue", "slug": "new-catalogue", "intro": "", "body-count": "0"}
    assert admin_client.post(url, data).json()["is_valid"]
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "New catalogue" in response.content.decode()


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL's advisory lock")
def test_a_rebuild_holds_its_lock_to_the_end_of_its_transaction():
    """Two rebuilds never overlap: each takes a lock held to the end of its transaction (else each would miss
    the other's uncommitted row: a practice restricted meanwhile left listed, or a duplicate key). This
    test's transaction has rebuilt rows: another session cannot take the lock until it ends."""
    import psycopg2

    from practices import listing

    listing.sync_practices([sua_treviso().pk])
    settings = connection.settings_dict
    other = psycopg2.connect(
        host=settings["HOST"], port=settings["PORT"] or 5432, user=settings["USER"], dbname=settings["NAME"]
    )
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [listing.LOCK_KEY])
            assert cursor.fetchone() == (False,)
    finally:
        other.close()


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

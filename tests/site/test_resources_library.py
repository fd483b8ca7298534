"""The document library on the site's content: filters, search, sorting, details, privacy."""

import datetime

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Collection, CollectionViewRestriction

import pytest

from core.models import DocumentType, Sector
from core.page_cache import invalidate
from resources.factories import SiteDocumentFactory
from resources.models import DocumentLibraryPage, OutputState, WorkingGroupOutput, WorkingGroupPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(home_it):
    return DocumentLibraryPage.objects.get(locale__language_code="it")


@pytest.fixture
def library_en(home_en):
    return DocumentLibraryPage.objects.get(locale__language_code="en")


@pytest.fixture
def private_collection():
    group = Group.objects.create(name="Membri di prova")
    collection = Collection.get_first_root_node().add_child(name="Riservata di prova")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set([group])
    return collection, group


# --- Library ----------------------------------------------------------------------------------------


@pytest.fixture
def catalogue():
    sua = Sector.objects.get(code="sua", locale__language_code="it")
    europa = Sector.objects.get(code="europa", locale__language_code="it")
    return {
        "report": SiteDocumentFactory(
            title="Rapporto sulle gare",
            description="Le procedure della stazione unica appaltante.",
            doc_type=DocumentType.REPORT,
            sector=sua,
            publication_date=datetime.date(2021, 3, 1),
        ),
        "slides": SiteDocumentFactory(
            title="Presentazione fondi europei",
            description="Slide dell'incontro.",
            doc_type=DocumentType.PRESENTATION,
            sector=europa,
            publication_date=datetime.date(2020, 11, 19),
            language="en",
        ),
        "protocol": SiteDocumentFactory(
            title="Accordo di adesione",
            description="Protocollo firmato dalle Province.",
            doc_type=DocumentType.PROTOCOL,
            publication_date=datetime.date(2020, 6, 1),
        ),
    }


def titles(response):
    return [document.title for document in response.context["documents"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Rapporto sulle gare", "Presentazione fondi europei", "Accordo di adesione"]),
        ("?ordine=titolo", ["Accordo di adesione", "Presentazione fondi europei", "Rapporto sulle gare"]),
        ("?tipo=presentation", ["Presentazione fondi europei"]),
        ("?settore=sua", ["Rapporto sulle gare"]),
        ("?anno=2020&ordine=titolo", ["Accordo di adesione", "Presentazione fondi europei"]),
        ("?lingua=en", ["Presentazione fondi europei"]),
        ("?q=stazione+unica", ["Rapporto sulle gare"]),
        ("?q=PROTOCOLLO", ["Accordo di adesione"]),
        ("?tipo=presentation&settore=sua", []),
    ],
)
def test_library_filters_search_and_sort(client, library, catalogue, query, expected):
    response = client.get(library.url + query)
    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.parametrize(
    "query", ["?anno=abc", "?tipo=<script>", "?gruppo=nessuno", "?page=999", "?page=x", "?ordine=zz"]
)
def test_library_bad_parameters_give_a_normal_page(client, library, catalogue, query):
    response = client.get(library.url + query)
    assert response.status_code == 200
    assert b'name="robots" content="noindex' in response.content


def test_library_shows_format_and_size_and_localised_sector(client, library, library_en, catalogue):
    html = client.get(library.url).content.decode()
    assert "PDF" in html and "bytes" in html or "byte" in html
    assert "Stazione Unica Appaltante" in html
    html_en = client.get(library_en.url + "?settore=sua").content.decode()
    assert "Single Procurement Office" in html_en
    assert "Rapporto sulle gare" in html_en


def test_library_filters_by_working_group_published_outputs(client, library, catalogue):
    group = WorkingGroupPage.objects.get(locale__language_code="it", sector__code="sua")
    group.outputs.add(WorkingGroupOutput(document=catalogue["report"], state=OutputState.PUBLISHED))
    group.outputs.add(WorkingGroupOutput(document=catalogue["protocol"], state=OutputState.DRAFT))
    group.save_revision().publish()
    response = client.get(f"{library.url}?gruppo={group.slug}")
    assert titles(response) == ["Rapporto sulle gare"]
    # A draft output is not public at all: not listed, not downloadable by visitors.
    assert "Accordo di adesione" not in titles(client.get(library.url))
    assert client.get(catalogue["protocol"].url).status_code == 404
    assert client.get(catalogue["report"].url).status_code == 200


def test_library_query_count_does_not_grow_with_documents(client, library):
    def count():
        invalidate()  # the page's render, not a page-cache hit
        with CaptureQueriesContext(connection) as queries:
            assert client.get(library.url).status_code == 200
        return len(queries)

    SiteDocumentFactory.create_batch(3)
    count()  # warm the caches (menus, settings): every test starts with an empty cache
    small = count()
    SiteDocumentFactory.create_batch(15)
    assert count() == small


def test_document_detail_shows_metadata_licence_and_pages_using_it(client, library, library_en, catalogue):
    document = catalogue["report"]
    group = WorkingGroupPage.objects.get(locale__language_code="it", sector__code="sua")
    group.outputs.add(WorkingGroupOutput(document=document, state=OutputState.PUBLISHED))
    group.save_revision().publish()

    response = client.get(f"{library.url}{document.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Rapporto sulle gare</h1>" in html
    assert "CC BY 4.0" in html and "creativecommons.org/licenses/by/4.0" in html
    assert "1 Marzo 2021" in html
    assert f'href="{group.url}"' in html  # the page that uses it, from the reference index
    assert document.url in html

    html_en = client.get(f"{library_en.url}{document.pk}/").content.decode()
    assert "Single Procurement Office" in html_en


def test_upcoming_documents_are_listed_as_in_preparation(client, library, library_en):
    html = client.get(library.url).content.decode()
    assert "Documenti in preparazione" in html
    for title in (
        "Questionario on line di analisi per la mappatura",
        "Piano di comunicazione del progetto",
        "Report finale della mappatura",
    ):
        assert title in html
    html_en = client.get(library_en.url).content.decode()
    assert "Documents in preparation" in html_en
    assert "The project&#x27;s communication plan" in html_en
    # Entries without a date leave the list when a year is chosen.
    SiteDocumentFactory(title="Rapporto datato", publication_date=datetime.date(2021, 5, 1))
    assert "Report finale della mappatura" not in client.get(library.url + "?anno=2021").content.decode()
    assert "Report finale della mappatura" in client.get(library.url + "?tipo=report").content.decode()


def test_private_document_is_not_listed_nor_detailed_in_the_library(client, library, private_collection):
    collection, _group = private_collection
    public = SiteDocumentFactory(title="Rapporto pubblico")
    private = SiteDocumentFactory(title="Verbale riservato", collection=collection)
    response = client.get(library.url)
    assert public.title in response.content.decode()
    assert private.title not in response.content.decode()
    assert client.get(f"{library.url}{private.pk}/").status_code == 404

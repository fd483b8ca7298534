"""Document library, downloads, upload rules and document privacy, through HTTP requests."""

import datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from wagtail.models import Collection, CollectionViewRestriction

import pytest

from core.models import DocumentType, Sector, SiteDocument
from resources.factories import PDF_BYTES, SiteDocumentFactory, odf_bytes, ooxml_bytes
from resources.models import DocumentLibraryPage, OutputState, WorkingGroupOutput, WorkingGroupPage

pytestmark = pytest.mark.django_db


def body(response):
    return b"".join(response.streaming_content)


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


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.invalid", "a-long-password-1")
    client.force_login(user)
    return client


# --- Download ---------------------------------------------------------------------------------------


def test_download_goes_through_the_serve_view_with_safe_headers(client):
    document = SiteDocumentFactory(title="Rapporto")
    assert document.url == reverse("wagtaildocs_serve", args=[document.pk, document.filename])
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert document.filename in response["Content-Disposition"]
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body(response) == PDF_BYTES


def test_document_files_are_stored_outside_the_public_media_root():
    document = SiteDocumentFactory()
    path = Path(document.file.path).resolve()
    assert path.is_file()
    assert path.is_relative_to(Path(settings.DOCUMENTS_ROOT).resolve())
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())


@override_settings(ROOT_URLCONF="tests.resources_media_urls")
def test_no_guessable_media_url_serves_a_private_document(client, private_collection):
    collection, _group = private_collection
    document = SiteDocumentFactory(title="Verbale riservato", collection=collection)
    # The development media route works for what really is in MEDIA_ROOT...
    probe = Path(settings.MEDIA_ROOT) / "probe.txt"
    probe.parent.mkdir(parents=True, exist_ok=True)
    probe.write_text("public")
    try:
        assert client.get("/media/probe.txt").status_code == 200
    finally:
        probe.unlink()
    # ...but neither the stored name nor the usual Wagtail path reaches the document.
    for url in (f"/media/{document.file.name}", f"/media/documents/{document.filename}"):
        assert client.get(url).status_code == 404
    assert client.get(document.url).status_code == 302  # the serve view asks to log in


def test_private_collection_document_is_served_only_to_its_group(
    client, django_user_model, private_collection
):
    collection, group = private_collection
    document = SiteDocumentFactory(title="Verbale riservato", collection=collection)

    response = client.get(document.url)
    assert response.status_code == 302
    assert "login" in response["Location"]

    outsider = django_user_model.objects.create_user("outsider", password="a-long-password-1")
    client.force_login(outsider)
    assert client.get(document.url).status_code == 302

    member = django_user_model.objects.create_user("member", password="a-long-password-1")
    member.groups.add(group)
    client.force_login(member)
    response = client.get(document.url)
    assert response.status_code == 200
    assert body(response) == PDF_BYTES


def test_private_document_is_not_listed_nor_detailed_in_the_library(client, library, private_collection):
    collection, _group = private_collection
    public = SiteDocumentFactory(title="Rapporto pubblico")
    private = SiteDocumentFactory(title="Verbale riservato", collection=collection)
    response = client.get(library.url)
    assert public.title in response.content.decode()
    assert private.title not in response.content.decode()
    assert client.get(f"{library.url}{private.pk}/").status_code == 404


# --- Upload rules -----------------------------------------------------------------------------------


def upload(client, name, content, title="Documento caricato"):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": title,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
            "doc_type": DocumentType.REPORT,
            "language": "it",
            "licence": "cc-by-4.0",
        },
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("rapporto.pdf", PDF_BYTES),
        ("verbale.docx", ooxml_bytes("word/document.xml")),
        ("dati.xlsx", ooxml_bytes("xl/workbook.xml")),
        ("slide.pptx", ooxml_bytes("ppt/presentation.xml")),
        ("testo.odt", odf_bytes("application/vnd.oasis.opendocument.text")),
        ("foglio.ods", odf_bytes("application/vnd.oasis.opendocument.spreadsheet")),
        ("slide.odp", odf_bytes("application/vnd.oasis.opendocument.presentation")),
        ("archivio.zip", ooxml_bytes("qualsiasi.txt")),
        ("dati.csv", "provincia;comuni\nTreviso;94\nCittà;1\n".encode()),
    ],
)
def test_allowed_formats_are_accepted(admin_client, name, content):
    response = upload(admin_client, name, content)
    assert response.status_code == 302, response.context["form"].errors
    document = SiteDocument.objects.get(title="Documento caricato")
    assert document.file_extension == name.rsplit(".", 1)[1]
    assert document.file_size == len(content)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("pagina.html", b"<html><script>alert(1)</script></html>", "Formato non ammesso"),
        ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>", "Formato non ammesso"),
        ("setup.exe", b"MZ\x90\x00\x03", "Formato non ammesso"),
        ("finto.pdf", b"<html>not a pdf</html>", "non corrisponde"),
        ("finto.docx", PDF_BYTES, "non corrisponde"),
        ("finto.odt", ooxml_bytes("word/document.xml"), "non corrisponde"),
        ("finto.xlsx", ooxml_bytes("word/document.xml"), "non corrisponde"),
        ("finto.zip", b"PK\x03\x04 truncated", "non corrisponde"),
        ("finto.csv", b"<svg onload='alert(1)'/>", "non corrisponde"),
        ("binario.csv", b"a,b\x00\x01\x02", "non corrisponde"),
    ],
)
def test_refused_files_show_a_clear_error_in_the_admin(admin_client, name, content, message):
    response = upload(admin_client, name, content)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["file"])
    assert message in errors
    assert message in response.content.decode()
    assert not SiteDocument.objects.filter(title="Documento caricato").exists()


@override_settings(DOCUMENTS_MAX_UPLOAD_SIZE=1024)
def test_files_over_the_size_limit_are_refused(admin_client):
    response = upload(admin_client, "grande.pdf", PDF_BYTES + b"0" * 2048)
    assert response.status_code == 200
    assert "il limite è 1,0" in " ".join(response.context["form"].errors["file"])
    assert not SiteDocument.objects.filter(title="Documento caricato").exists()


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
        with CaptureQueriesContext(connection) as queries:
            assert client.get(library.url).status_code == 200
        return len(queries)

    SiteDocumentFactory.create_batch(3)
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

"""Downloads, upload rules and document privacy, through HTTP requests (the library: tests/site/)."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings
from django.urls import reverse

from wagtail.models import Collection, CollectionViewRestriction

import pytest

from core.models import DocumentType, SiteDocument
from resources.factories import PDF_BYTES, SiteDocumentFactory, odf_bytes, ooxml_bytes

pytestmark = pytest.mark.django_db


def body(response):
    return b"".join(response.streaming_content)


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

"""The admin's multiple upload (Documenti → Aggiungi un documento), through HTTP, as UPI and as a press office.

The upload step only knows the file, title and collection; the document's own required metadata (type,
language, licence) are filled in the next step, which creates the document from the uploaded file.
"""

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import Collection, UploadedFile

import pytest

from core.models import DocumentType, Province, SiteDocument
from core.roles import UPI_GROUP_NAME
from news.roles import PRESS_COLLECTION_NAME, press_office_group
from resources.factories import PDF_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def upi_editor(django_user_model):
    user = django_user_model.objects.create_user("redazione_upi", "upi@example.invalid", "password-di-prova")
    user.groups.add(Group.objects.get(name=UPI_GROUP_NAME))
    return user


@pytest.fixture
def press_office(django_user_model):
    user = django_user_model.objects.create_user("stampa_tv", "stampa@example.invalid", "password-di-prova")
    user.groups.add(press_office_group(Province.objects.get(sigla="TV")))
    return user


def metadata(collection, title):
    return {
        "title": title,
        "collection": collection.pk,
        "description": "Il rapporto dell'anno.",
        "doc_type": DocumentType.REPORT,
        "language": "it",
        "licence": "cc-by-4.0",
        "publication_date": "2026-11-02",
    }


def upload_and_describe(client, collection, title):
    """Add page → upload the file → fill in the metadata and press “Aggiorna”, as the admin's script does."""
    add_url = reverse("wagtaildocs:add_multiple")
    assert client.get(add_url).status_code == 200

    response = client.post(
        add_url,
        {
            "files[]": SimpleUploadedFile("rapporto-annuale.pdf", PDF_BYTES, content_type="application/pdf"),
            "title": "rapporto-annuale.pdf",
            "collection": collection.pk,
        },
    )
    assert response.status_code == 200
    data = response.json()
    assert data["success"], data
    # The document exists from the upload on, in its collection and in the protected storage: the file
    # is not parked as an UploadedFile in the public media folder while the metadata are filled in.
    assert "doc_id" in data and not UploadedFile.objects.exists()
    doc_id = data["doc_id"]
    assert SiteDocument.objects.get(pk=doc_id).collection == collection
    url = reverse("wagtaildocs:edit_multiple", args=[doc_id])
    prefix = f"doc-{doc_id}"
    response = client.post(
        url, {f"{prefix}-{name}": value for name, value in metadata(collection, title).items()}
    )
    assert response.status_code == 200
    assert response.json()["success"], response.json().get("form", "")[:3000]
    document = SiteDocument.objects.get(title=title)
    return document


def test_upi_uploads_a_document_through_the_multiple_upload(client, upi_editor):
    client.force_login(upi_editor)
    root = Collection.get_first_root_node()
    document = upload_and_describe(client, root, "Rapporto annuale 2026")
    assert document.collection == root
    assert document.doc_type == DocumentType.REPORT
    assert document.uploaded_by_user == upi_editor
    assert document.file.read() == PDF_BYTES
    assert document.file_size == len(PDF_BYTES)


def test_press_office_uploads_into_its_closed_collection(client, press_office):
    client.force_login(press_office)
    pending = Collection.objects.get(name=PRESS_COLLECTION_NAME)
    document = upload_and_describe(client, pending, "Cartella stampa di Treviso")
    assert document.collection == pending
    assert document.uploaded_by_user == press_office
    # Closed to the public until the release is published.
    assert client.logout() is None
    assert client.get(document.url).status_code == 302


def test_a_renamed_file_is_still_refused_at_the_upload(client, upi_editor):
    client.force_login(upi_editor)
    response = client.post(
        reverse("wagtaildocs:add_multiple"),
        {
            "files[]": SimpleUploadedFile("pagina.pdf", b"<html></html>"),
            "title": "pagina.pdf",
            "collection": Collection.get_first_root_node().pk,
        },
    )
    data = response.json()
    assert not data["success"]
    assert "non corrisponde" in data["error_message"]
    assert not UploadedFile.objects.exists() and not SiteDocument.objects.filter(title="pagina.pdf").exists()


def test_a_parked_upload_becomes_a_document_on_update(client, upi_editor):
    """The step that answered 500 (“'SiteDocumentForm' has no field named 'file'”): a file parked as an
    UploadedFile, then “Aggiorna” with its metadata."""
    client.force_login(upi_editor)
    upload = UploadedFile.objects.create(
        for_content_type=ContentType.objects.get_for_model(SiteDocument),
        file=SimpleUploadedFile("verbale.pdf", PDF_BYTES),
        uploaded_by_user=upi_editor,
    )
    root = Collection.get_first_root_node()
    response = client.post(
        reverse("wagtaildocs:create_multiple_from_uploaded_document", args=[upload.pk]),
        {f"uploaded-document-{upload.pk}-{name}": value for name, value in metadata(root, "Verbale").items()},
    )
    assert response.status_code == 200
    assert response.json()["success"]
    document = SiteDocument.objects.get(title="Verbale")
    assert document.file.read() == PDF_BYTES
    assert document.collection == root and document.doc_type == DocumentType.REPORT
    assert not UploadedFile.objects.exists()

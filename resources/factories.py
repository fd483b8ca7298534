"""Factories for “Documenti e risorse” tests: documents with real file signatures, group outputs."""

import io
import zipfile

from django.core.files.base import ContentFile

import factory

from core.models import DocumentLanguage, DocumentType, SiteDocument

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def ooxml_bytes(part="word/document.xml"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<document/>")
    return buffer.getvalue()


def odf_bytes(mimetype="application/vnd.oasis.opendocument.text"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


class SiteDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SiteDocument

    title = factory.Sequence(lambda n: f"Documento di esempio {n}")
    description = "Documento di esempio per le prove."
    file = factory.LazyAttribute(
        lambda o: ContentFile(PDF_BYTES, name=f"{o.title.lower().replace(' ', '-')}.pdf")
    )
    doc_type = DocumentType.REPORT
    language = DocumentLanguage.ITALIAN

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        document = model_class(*args, **kwargs)
        document._set_document_file_metadata()  # size and hash, as the admin form does
        document.save()
        return document

"""Media blocks: an image with its caption, a list of documents to download."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from .base import MEDIA


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Immagine"))
    caption = blocks.CharBlock(label=_("Didascalia"), required=False, max_length=300)

    class Meta:
        icon = "image"
        label = _("Immagine")
        group = MEDIA
        template = "blocks/image.html"
        description = _("Un'immagine con didascalia; il testo alternativo è quello dell'immagine.")


class DocumentListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Titolo dell'elenco"), required=False, max_length=200)
    documents = blocks.ListBlock(DocumentChooserBlock(label=_("Documento")), label=_("Documenti"))

    class Meta:
        icon = "doc-full"
        label = _("Elenco di documenti")
        group = MEDIA
        template = "blocks/document_list.html"
        description = _("Documenti da scaricare, con formato e dimensione.")


# Migrations name the blocks by their public path, whatever module defines them.
DECONSTRUCT_ALIASES = {block: f"core.blocks.{block.__name__}" for block in (ImageBlock, DocumentListBlock)}

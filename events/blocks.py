"""StreamField blocks of the event pages: programme, speakers, gallery, related pages."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class ProgrammeItemBlock(blocks.StructBlock):
    time = blocks.TimeBlock(label=_("Ora"), required=False)
    title = blocks.CharBlock(label=_("Titolo"), max_length=255)
    speaker = blocks.CharBlock(label=_("Relatore o relatrice"), required=False, max_length=255)

    class Meta:
        icon = "time"
        label = _("Punto del programma")


class SpeakerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Nome e cognome"), max_length=200)
    role = blocks.CharBlock(label=_("Ruolo"), required=False, max_length=200)
    organisation = blocks.CharBlock(label=_("Ente o organizzazione"), required=False, max_length=200)

    class Meta:
        icon = "user"
        label = _("Relatore o relatrice")


class GalleryImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(
        label=_("Foto"),
        help_text=_("Il testo alternativo è la descrizione dell'immagine nella libreria delle immagini."),
    )
    caption = blocks.CharBlock(label=_("Didascalia"), required=False, max_length=300)

    class Meta:
        icon = "image"
        label = _("Foto")


class ProgrammeBlock(blocks.StreamBlock):
    item = ProgrammeItemBlock()


class SpeakersBlock(blocks.StreamBlock):
    speaker = SpeakerBlock()


class GalleryBlock(blocks.StreamBlock):
    photo = GalleryImageBlock()


class ReportDocumentsBlock(blocks.StreamBlock):
    document = DocumentChooserBlock(label=_("Documento"), icon="doc-full")


class RelatedPagesBlock(blocks.StreamBlock):
    page = blocks.PageChooserBlock(label=_("Pagina"), icon="link")

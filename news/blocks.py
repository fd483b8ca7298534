"""Blocks of the newsroom index: press contacts and the press kit."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class PressContactBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Ufficio o persona"), max_length=120)
    role = blocks.CharBlock(label=_("Ruolo"), max_length=120, required=False)
    email = blocks.EmailBlock(label=_("E-mail"), required=False)
    phone = blocks.CharBlock(label=_("Telefono"), max_length=40, required=False)

    class Meta:
        icon = "user"
        label = _("Contatto")
        template = "news/blocks/press_contact.html"


class PressContactsBlock(blocks.StreamBlock):
    contact = PressContactBlock()


class LogoBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Logo"))
    caption = blocks.CharBlock(label=_("Didascalia"), max_length=200, required=False)

    class Meta:
        icon = "image"
        label = _("Logo")
        template = "news/blocks/press_kit_logo.html"


class PressKitDocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Documento"))

    class Meta:
        icon = "doc-full"
        label = _("Documento")
        template = "news/blocks/press_kit_document.html"


class PressKitBlock(blocks.StreamBlock):
    logo = LogoBlock()
    document = PressKitDocumentBlock()

"""Layout blocks: a call to action, an accordion."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from .base import RICH_TEXT_FEATURES, STRUCTURE


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titolo"), max_length=120)
    text = blocks.TextBlock(label=_("Testo"), required=False)
    page = blocks.PageChooserBlock(label=_("Pagina del sito"), required=False)
    url = blocks.URLBlock(label=_("Oppure indirizzo esterno"), required=False)
    button_label = blocks.CharBlock(label=_("Testo del pulsante"), max_length=60)

    class Meta:
        icon = "link"
        label = _("Invito all'azione")
        group = STRUCTURE
        template = "blocks/call_to_action.html"
        description = _("Un riquadro in evidenza con un pulsante verso una pagina.")
        preview_value = {
            "title": "Consulta il catalogo delle buone pratiche",
            "text": "Le esperienze delle Province al servizio dei Comuni.",
            "url": "https://example.org/",
            "button_label": "Vai al catalogo",
        }

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": ValidationError(_("Scegliere una pagina oppure indicare un indirizzo."))
                }
            )
        return value


class AccordionItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titolo"), max_length=200)
    body = blocks.RichTextBlock(label=_("Contenuto"), features=RICH_TEXT_FEATURES)


class AccordionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Titolo"), required=False, max_length=200)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Voci"))

    class Meta:
        icon = "list-ul"
        label = _("Fisarmonica (accordion)")
        group = STRUCTURE
        template = "blocks/accordion.html"
        description = _("Domande e risposte o sezioni che si aprono al clic.")
        preview_value = {
            "heading": "Domande frequenti",
            "items": [
                {
                    "title": "Chi partecipa?",
                    "body": "<p>Le 76 Province delle regioni a statuto ordinario.</p>",
                }
            ],
        }


# Migrations name the blocks by their public path, whatever module defines them.
DECONSTRUCT_ALIASES = {
    block: f"core.blocks.{block.__name__}"
    for block in (CallToActionBlock, AccordionItemBlock, AccordionBlock)
}

"""Text blocks: headings, paragraphs, quotations."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from .base import RICH_TEXT_FEATURES, TEXT


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Titolo"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Livello"),
        choices=[
            ("h2", _("Titolo di sezione (h2)")),
            ("h3", _("Sottotitolo (h3)")),
            ("h4", _("Titolo minore (h4)")),
        ],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Titolo")
        group = TEXT
        template = "blocks/heading.html"
        description = _("Un titolo di sezione; scegliere il livello per mantenere la gerarchia della pagina.")
        preview_value = {"text": "Le attività del progetto", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragrafo")
        group = TEXT
        template = "blocks/paragraph.html"
        description = _("Testo con grassetto, corsivo, elenchi e collegamenti.")
        preview_value = (
            "<p>Il progetto sostiene le Province nei servizi a supporto dei Comuni: "
            "stazione unica appaltante, politiche europee, innovazione.</p>"
        )


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Citazione"))
    attribution = blocks.CharBlock(label=_("Fonte"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Citazione")
        group = TEXT
        template = "blocks/quote.html"
        description = _("Una citazione testuale con la sua fonte.")
        preview_value = {
            "quote": "Una comunicazione sinergica e coerente.",
            "attribution": "Piano di comunicazione",
        }


# Migrations name the blocks by their public path, whatever module defines them.
DECONSTRUCT_ALIASES = {
    block: f"core.blocks.{block.__name__}" for block in (HeadingBlock, ParagraphBlock, QuoteBlock)
}

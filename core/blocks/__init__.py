"""The StreamField blocks shared by every page type of the site, grouped as editors see them."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock as BaseTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

TEXT = _("Testo")
MEDIA = _("Immagini e documenti")
STRUCTURE = _("Struttura")

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Titolo"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Livello"),
        choices=[("h2", _("Titolo di sezione (h2)")), ("h3", _("Sottotitolo (h3)")), ("h4", _("Titolo minore (h4)"))],
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
        preview_value = {"quote": "Una comunicazione sinergica e coerente.", "attribution": "Piano di comunicazione"}


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
                block_errors={"page": ValidationError(_("Scegliere una pagina oppure indicare un indirizzo."))}
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
            "items": [{"title": "Chi partecipa?", "body": "<p>Le 76 Province delle regioni a statuto ordinario.</p>"}],
        }


class TableBlock(BaseTableBlock):
    class Meta:
        icon = "table"
        label = _("Tabella")
        group = STRUCTURE
        template = "blocks/table.html"
        description = _("Una tabella di dati, con intestazione e didascalia.")


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Valore"), max_length=20)
    label = blocks.CharBlock(label=_("Etichetta"), max_length=80)
    description = blocks.CharBlock(label=_("Descrizione"), required=False, max_length=200)


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Titolo"), required=False, max_length=200)
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("Cifre"))

    class Meta:
        icon = "order"
        label = _("Numeri chiave")
        group = STRUCTURE
        template = "blocks/key_figures.html"
        description = _("Alcune cifre in evidenza, per esempio 76 Province e 3 settori.")
        preview_value = {
            "heading": "Il progetto in cifre",
            "figures": [{"value": "76", "label": "Province"}, {"value": "3", "label": "settori"}],
        }


class StepState(blocks.ChoiceBlock):
    DONE = "done"
    IN_PROGRESS = "in-progress"
    PLANNED = "planned"

    choices = [(DONE, _("Concluso")), (IN_PROGRESS, _("In corso")), (PLANNED, _("Previsto"))]


class TimelineStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Fase"), max_length=200)
    period = blocks.CharBlock(label=_("Periodo"), required=False, max_length=60, help_text=_("Per esempio: maggio 2020"))
    state = StepState(label=_("Stato"), default=StepState.PLANNED)
    description = blocks.RichTextBlock(label=_("Descrizione"), required=False, features=RICH_TEXT_FEATURES)


class TimelineBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Titolo"), required=False, max_length=200)
    steps = blocks.ListBlock(TimelineStepBlock(), label=_("Fasi"))

    class Meta:
        icon = "time"
        label = _("Cronologia delle fasi")
        group = STRUCTURE
        template = "blocks/timeline.html"
        description = _("Le fasi di un percorso, ciascuna con il suo stato: concluso, in corso, previsto.")
        preview_value = {
            "heading": "Stato di avanzamento",
            "steps": [
                {"title": "Avvio del progetto", "period": "maggio 2020", "state": "done"},
                {"title": "Mappatura dei servizi", "state": "in-progress"},
                {"title": "Focus group", "state": "planned"},
            ],
        }


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    image = ImageBlock()
    documents = DocumentListBlock()
    call_to_action = CallToActionBlock()
    accordion = AccordionBlock()
    table = TableBlock()
    key_figures = KeyFiguresBlock()
    timeline = TimelineBlock()

    class Meta:
        block_counts = {}

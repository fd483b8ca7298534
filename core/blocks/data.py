"""Data blocks: a table, key figures, a timeline of phases."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock as BaseTableBlock

from .base import RICH_TEXT_FEATURES, STRUCTURE


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
    period = blocks.CharBlock(
        label=_("Periodo"), required=False, max_length=60, help_text=_("Per esempio: maggio 2020")
    )
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


# Migrations name the blocks by their public path, whatever module defines them.
DECONSTRUCT_ALIASES = {
    block: f"core.blocks.{block.__name__}"
    for block in (TableBlock, KeyFigureBlock, KeyFiguresBlock, StepState, TimelineStepBlock, TimelineBlock)
}

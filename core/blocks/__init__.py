"""The StreamField blocks shared by every page type of the site, grouped as editors see them.

One module per family (``text``, ``media``, ``layout``, ``data``); every block is importable from here.
"""

from wagtail import blocks

from .base import MEDIA, RICH_TEXT_FEATURES, STRUCTURE, TEXT
from .data import KeyFigureBlock, KeyFiguresBlock, StepState, TableBlock, TimelineBlock, TimelineStepBlock
from .layout import AccordionBlock, AccordionItemBlock, CallToActionBlock
from .media import DocumentListBlock, ImageBlock
from .text import HeadingBlock, ParagraphBlock, QuoteBlock


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


__all__ = [
    "MEDIA",
    "RICH_TEXT_FEATURES",
    "STRUCTURE",
    "TEXT",
    "AccordionBlock",
    "AccordionItemBlock",
    "BodyBlock",
    "CallToActionBlock",
    "DocumentListBlock",
    "HeadingBlock",
    "ImageBlock",
    "KeyFigureBlock",
    "KeyFiguresBlock",
    "ParagraphBlock",
    "QuoteBlock",
    "StepState",
    "TableBlock",
    "TimelineBlock",
    "TimelineStepBlock",
]

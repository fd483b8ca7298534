"""Helpers shared by the content loaders of every app.

Content is written in Italian with its English translation beside it (``Text(it, en)``). The loader
creates the Italian pages and snippets, then translates them through wagtail-localize: the English
strings go into wagtail-localize's translation memory, so editors keep editing the English version in
the translation editor, as with any other translation. Nothing that already exists is overwritten.
"""

import json
import uuid
from dataclasses import dataclass

from django.db import transaction

from wagtail.models import Locale, Page
from wagtail.rich_text import RichText
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource


@dataclass(frozen=True)
class Text:
    it: str
    en: str


class TranslationMemory(dict):
    """Italian source string -> English string."""

    def add(self, text):
        if isinstance(text, Text):
            self[text.it] = text.en
            return text.it
        return text


class StreamBuilder:
    """Builds the raw JSON of a StreamField from Text pairs, recording their translations."""

    def __init__(self, memory):
        self.memory = memory
        self.blocks = []

    def _t(self, text):
        return self.memory.add(text)

    @staticmethod
    def _block(block_type, value):
        return {"type": block_type, "value": value, "id": str(uuid.uuid4())}

    def _rich(self, paragraphs):
        """Paragraphs (Text pairs) or bullet lists (("ul", [Text, ...])) as rich-text HTML."""
        html = []
        for item in paragraphs:
            if isinstance(item, tuple) and item[0] == "ul":
                html.append("<ul>" + "".join(f"<li>{self._t(li)}</li>" for li in item[1]) + "</ul>")
            else:
                html.append(f"<p>{self._t(item)}</p>")
        return "".join(html)

    def heading(self, text, level="h2"):
        self.blocks.append(self._block("heading", {"text": self._t(text), "level": level}))
        return self

    def paragraph(self, *paragraphs):
        self.blocks.append(self._block("paragraph", self._rich(paragraphs)))
        return self

    def quote(self, quote, attribution=""):
        self.blocks.append(
            self._block("quote", {"quote": self._t(quote), "attribution": self._t(attribution)})
        )
        return self

    def key_figures(self, heading, figures):
        self.blocks.append(
            self._block(
                "key_figures",
                {
                    "heading": self._t(heading),
                    "figures": [
                        self._block(
                            "item",
                            {"value": self._t(value), "label": self._t(label), "description": self._t(desc)},
                        )
                        for value, label, desc in figures
                    ],
                },
            )
        )
        return self

    def timeline(self, heading, steps):
        self.blocks.append(
            self._block(
                "timeline",
                {
                    "heading": self._t(heading),
                    "steps": [
                        self._block(
                            "item",
                            {
                                "title": self._t(title),
                                "period": self._t(period),
                                "state": state,
                                "description": self._rich(description),
                            },
                        )
                        for title, period, state, description in steps
                    ],
                },
            )
        )
        return self

    def accordion(self, heading, items):
        self.blocks.append(
            self._block(
                "accordion",
                {
                    "heading": self._t(heading),
                    "items": [
                        self._block("item", {"title": self._t(title), "body": self._rich(body)})
                        for title, body in items
                    ],
                },
            )
        )
        return self

    def call_to_action(self, title, text, button_label, page=None, url=""):
        self.blocks.append(
            self._block(
                "call_to_action",
                {
                    "title": self._t(title),
                    "text": self._t(text),
                    "page": page.pk if page else None,
                    "url": url,
                    "button_label": self._t(button_label),
                },
            )
        )
        return self

    def json(self):
        return json.dumps(self.blocks)


def rich_text(memory, *paragraphs):
    return RichText(StreamBuilder(memory)._rich(paragraphs))


class ContentLoader:
    """Creates content once and translates it; reports what it did."""

    def __init__(self, stdout=None, memory=None):
        self.stdout = stdout
        self.memory = memory if memory is not None else TranslationMemory()
        self.created = []

    def log(self, message):
        if self.stdout is not None:
            self.stdout.write(message)

    @property
    def italian(self):
        return Locale.objects.get(language_code="it")

    @property
    def english(self):
        return Locale.objects.get(language_code="en")

    def t(self, text):
        return self.memory.add(text)

    def stream(self):
        return StreamBuilder(self.memory)

    def page(self, parent, model, slug, **fields):
        """The child of ``parent`` with this slug, created and published if missing (never updated).

        A page the loader creates gets a translation key derived from its parent's and its slug, so a later
        run finds it wherever an editor moved it (or whatever slug they gave it) and does not create it again.
        """
        existing = Page.objects.child_of(parent).filter(slug=slug).first()
        if existing is not None:
            return existing.specific
        key = uuid.uuid5(uuid.UUID(str(parent.translation_key)), slug)
        moved = Page.objects.filter(translation_key=key, locale_id=parent.locale_id).first()
        if moved is not None:
            return moved.specific
        values = {key: self.t(value) for key, value in fields.items()}
        page = model(slug=slug, locale=parent.locale, translation_key=key, **values)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created.append(page)
        self.log(f"  + {model._meta.verbose_name}: {page.title}")
        return page

    def body(self, spec):
        """The one body builder: a StreamField's JSON from ``[("heading", Text), ("paragraph", [Text...])]``."""
        stream = self.stream()
        for kind, value in spec:
            if kind == "heading":
                stream.heading(value)
            elif kind == "paragraph":
                stream.paragraph(*value)
            else:
                raise ValueError(f"unknown body part: {kind}")
        return stream.json()

    def section_page(self, parent, model, data, body=None, menu=False, **extra):
        """The one page helper: a page described by a dict with ``title``, ``slug`` and ``intro`` Texts.

        ``body`` is a spec for :meth:`body` or a StreamField's JSON already built.
        """
        self.t(data["slug"])
        if body is not None:
            extra["body"] = self.body(body) if isinstance(body, list) else body
        return self.page(
            parent,
            model,
            data["slug"].it,
            title=data["title"],
            intro=data["intro"],
            show_in_menus=menu,
            **extra,
        )

    def translate(self, instance, locale=None):
        """Translate ``instance`` with wagtail-localize, using the translation memory. Idempotent."""
        locale = locale or self.english
        if instance.get_translations().filter(locale=locale).exists():
            return instance.get_translation(locale)
        with transaction.atomic():
            source, _created = TranslationSource.get_or_create_from_instance(instance)
            translation, _created = Translation.objects.get_or_create(
                source=source, target_locale=locale, defaults={"enabled": True}
            )
            missing = []
            for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
                english = self.memory.get(segment.string.data)
                if english is None:
                    if " " in segment.string.data:  # codes, numbers and slugs stay as they are
                        missing.append(segment.string.data)
                    continue
                StringTranslation.objects.update_or_create(
                    translation_of=segment.string,
                    locale=locale,
                    context=segment.context,
                    defaults={"data": english, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
                )
            is_page = isinstance(instance, Page)
            # Pages are saved as a draft and published here, not in an on-commit callback, so the
            # loader behaves the same inside a test transaction.
            source.create_or_update_translation(
                locale, publish=not is_page, fallback=True, copy_parent_pages=True
            )
            if is_page:
                instance.get_translation(locale).get_latest_revision().publish()
        for text in missing:
            self.log(f"  ! no English for: {text[:80]}")
        result = instance.get_translation(locale)
        self.log(f"  + English: {result}")
        return result

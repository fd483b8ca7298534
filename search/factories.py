"""Factories for search tests: generic content pages (any page type is searched the same way) and documents."""

from django.core.files.base import ContentFile

import factory
import wagtail_factories

from core.models import SiteDocument
from home.models import ContentPage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Pagina di prova {n}")
    intro = ""

    class Meta:
        model = ContentPage


class SiteDocumentFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Documento di prova {n}")
    description = ""
    language = "it"
    file = factory.LazyAttribute(lambda o: ContentFile(b"%PDF-1.4 example", name="documento-di-prova.pdf"))

    class Meta:
        model = SiteDocument


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page

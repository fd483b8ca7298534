"""Factories for the base page types (wagtail-factories)."""

import factory
import wagtail_factories

from core.models import SiteImage
from home.models import ContentPage


class SiteImageFactory(wagtail_factories.ImageFactory):
    description = factory.Sequence(lambda n: f"Immagine di prova {n}")

    class Meta:
        model = SiteImage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Pagina {n}")
    intro = "Introduzione di prova."

    class Meta:
        model = ContentPage

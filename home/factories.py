"""Factories for the base page types (wagtail-factories)."""

import factory
import wagtail_factories

from home.models import ContentPage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Pagina {n}")
    intro = "Introduzione di prova."

    class Meta:
        model = ContentPage

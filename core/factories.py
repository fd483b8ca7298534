"""Factories for the base app's models (wagtail-factories): images every app's tests may use."""

import factory
import wagtail_factories

from core.models import SiteImage


class SiteImageFactory(wagtail_factories.ImageFactory):
    description = factory.Sequence(lambda n: f"Immagine di prova {n}")

    class Meta:
        model = SiteImage

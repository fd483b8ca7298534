"""Factories of the catalogue's tests."""

from django.utils import timezone

import factory
import wagtail_factories

from core.models import Province, Sector
from practices.models import PracticeIndexPage, PracticePage


class PracticePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PracticePage

    title = factory.Sequence(lambda n: f"Pratica di prova {n}")
    slug = factory.Sequence(lambda n: f"pratica-di-prova-{n}")
    code = factory.Sequence(lambda n: f"TEST-{n:04d}")
    summary = "Una pratica di prova."
    live = True
    first_published_at = factory.LazyFunction(timezone.now)
    province = factory.LazyFunction(lambda: Province.objects.get(sigla="TV"))
    sector = factory.LazyFunction(lambda: Sector.objects.get(code="sua", locale__language_code="it"))

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        parent = parent or PracticeIndexPage.objects.get(locale__language_code="it")
        themes = kwargs.pop("themes", None)
        partners = kwargs.pop("partner_provinces", None)
        page = model_class(*args, **kwargs)
        if themes:
            page.themes.set(themes)
        if partners:
            page.partner_provinces.set(partners)
        parent.add_child(instance=page)
        return page

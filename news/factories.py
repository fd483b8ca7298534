"""Factories for the newsroom's tests. Everything they make is example data, never loaded by the site."""

import datetime

import factory
import wagtail_factories

from core.factories import SiteImageFactory
from news.choices import NewsType
from news.models import NewsIndexPage, NewsPage


class NewsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"Notizia di esempio {n}")
    slug = factory.Sequence(lambda n: f"notizia-di-esempio-{n}")
    summary = factory.LazyAttribute(lambda o: f"Sommario di esempio di «{o.title}».")
    news_type = NewsType.NEWS
    date = datetime.date(2024, 3, 1)

    class Params:
        with_image = factory.Trait(lead_image=factory.SubFactory(SiteImageFactory))


def newsroom(language="it"):
    return NewsIndexPage.objects.get(locale__language_code=language)


def publish(page, user=None):
    page.save_revision(user=user).publish(user=user)
    return NewsPage.objects.get(pk=page.pk)


def news(parent=None, **kwargs):
    """A published news page under the (Italian) newsroom."""
    return publish(NewsPageFactory(parent=parent or newsroom(), **kwargs))

"""Factories for the newsroom's tests. Everything they make is example data, never loaded by the site."""

import datetime

import factory
import wagtail_factories

from home.models import Province
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


class LocalReleaseFactory(NewsPageFactory):
    news_type = NewsType.LOCAL_RELEASE
    province = factory.LazyFunction(lambda: Province.objects.order_by("?").first())


def newsroom(language="it"):
    return NewsIndexPage.objects.get(locale__language_code=language)

"""Factories for the tests: a questionnaire built from the shipped draft, campaigns and responses."""

import datetime
import json

from django.utils import timezone

from wagtail.models import Locale

import factory
import wagtail_factories

from core.loader import ContentLoader

from .content import sections
from .models import Campaign, MappingPage, Questionnaire


class QuestionnaireFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Questionario di prova {n}")
    locale = factory.LazyFunction(Locale.get_default)
    sections = factory.LazyFunction(lambda: json.dumps(sections(ContentLoader())))

    class Meta:
        model = Questionnaire


class CampaignFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Campagna di prova {n}")
    questionnaire = factory.SubFactory(QuestionnaireFactory)
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))

    class Meta:
        model = Campaign


class MappingPageFactory(wagtail_factories.PageFactory):
    title = "Mappatura di prova"
    slug = factory.Sequence(lambda n: f"mappatura-di-prova-{n}")

    class Meta:
        model = MappingPage

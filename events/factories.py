"""Factories for the tests: synthetic events, never loaded into the site's content."""

import factory
import wagtail_factories

from .choices import EventType
from .models import EventIndexPage, EventPage


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Eventi di prova"
    slug = factory.Sequence(lambda n: f"eventi-di-prova-{n}")

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Evento di esempio {n}")
    slug = factory.Sequence(lambda n: f"evento-di-esempio-{n}")
    event_type = EventType.WEBINAR
    intro = "Evento di esempio creato per i test."

    class Meta:
        model = EventPage
        skip_postgeneration_save = True

    @factory.post_generation
    def provinces(self, create, extracted, **kwargs):
        if create and extracted:
            self.provinces = list(extracted)
            self.save()

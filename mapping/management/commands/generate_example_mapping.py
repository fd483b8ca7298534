"""Fills an example campaign with responses of the 76 Provinces (never with production settings)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from mapping.examples import NotExampleCampaign, generate
from mapping.models import Questionnaire

DEFAULT_TITLE = "[Esempio] Mappatura dei servizi delle Province"


class Command(BaseCommand):
    help = (
        "Creates (or refills) an example campaign with random but valid responses of the invited Provinces, "
        "visibly marked as examples. Not for production."
    )

    def add_arguments(self, parser):
        parser.add_argument("--campaign-title", default=DEFAULT_TITLE)
        parser.add_argument("--seed", type=int, default=2021)

    def handle(self, *args, campaign_title, seed, **options):
        if settings.SETTINGS_MODULE.endswith(".production") or getattr(settings, "IS_PRODUCTION", False):
            raise CommandError("Example mapping data are never generated with production settings.")
        try:
            campaign, counts = generate(campaign_title, seed=seed)
        except NotExampleCampaign as error:
            raise CommandError(f"A real campaign is called {error}: choose another title.") from error
        except Questionnaire.DoesNotExist as error:
            raise CommandError(str(error)) from error
        summary = ", ".join(f"{state.value}: {count}" for state, count in counts.items())
        self.stdout.write(
            self.style.SUCCESS(f"Example campaign {campaign.pk} «{campaign}» filled ({summary}).")
        )

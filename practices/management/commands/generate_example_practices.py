"""Generates synthetic example practices for development and benchmarks (never in production)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from practices.examples import generate


class Command(BaseCommand):
    help = (
        "Creates N example practices (Italian and English), visibly marked as examples. Not for production."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=100)
        parser.add_argument("--seed", type=int, default=2021)

    def handle(self, *args, count, seed, **options):
        if settings.SETTINGS_MODULE.endswith(".production") or getattr(settings, "IS_PRODUCTION", False):
            raise CommandError("Example practices are never generated with production settings.")
        if count < 1:
            raise CommandError("--count must be at least 1.")
        with transaction.atomic():
            created = generate(count, seed=seed)
        self.stdout.write(self.style.SUCCESS(f"{created} example practice pages created."))

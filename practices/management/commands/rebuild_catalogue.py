"""Rebuild the catalogue's listing table from the pages (after writing the page tables directly)."""

from django.core.management.base import BaseCommand

from practices import listing


class Command(BaseCommand):
    help = "Rebuild the catalogue's listing table (practices.listing) from the pages."

    def handle(self, *args, **options):
        count = listing.rebuild()
        self.stdout.write(f"{count} practices listed.")

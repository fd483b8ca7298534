"""Write the searches noted in the cache into the editors' report (run every few minutes from cron)."""

from django.core.management.base import BaseCommand

from search import counters


class Command(BaseCommand):
    help = "Adds the searches noted in the cache to the search report (daily hits, searches without results)."

    def handle(self, *args, **options):
        written = counters.flush()
        if options["verbosity"] > 1:
            self.stdout.write(f"{written} searches written")

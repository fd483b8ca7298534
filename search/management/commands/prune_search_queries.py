from django.core.management.base import BaseCommand, CommandError

from search.recording import prune


class Command(BaseCommand):
    help = (
        "Delete the site-search counts older than --days days, and the queries no longer counted or promoted."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=365, help="Keep this many days of counts (default 365)."
        )

    def handle(self, *args, days, **options):
        if days < 1:
            raise CommandError("--days must be at least 1.")
        counts, queries = prune(days)
        if options["verbosity"]:
            self.stdout.write(f"Deleted {counts} daily counts and {queries} queries older than {days} days.")

"""Loads the site's content: idempotent, it never overwrites what an editor changed.

Roles (groups, permissions, collections, workflows) are not content: ``migrate`` creates them.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from wagtail import hooks

from core import content as core_content
from core.loader import ContentLoader
from home.content import load_base_content, order_menu


class Command(BaseCommand):
    help = "Loads the project's content in Italian and English (safe to run again: nothing is overwritten)."

    def handle(self, *args, **options):
        loader = ContentLoader(stdout=self.stdout if options["verbosity"] > 0 else None)
        with transaction.atomic():
            core_content.load(loader)
            home = load_base_content(loader)
        first_load = home in loader.created
        for hook in hooks.get_hooks("load_site_content"):
            with transaction.atomic():
                hook(loader, home)
        if first_load:
            with transaction.atomic():
                order_menu(home)
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS(f"Content loaded ({len(loader.created)} new pages)."))

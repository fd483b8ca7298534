"""Development-only logins, to try the admin as each kind of user. Refuses to run unless DEBUG."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from core.models import ProvinceGroup
from core.roles import UPI_GROUP_NAME

DEV_PASSWORD = "sviluppo-locale-2026"  # noqa: S105 (development logins only; the command refuses without DEBUG)


class Command(BaseCommand):
    help = "Creates development logins (superuser, UPI editor, one per role of Treviso). Never in production."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("create_dev_users only runs with DEBUG = True (development settings).")
        User = get_user_model()
        users = [
            ("admin", "Amministratore", True, None),
            ("redazione.upi", "Redazione UPI", False, Group.objects.filter(name=UPI_GROUP_NAME).first()),
        ]
        # One login for each role of the Provincia di Treviso: stampa.treviso is its press office.
        for link in (
            ProvinceGroup.objects.filter(province__sigla="TV").select_related("group").order_by("role")
        ):
            users.append((f"{link.role}.treviso", link.group.name, False, link.group))
        for username, first_name, superuser, group in users:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first_name,
                    "email": f"{username}@example.invalid",
                    "is_staff": superuser,
                    "is_superuser": superuser,
                },
            )
            if created:
                user.set_password(DEV_PASSWORD)
                user.save()
            if group is not None:
                user.groups.add(group)
            self.stdout.write(f"  {username} / {DEV_PASSWORD}{' (new)' if created else ''}")
        self.stdout.write(
            self.style.WARNING("Development logins only: never create them on a public server.")
        )

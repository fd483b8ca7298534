"""Invites the referents of a campaign's Provinces: each gets a single-use, expiring link to set a password.

UPI first adds each referent's user (with an e-mail address) to the group "Referente mappatura –
Provincia di X", then runs, once:

    manage.py invite_referents --campaign 1

The link expires after ``PASSWORD_RESET_TIMEOUT`` seconds (Django's default: 3 days) and stops working
once used. Run it again, with ``--only-without-password`` to skip those who already set theirs.
"""

from django.core.management.base import BaseCommand, CommandError

from mapping.models import Campaign
from mapping.notifications import send_invitations


class Command(BaseCommand):
    help = "E-mails each referent of the campaign's Provinces a single-use link to set a password."

    def add_arguments(self, parser):
        parser.add_argument("--campaign", type=int, required=True, help="The campaign's id.")
        parser.add_argument(
            "--only-without-password",
            action="store_true",
            help="Invite only the referents who have not set a password yet.",
        )

    def handle(self, *args, campaign, only_without_password, **options):
        try:
            campaign_obj = Campaign.objects.get(pk=campaign)
        except Campaign.DoesNotExist as error:
            raise CommandError(f"No campaign with id {campaign}.") from error
        sent = send_invitations(campaign_obj, only_without_password=only_without_password)
        self.stdout.write(self.style.SUCCESS(f"{sent} invitations sent."))

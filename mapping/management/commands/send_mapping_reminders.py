"""E-mails the referents of the invited Provinces that have not submitted their response yet.

Run it from cron while a campaign is open, for example every Monday at 9:00 (server time):

    0 9 * * 1  cd /srv/site && DJANGO_SETTINGS_MODULE=site_cms.settings.production .venv/bin/python manage.py send_mapping_reminders --campaign 1

A closed campaign, or one not yet open, sends nothing unless ``--force`` is given, so the cron line can
stay in place after the closing date.
"""

from django.core.management.base import BaseCommand, CommandError

from mapping.models import Campaign
from mapping.notifications import send_reminders


class Command(BaseCommand):
    help = "Sends a reminder to the referents of the Provinces that have not submitted the campaign's questionnaire."

    def add_arguments(self, parser):
        parser.add_argument("--campaign", type=int, required=True, help="The campaign's id.")
        parser.add_argument("--force", action="store_true", help="Send even if the campaign is not open.")

    def handle(self, *args, campaign, force, **options):
        try:
            campaign_obj = Campaign.objects.get(pk=campaign)
        except Campaign.DoesNotExist as error:
            raise CommandError(f"No campaign with id {campaign}.") from error
        if not force and not campaign_obj.is_open():
            self.stdout.write(f"Campaign {campaign_obj} is not open: no reminders sent.")
            return
        sent, provinces = send_reminders(campaign_obj)
        self.stdout.write(
            self.style.SUCCESS(f"{sent} reminders sent to the referents of {provinces} Provinces.")
        )

"""``manage.py remind_to_book``: remind participants who have asked for no meeting yet
(run daily, e.g. from cron; safe to run more often)."""

from django.core.management.base import BaseCommand

from techbridge.events.services.reminders import remind_to_book


class Command(BaseCommand):
    help = "Remind approved participants of events starting within a week to book meetings."

    def handle(self, *args, **options):
        count = remind_to_book()
        self.stdout.write(f"Reminded {count} participants.")

"""E-mail experts whose reviews are unfinished shortly before a review phase ends.

    manage.py remind_reviewers --days 3

Safe to run daily (each expert is reminded once per phase); ``--queue`` hands the work to
the background worker instead of doing it now.
"""

from django.core.management.base import BaseCommand

from techbridge.calls.services.reminders import remind_reviewers
from techbridge.calls.tasks import send_review_reminders


class Command(BaseCommand):
    help = "Remind experts of unfinished reviews N days before a review phase ends."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=3, help="days before the end (3)")
        parser.add_argument("--queue", action="store_true", help="queue a background task instead")

    def handle(self, *args, days: int, queue: bool, **options):
        if queue:
            send_review_reminders.enqueue(days)
            self.stdout.write("queued")
            return
        reminded = remind_reviewers(days_before=days)
        self.stdout.write(f"{reminded} experts reminded")

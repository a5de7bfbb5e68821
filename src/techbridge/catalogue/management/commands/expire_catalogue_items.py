"""``manage.py expire_catalogue_items``: the daily expiry job (run it from cron)."""

from django.core.management.base import BaseCommand

from techbridge.catalogue.services.lifecycle import expire_items


class Command(BaseCommand):
    help = "Remind owners of publications expiring soon; expire those past their date."

    def handle(self, *args, **options):
        reminded, expired = expire_items()
        self.stdout.write(f"Reminded {reminded} owners; expired {expired} items.")

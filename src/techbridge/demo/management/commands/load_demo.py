"""``manage.py load_demo``: idempotent demo data; prints the demo accounts."""

from django.core.management.base import BaseCommand

from techbridge.demo.loader import load_demo


class Command(BaseCommand):
    help = "Load the trilingual demo data (safe to run again: existing objects are kept)."

    def handle(self, *args, **options):
        report = load_demo()
        created = ", ".join(f"{count} {kind}" for kind, count in report.created.items())
        self.stdout.write(f"Demo data: created {created}.")
        self.stdout.write("Demo accounts (role, e-mail, password):")
        for role, email, password in report.accounts:
            self.stdout.write(f"  {role:<12} {email:<34} {password}")

"""Background jobs of the catalogue."""

from django_tasks import task

from techbridge.catalogue.services.lifecycle import expire_items


@task()
def expire_catalogue_items() -> str:
    """Remind owners of publications that expire soon and expire those past their date.
    Safe to run twice; schedule it daily (cron: ``manage.py expire_catalogue_items``)."""
    reminded, expired = expire_items()
    return f"reminded {reminded}, expired {expired}"

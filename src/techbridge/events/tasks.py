"""Background jobs of the events domain (django-tasks; ``manage.py db_worker`` runs them).
Each takes ids, loads, calls a service, and is safe to run twice."""

from __future__ import annotations

from django_tasks import task

from techbridge.events.services.reminders import remind_to_book
from techbridge.events.services.scheduling import run_scheduling


@task()
def run_scheduling_task(run_id: int) -> int:
    """Run a queued scheduling run; returns the number of meetings scheduled."""
    return run_scheduling(run_id=run_id).scheduled_count


@task()
def remind_to_book_task() -> int:
    """Remind approved participants who have not asked for any meeting yet."""
    return remind_to_book()

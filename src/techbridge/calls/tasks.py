"""Background jobs of the calls domain (django-tasks; ``manage.py db_worker`` runs them).

Each task takes ids or plain numbers, loads what it needs, calls a service, and is safe
to run twice.
"""

from __future__ import annotations

from django_tasks import task

from techbridge.calls.services.reminders import remind_reviewers
from techbridge.calls.services.solver_runs import execute_assignment_run


@task()
def run_assignment(run_id: int) -> str:
    """Solve a queued reviewer-assignment run; returns the run's final status."""
    return execute_assignment_run(run_id=run_id).status


@task()
def send_review_reminders(days_before: int) -> int:
    """E-mail experts whose reviews are unfinished ``days_before`` days before the end of
    a review phase; returns how many were reminded."""
    return remind_reviewers(days_before=days_before)

"""E-mails of the calls domain sent at once, each in its recipient's language.

Decisions do not go through here: their messages wait in the outbox
(``services.outbox``) until an organiser releases them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from techbridge.accounts.models import User
from techbridge.calls.deadlines import zone_or_utc
from techbridge.calls.eligibility import describe_problems
from techbridge.calls.models import Call, ReviewAssignment, Submission
from techbridge.mail import absolute_url, send_templated_mail


def link(name: str, language: str, **kwargs: Any) -> str:
    """A full link to a page, in the recipient's language."""
    with translation.override(language):
        return absolute_url(reverse(name, kwargs=kwargs))


def _send(user: User, template: str, context: dict[str, Any]) -> None:
    """Render and send with the user's language and time zone active, so dates in the
    message are the user's own."""
    with timezone.override(zone_or_utc(user.time_zone)):
        send_templated_mail(
            to=user.email,
            language=user.preferred_language,
            template=f"calls/email/{template}",
            context={"user": user, **context},
        )


def notify_applicant(submission: Submission, template: str, **context: Any) -> None:
    """After the transaction commits, e-mail the applicant about their application."""
    applicant = submission.applicant

    def send() -> None:
        with translation.override(applicant.preferred_language):
            problems = describe_problems(submission.eligibility_problems)
        _send(
            applicant,
            template,
            {
                "submission": submission,
                "call": submission.call,
                "problems": problems,
                "link": link("calls:application", applicant.preferred_language, pk=submission.pk),
                **context,
            },
        )

    transaction.on_commit(send)


def notify_assigned_expert(
    call: Call, expert: User, assignments: Sequence[ReviewAssignment]
) -> None:
    """After commit, tell an expert which projects (by code and title only) to review."""

    def send() -> None:
        _send(
            expert,
            "assigned",
            {
                "call": call,
                "assignments": list(assignments),
                "deadline": _review_deadline(call),
                "link": link("calls:my_reviews", expert.preferred_language, pk=call.pk),
            },
        )

    transaction.on_commit(send)


def _review_deadline(call: Call) -> datetime | None:
    phases = [phase for phase in call.phases.all() if phase.reviewers_may_review]
    future = [phase.ends_at for phase in phases if phase.ends_at > timezone.now()]
    return min(future) if future else None


def send_reminder(call: Call, expert: User, unfinished: int, deadline: datetime) -> None:
    """E-mail an expert who still has ``unfinished`` reviews before ``deadline``."""
    _send(
        expert,
        "reminder",
        {
            "call": call,
            "unfinished": unfinished,
            "deadline": deadline,
            "link": link("calls:my_reviews", expert.preferred_language, pk=call.pk),
        },
    )

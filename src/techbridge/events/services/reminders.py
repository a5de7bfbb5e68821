"""Reminding participants to book meetings while there is time."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from techbridge.events.enums import RegistrationRole, RegistrationStatus, RequestStatus
from techbridge.events.models import Registration
from techbridge.events.services.notifications import notify

# Participants are reminded once, during the last days before their event.
REMIND_DAYS_BEFORE = 7


def registrations_to_remind(now: datetime) -> list[Registration]:
    """Approved participants of published events starting within the reminder window
    who have not been reminded and have neither sent nor accepted a meeting request,
    at events that have meeting slots."""
    return list(
        Registration.objects.filter(
            status=RegistrationStatus.APPROVED,
            role=RegistrationRole.PARTICIPANT,
            booking_reminded_at__isnull=True,
            event__is_published=True,
            event__starts_at__gt=now,
            event__starts_at__lte=now + timedelta(days=REMIND_DAYS_BEFORE),
            event__meeting_slots__isnull=False,
        )
        .annotate(
            requests=Count(
                "sent_requests", filter=~Q(sent_requests__status=RequestStatus.WITHDRAWN)
            )
            + Count(
                "received_requests",
                filter=Q(received_requests__status=RequestStatus.ACCEPTED),
            )
        )
        .filter(requests=0)
        .select_related("user", "event")
        .distinct()
    )


def remind_to_book(*, now: datetime | None = None) -> int:
    """Send each such participant one reminder; safe to run twice. Returns how many."""
    now = now or timezone.now()
    reminded = 0
    for registration in registrations_to_remind(now):
        with transaction.atomic():
            claimed = Registration.objects.filter(
                pk=registration.pk, booking_reminded_at__isnull=True
            ).update(booking_reminded_at=now)
            if claimed:
                reminded += 1
                transaction.on_commit(
                    lambda registration=registration: notify(
                        [registration.user],
                        "remind_to_book",
                        event=registration.event,
                        view_name="events:participants",
                    )
                )
    return reminded

"""Figures organisers report for an event: registrations by side and type, requests,
meetings and their outcomes."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count

from techbridge.accounts.enums import Country
from techbridge.events.enums import (
    InterestLevel,
    MeetingStatus,
    NextStep,
    ParticipantType,
    RegistrationRole,
    RegistrationStatus,
    RequestStatus,
)
from techbridge.events.models import Event, Meeting, MeetingOutcome, MeetingRequest, Registration

# Registrations that count: not declined, not cancelled.
COUNTED_STATUSES = (RegistrationStatus.PENDING, RegistrationStatus.APPROVED)


@dataclass(frozen=True)
class EventStatistics:
    """Counts keyed by enum values; ``by_side_and_type[side][type]``."""

    registrations: int
    approved: int
    checked_in: int
    interpreters: int
    by_side_and_type: dict[str, dict[str, int]] = field(default_factory=dict)
    requests_by_status: dict[str, int] = field(default_factory=dict)
    mutual_requests: int = 0
    meetings_by_status: dict[str, int] = field(default_factory=dict)
    outcomes_by_interest: dict[str, int] = field(default_factory=dict)
    outcomes_by_next_step: dict[str, int] = field(default_factory=dict)

    @property
    def meetings_held(self) -> int:
        return self.meetings_by_status.get(MeetingStatus.HELD, 0)

    @property
    def requests(self) -> int:
        return sum(self.requests_by_status.values())

    def chart_data(self) -> dict[str, object]:
        """The figures with translated labels, for the charts (``json_script``)."""
        sides = [code for code in (Country.CHINA, Country.RUSSIA) if code in self.by_side_and_type]
        sides += [code for code in self.by_side_and_type if code not in sides]
        return {
            "types": [str(label) for label in ParticipantType.labels],
            "sides": [
                {
                    "name": str(Country(side).label),
                    "values": [
                        self.by_side_and_type[side].get(value, 0)
                        for value in ParticipantType.values
                    ],
                }
                for side in sides
            ],
            "requests": _labelled(RequestStatus, self.requests_by_status),
            "meetings": _labelled(MeetingStatus, self.meetings_by_status),
            "interest": _labelled(InterestLevel, self.outcomes_by_interest),
            "next_steps": _labelled(NextStep, self.outcomes_by_next_step),
        }


def _labelled(choices: type, counts: dict[str, int]) -> list[dict[str, object]]:
    return [{"name": str(choice.label), "value": counts.get(choice.value, 0)} for choice in choices]


def _counts(rows) -> dict[str, int]:
    return {row[0]: row[1] for row in rows}


def event_statistics(event: Event) -> EventStatistics:
    """Every figure of the event's statistics, in a handful of aggregate queries."""
    counted = Registration.objects.filter(event=event, status__in=COUNTED_STATUSES)
    participants = counted.filter(role=RegistrationRole.PARTICIPANT)
    by_side_and_type: dict[str, dict[str, int]] = {}
    for row in participants.values("country", "participant_type").annotate(total=Count("pk")):
        by_side_and_type.setdefault(row["country"], {})[row["participant_type"]] = row["total"]
    requests = MeetingRequest.objects.filter(event=event)
    return EventStatistics(
        registrations=participants.count(),
        approved=participants.filter(status=RegistrationStatus.APPROVED).count(),
        checked_in=counted.filter(checked_in_at__isnull=False).count(),
        interpreters=counted.filter(role=RegistrationRole.INTERPRETER).count(),
        by_side_and_type=by_side_and_type,
        requests_by_status=_counts(
            requests.values_list("status").annotate(total=Count("pk")).order_by()
        ),
        mutual_requests=requests.filter(is_mutual=True).count(),
        meetings_by_status=_counts(
            Meeting.objects.filter(event=event)
            .values_list("status")
            .annotate(total=Count("pk"))
            .order_by()
        ),
        outcomes_by_interest=_counts(
            MeetingOutcome.objects.filter(meeting__event=event)
            .values_list("interest")
            .annotate(total=Count("pk"))
            .order_by()
        ),
        outcomes_by_next_step=_counts(
            MeetingOutcome.objects.filter(meeting__event=event)
            .values_list("next_step")
            .annotate(total=Count("pk"))
            .order_by()
        ),
    )

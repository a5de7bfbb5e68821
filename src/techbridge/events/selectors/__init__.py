"""Reads of the events domain."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from techbridge.events.enums import OrganisingRole
from techbridge.events.models import Event, OrganisingUnit

ROLE_ORDER = {role.value: index for index, role in enumerate(OrganisingRole)}


def upcoming_events(limit: int = 6) -> QuerySet[Event]:
    """Published events that have not ended, soonest first, with their organising units."""
    return (
        Event.objects.filter(is_published=True, ends_at__gte=timezone.now())
        .prefetch_related(
            Prefetch(
                "organising_units",
                queryset=OrganisingUnit.objects.select_related("organisation"),
            )
        )
        .order_by("starts_at")[:limit]
    )


def organising_units_by_role(event: Event) -> list[tuple[str, list[OrganisingUnit]]]:
    """The event's organising units grouped by role, in the customary order of roles."""
    groups: dict[str, list[OrganisingUnit]] = {}
    for unit in sorted(
        event.organising_units.all(), key=lambda unit: (ROLE_ORDER[unit.role], unit.position)
    ):
        groups.setdefault(unit.get_role_display(), []).append(unit)
    return list(groups.items())


def published_events() -> QuerySet[Event]:
    """Every published event, newest first: the events list."""
    return Event.objects.filter(is_published=True).order_by("-starts_at")

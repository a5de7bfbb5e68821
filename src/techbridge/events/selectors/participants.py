"""Reads of an event's people: participants, interpreters, registrations for organisers,
meeting requests, and the offers and needs participants bring."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from techbridge.catalogue.enums import ItemKind, ItemStatus
from techbridge.catalogue.models import CatalogueItem
from techbridge.events.enums import RegistrationRole, RegistrationStatus
from techbridge.events.models import Event, MeetingRequest, Registration


def approved_participants(event: Event) -> QuerySet[Registration]:
    """Approved participants (not interpreters), with person and organisation."""
    return (
        Registration.objects.filter(
            event=event, status=RegistrationStatus.APPROVED, role=RegistrationRole.PARTICIPANT
        )
        .select_related("user", "organisation")
        .order_by("user__full_name", "pk")
    )


def registrations_for_organisers(event: Event, *, status: str = "") -> QuerySet[Registration]:
    registrations = Registration.objects.filter(event=event).select_related("user", "organisation")
    if status:
        registrations = registrations.filter(status=status)
    return registrations.order_by("status", "created_at", "pk")


def requests_of(registration: Registration) -> QuerySet[MeetingRequest]:
    """Requests the registration sent or received, newest first."""
    return (
        MeetingRequest.objects.filter(Q(requester=registration) | Q(recipient=registration))
        .select_related(
            "requester__user",
            "requester__organisation",
            "recipient__user",
            "recipient__organisation",
        )
        .order_by("-created_at", "-pk")
    )


def event_items(event: Event, kind: ItemKind | str) -> QuerySet[CatalogueItem]:
    """Published offers or needs of the event's approved participants: theirs or their
    registered organisations'."""
    participants = approved_participants(event)
    return (
        CatalogueItem.objects.filter(kind=kind, status=ItemStatus.PUBLISHED)
        .filter(
            Q(owner_id__in=participants.values("user_id"))
            | Q(organisation_id__in=participants.values("organisation_id"))
        )
        .select_related("organisation")
        .order_by("-published_at", "-pk")
    )


def owners_of_items(event: Event, items: list[CatalogueItem]) -> dict[int, Registration]:
    """For each item, the participant to ask for a meeting about it: its owner if
    registered, else a participant of its organisation."""
    participants = list(approved_participants(event))
    by_user = {registration.user_id: registration for registration in participants}
    by_organisation: dict[int, Registration] = {}
    for registration in participants:
        if registration.organisation_id is not None:
            by_organisation.setdefault(registration.organisation_id, registration)
    owners = {}
    for item in items:
        owner = by_user.get(item.owner_id) or by_organisation.get(item.organisation_id)
        if owner is not None:
            owners[item.pk] = owner
    return owners

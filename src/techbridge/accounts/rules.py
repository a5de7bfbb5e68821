"""Who may do what with people and organisations: small named predicates.

Views, the API and services check the same names. An organisation that organisers have
not verified cannot act as one: its members hold no effective role until it is verified.
"""

from __future__ import annotations

from typing import Any

from techbridge.accounts.enums import MembershipStatus, Role
from techbridge.accounts.models import Membership, Organisation


def _is_signed_in(user: Any) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def acting_memberships(user: Any):
    """Active memberships in verified organisations: the roles a person can act in."""
    if not _is_signed_in(user):
        return Membership.objects.none()
    return Membership.objects.filter(
        user=user, status=MembershipStatus.ACTIVE, organisation__is_verified=True
    )


def has_role(user: Any, role: Role | str) -> bool:
    return acting_memberships(user).filter(role=role).exists()


def is_organiser(user: Any) -> bool:
    """Platform organisers: members with the organiser role of a verified organisation."""
    if not _is_signed_in(user):
        return False
    return bool(user.is_superuser) or has_role(user, Role.ORGANISER)


def is_organisation_manager(user: Any, organisation: Organisation) -> bool:
    """Manages the organisation's profile (even before verification, to get verified)."""
    if not _is_signed_in(user):
        return False
    return Membership.objects.filter(
        user=user, organisation=organisation, is_manager=True, status=MembershipStatus.ACTIVE
    ).exists()


def can_edit_organisation(user: Any, organisation: Organisation) -> bool:
    return is_organiser(user) or is_organisation_manager(user, organisation)


def can_verify_organisation(user: Any, organisation: Organisation) -> bool:
    return is_organiser(user)


def can_manage_members(user: Any, organisation: Organisation) -> bool:
    """Approve and revoke members: organisers, or managers of a verified organisation."""
    if is_organiser(user):
        return True
    return organisation.is_verified and is_organisation_manager(user, organisation)


def can_grant_role(user: Any, organisation: Organisation, role: Role | str) -> bool:
    """Only organisers make organisers; managers grant the other roles in their organisation."""
    if role == Role.ORGANISER:
        return is_organiser(user)
    return can_manage_members(user, organisation)


def can_use_back_office(user: Any) -> bool:
    return is_organiser(user)

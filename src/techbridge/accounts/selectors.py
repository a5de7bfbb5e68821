"""Reads of the accounts domain."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from techbridge.accounts.enums import MembershipStatus
from techbridge.accounts.models import Membership, Organisation, User


def organisation_directory(
    *, country: str | None = None, organisation_type: str | None = None, verified_only: bool = True
) -> QuerySet[Organisation]:
    """Organisations for the public directory, with their active member count."""
    organisations = Organisation.objects.annotate(
        member_count=Count("memberships", filter=Q(memberships__status=MembershipStatus.ACTIVE))
    ).order_by("country", "id")
    if verified_only:
        organisations = organisations.filter(is_verified=True)
    if country:
        organisations = organisations.filter(country=country)
    if organisation_type:
        organisations = organisations.filter(organisation_type=organisation_type)
    return organisations


def organisations_awaiting_verification() -> QuerySet[Organisation]:
    return Organisation.objects.filter(is_verified=False).select_related("created_by")


def memberships_of(user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .exclude(status=MembershipStatus.REVOKED)
        .select_related("organisation")
    )


def members_of(organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .exclude(status=MembershipStatus.REVOKED)
        .select_related("user")
        .order_by("status", "role", "user__full_name")
    )


def organisation_with_members(pk: int) -> Organisation:
    return Organisation.objects.prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("user"))
    ).get(pk=pk)


def verified_organisation_counts() -> dict[str, int]:
    """Verified organisations per country code, for the home page's figures."""
    return dict(
        Organisation.objects.filter(is_verified=True)
        .values("country")
        .annotate(total=Count("id"))
        .values_list("country", "total")
    )

"""Writes of the accounts domain: sign-up, sign-in throttling, profiles, organisations,
memberships and roles. Each function owns its transaction and audits what it changes."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation

from techbridge.accounts import rules
from techbridge.accounts.enums import MembershipStatus, Role
from techbridge.accounts.models import Membership, Organisation, SignInFailure, User
from techbridge.accounts.tokens import make_confirmation_token, read_confirmation_token
from techbridge.audit.enums import AuditAction
from techbridge.audit.services import client_ip, record_action
from techbridge.mail import absolute_url, send_templated_mail

PROFILE_FIELDS = ("full_name", "preferred_language", "time_zone", "phone", "position")
ORGANISATION_FIELDS = (
    "names",
    "short_names",
    "organisation_type",
    "country",
    "regions",
    "website",
    "descriptions",
)


# Sign-up and e-mail confirmation -------------------------------------------------------


@transaction.atomic
def sign_up(
    *,
    email: str,
    password: str,
    full_name: str,
    preferred_language: str,
    time_zone: str,
    request: HttpRequest | None = None,
) -> User:
    """Create an account that can sign in once its e-mail address is confirmed."""
    user = User.objects.create_user(
        email=email,
        password=password,
        full_name=full_name,
        preferred_language=preferred_language,
        time_zone=time_zone,
    )
    record_action(actor=user, action=AuditAction.SIGN_UP, target=user, request=request)
    transaction.on_commit(lambda: send_confirmation_email(user=user))
    return user


def send_confirmation_email(*, user: User) -> None:
    token = make_confirmation_token(user_id=user.pk, email=user.email)
    with translation.override(user.preferred_language):
        link = absolute_url(reverse("accounts:confirm_email", kwargs={"token": token}))
    send_templated_mail(
        to=user.email,
        language=user.preferred_language,
        template="accounts/email/confirm_email",
        context={"user": user, "link": link},
    )


@transaction.atomic
def confirm_email(*, token: str, request: HttpRequest | None = None) -> User | None:
    """Mark the address confirmed; None when the link is invalid, expired or outdated."""
    decoded = read_confirmation_token(token)
    if decoded is None:
        return None
    user_id, email = decoded
    user = User.objects.select_for_update().filter(pk=user_id, email=email).first()
    if user is None:
        return None
    if user.email_confirmed_at is None:
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email_confirmed_at", "updated_at"])
        record_action(actor=user, action=AuditAction.EMAIL_CONFIRMED, target=user, request=request)
    return user


# Sign-in throttling ---------------------------------------------------------------------


def _recent_failures(*, email: str, ip_address: str | None) -> tuple[int, Any]:
    """How many failures in a row (for this address or this client) and the latest one."""
    window_start = timezone.now() - timedelta(seconds=settings.SIGN_IN_MAX_DELAY_SECONDS * 4)
    by_email = SignInFailure.objects.filter(email=email.lower(), created_at__gte=window_start)
    counts = [(by_email.count(), by_email.order_by("-created_at").first())]
    if ip_address:
        by_ip = SignInFailure.objects.filter(ip_address=ip_address, created_at__gte=window_start)
        counts.append((by_ip.count(), by_ip.order_by("-created_at").first()))
    return max(counts, key=lambda pair: pair[0])


def sign_in_wait_seconds(*, email: str, request: HttpRequest | None = None) -> int:
    """Seconds to wait before the next attempt is allowed (0 = allowed now).

    The first ``SIGN_IN_FREE_FAILURES`` failures cost nothing; each further one doubles the
    wait, from ``SIGN_IN_BASE_DELAY_SECONDS`` up to ``SIGN_IN_MAX_DELAY_SECONDS``.
    """
    count, latest = _recent_failures(email=email, ip_address=client_ip(request))
    over = count - settings.SIGN_IN_FREE_FAILURES
    if over < 0 or latest is None:
        return 0
    delay = min(settings.SIGN_IN_BASE_DELAY_SECONDS * (2**over), settings.SIGN_IN_MAX_DELAY_SECONDS)
    elapsed = (timezone.now() - latest.created_at).total_seconds()
    return max(0, int(delay - elapsed + 0.999))


@transaction.atomic
def record_sign_in_failure(*, email: str, request: HttpRequest | None = None) -> None:
    SignInFailure.objects.create(email=email.lower()[:254], ip_address=client_ip(request))
    record_action(
        actor=None,
        action=AuditAction.SIGN_IN_FAILED,
        details={"email": email.lower()[:254]},
        request=request,
    )


def clear_sign_in_failures(*, email: str) -> None:
    SignInFailure.objects.filter(email=email.lower()).delete()


# Profiles ----------------------------------------------------------------------------------


@transaction.atomic
def update_profile(*, user: User, request: HttpRequest | None = None, **changes: Any) -> User:
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"Not profile fields: {sorted(unknown)}")
    changed = {key: value for key, value in changes.items() if getattr(user, key) != value}
    for key, value in changed.items():
        setattr(user, key, value)
    if changed:
        user.save(update_fields=[*changed, "updated_at"])
        record_action(
            actor=user,
            action=AuditAction.PROFILE_UPDATED,
            target=user,
            details={"fields": sorted(changed)},
            request=request,
        )
    return user


# Organisations -------------------------------------------------------------------------------


@transaction.atomic
def register_organisation(
    *, user: User, role: Role | str, request: HttpRequest | None = None, **fields: Any
) -> Organisation:
    """A user registers their organisation and manages it; organisers then verify it."""
    if role == Role.ORGANISER and not rules.is_organiser(user):
        raise PermissionDenied
    organisation = Organisation(created_by=user, **_organisation_fields(fields))
    organisation.full_clean()
    organisation.save()
    Membership.objects.create(
        user=user,
        organisation=organisation,
        role=role,
        status=MembershipStatus.ACTIVE,
        is_manager=True,
    )
    record_action(
        actor=user,
        action=AuditAction.ORGANISATION_CREATED,
        target=organisation,
        details={"role": str(role)},
        request=request,
    )
    return organisation


def _organisation_fields(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise ValueError(f"Not organisation fields: {sorted(unknown)}")
    return fields


@transaction.atomic
def update_organisation(
    *, actor: User, organisation: Organisation, request: HttpRequest | None = None, **fields: Any
) -> Organisation:
    if not rules.can_edit_organisation(actor, organisation):
        raise PermissionDenied
    changed = {
        key: value
        for key, value in _organisation_fields(fields).items()
        if getattr(organisation, key) != value
    }
    for key, value in changed.items():
        setattr(organisation, key, value)
    if changed:
        organisation.full_clean()
        organisation.save()
        record_action(
            actor=actor,
            action=AuditAction.ORGANISATION_UPDATED,
            target=organisation,
            details={"fields": sorted(changed)},
            request=request,
        )
    return organisation


@transaction.atomic
def set_organisation_verified(
    *,
    actor: User,
    organisation: Organisation,
    verified: bool,
    request: HttpRequest | None = None,
) -> Organisation:
    """Organisers verify an organisation (or withdraw the verification)."""
    if not rules.can_verify_organisation(actor, organisation):
        raise PermissionDenied
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.is_verified == verified:
        return organisation
    organisation.is_verified = verified
    organisation.verified_at = timezone.now() if verified else None
    organisation.verified_by = actor if verified else None
    organisation.save(update_fields=["is_verified", "verified_at", "verified_by", "updated_at"])
    record_action(
        actor=actor,
        action=(
            AuditAction.ORGANISATION_VERIFIED if verified else AuditAction.ORGANISATION_UNVERIFIED
        ),
        target=organisation,
        request=request,
    )
    return organisation


# Memberships and roles --------------------------------------------------------------------------


@transaction.atomic
def request_membership(
    *,
    user: User,
    organisation: Organisation,
    role: Role | str,
    request: HttpRequest | None = None,
) -> Membership:
    """Ask to join an organisation in a role; its managers or an organiser approve."""
    membership, created = Membership.objects.get_or_create(
        user=user,
        organisation=organisation,
        role=role,
        defaults={"status": MembershipStatus.PENDING},
    )
    if not created and membership.status == MembershipStatus.REVOKED:
        membership.status = MembershipStatus.PENDING
        membership.save(update_fields=["status", "updated_at"])
    if created or membership.status == MembershipStatus.PENDING:
        record_action(
            actor=user,
            action=AuditAction.MEMBERSHIP_REQUESTED,
            target=organisation,
            details={"role": str(role), "membership": membership.pk},
            request=request,
        )
    return membership


@transaction.atomic
def grant_role(
    *,
    actor: User,
    user: User,
    organisation: Organisation,
    role: Role | str,
    request: HttpRequest | None = None,
) -> Membership:
    """Give a person an active role in an organisation (approving a pending request)."""
    if not rules.can_grant_role(actor, organisation, role):
        raise PermissionDenied
    membership, created = Membership.objects.select_for_update().get_or_create(
        user=user,
        organisation=organisation,
        role=role,
        defaults={"status": MembershipStatus.ACTIVE},
    )
    if membership.status != MembershipStatus.ACTIVE:
        membership.status = MembershipStatus.ACTIVE
        membership.save(update_fields=["status", "updated_at"])
    elif not created:
        return membership
    record_action(
        actor=actor,
        action=AuditAction.ROLE_GRANTED,
        target=organisation,
        details={"user": user.pk, "email": user.email, "role": str(role)},
        request=request,
    )
    return membership


@transaction.atomic
def revoke_role(
    *, actor: User, membership: Membership, request: HttpRequest | None = None
) -> Membership:
    if not rules.can_grant_role(actor, membership.organisation, membership.role):
        raise PermissionDenied
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status == MembershipStatus.REVOKED:
        return membership
    membership.status = MembershipStatus.REVOKED
    membership.is_manager = False
    membership.save(update_fields=["status", "is_manager", "updated_at"])
    record_action(
        actor=actor,
        action=AuditAction.ROLE_REVOKED,
        target=membership.organisation,
        details={"user": membership.user_id, "role": membership.role},
        request=request,
    )
    return membership

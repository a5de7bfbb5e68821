"""E-mails of the catalogue, each in its recipient's language."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import translation

from techbridge.accounts.enums import MembershipStatus, Role
from techbridge.accounts.models import User
from techbridge.catalogue.models import CatalogueItem
from techbridge.mail import absolute_url, send_templated_mail


def organisers() -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            memberships__role=Role.ORGANISER,
            memberships__status=MembershipStatus.ACTIVE,
            memberships__organisation__is_verified=True,
        ).distinct()
    )


def item_link(item: CatalogueItem, language: str) -> str:
    with translation.override(language):
        return absolute_url(reverse("catalogue:detail", kwargs={"pk": item.pk}))


def notify(users: list[User], template: str, item: CatalogueItem, **context: Any) -> None:
    """Send one message per user, rendered in that user's language."""
    for user in users:
        send_templated_mail(
            to=user.email,
            language=user.preferred_language,
            template=f"catalogue/email/{template}",
            context={
                "user": user,
                "item": item,
                "link": item_link(item, user.preferred_language),
                **context,
            },
        )

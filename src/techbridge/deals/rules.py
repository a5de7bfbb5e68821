"""Who may see and move deals."""

from __future__ import annotations

from typing import Any

from techbridge.accounts.rules import is_organiser
from techbridge.deals.models import Deal


def can_list_deals(user: Any) -> bool:
    return is_organiser(user)


def is_deal_party(user: Any, deal: Deal) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.pk in (
        deal.first_user_id,
        deal.second_user_id,
    )


def can_change_deal(user: Any, deal: Deal) -> bool:
    return is_organiser(user) or is_deal_party(user, deal)

"""The one way to write to the audit log. Every domain service calls ``record_action``."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import HttpRequest

from techbridge.audit.enums import AuditAction
from techbridge.audit.models import AuditEntry


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address as the server saw it (a proxy must be configured to set it)."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record_action(
    *,
    actor: Any | None,
    action: AuditAction,
    target: models.Model | None = None,
    details: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditEntry:
    """Append one entry; runs inside the caller's transaction, so it rolls back with it."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor=actor if is_user else None,
        actor_label=(getattr(actor, "email", "") or str(actor))[:255] if is_user else "",
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:255] if target is not None else "",
        details=details or {},
        ip_address=client_ip(request),
    )

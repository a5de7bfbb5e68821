"""Reading the audit log."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from techbridge.audit.models import AuditEntry


def entries_for(target: models.Model) -> QuerySet[AuditEntry]:
    """The history of one object, newest first."""
    return AuditEntry.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
    ).select_related("actor")


def recent_entries(limit: int = 100) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.select_related("actor", "target_type")[:limit]

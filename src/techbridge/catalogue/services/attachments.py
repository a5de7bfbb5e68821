"""Attachments of catalogue items: checked by content, size-limited, audited."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.utils.text import get_valid_filename
from django.utils.translation import ngettext

from techbridge.accounts.models import User
from techbridge.audit.enums import AuditAction
from techbridge.audit.services import record_action
from techbridge.catalogue import rules
from techbridge.catalogue.models import Attachment, CatalogueItem
from techbridge.catalogue.uploads import UploadRefused, check_upload


@transaction.atomic
def add_attachment(
    *, item: CatalogueItem, actor: User, upload: UploadedFile, request: HttpRequest | None = None
) -> Attachment:
    if not rules.can_edit_item(actor, item):
        raise PermissionDenied
    if item.attachments.count() >= settings.CATALOGUE_ATTACHMENTS_PER_ITEM:
        raise ValidationError(
            ngettext(
                "An item can have at most %(count)d attachment.",
                "An item can have at most %(count)d attachments.",
                settings.CATALOGUE_ATTACHMENTS_PER_ITEM,
            )
            % {"count": settings.CATALOGUE_ATTACHMENTS_PER_ITEM}
        )
    name = upload.name or "file"
    try:
        checked = check_upload(
            upload, name, upload.size or 0, settings.CATALOGUE_ATTACHMENT_MAX_BYTES
        )
    except UploadRefused as error:
        raise ValidationError(str(error), code="refused") from error
    attachment = Attachment(
        item=item,
        original_name=name[:255],
        media_type=checked.media_type,
        size=upload.size or 0,
        uploaded_by=actor,
    )
    # Stored under a neutral name: never trust the uploaded name on disk.
    attachment.file.save(get_valid_filename(f"attachment.{checked.extension}"), upload, save=False)
    attachment.save()
    record_action(
        actor=actor,
        action=AuditAction.ATTACHMENT_ADDED,
        target=item,
        details={"attachment": attachment.pk, "name": attachment.original_name},
        request=request,
    )
    return attachment


@transaction.atomic
def remove_attachment(
    *, attachment: Attachment, actor: User, request: HttpRequest | None = None
) -> None:
    if not rules.can_edit_item(actor, attachment.item):
        raise PermissionDenied
    record_action(
        actor=actor,
        action=AuditAction.ATTACHMENT_REMOVED,
        target=attachment.item,
        details={"name": attachment.original_name},
        request=request,
    )
    attachment.file.delete(save=False)
    attachment.delete()

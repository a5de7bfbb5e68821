"""Documents an application must carry: checked by content, one per requirement."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.utils.text import get_valid_filename

from techbridge.accounts.models import User
from techbridge.audit.enums import AuditAction
from techbridge.audit.services import record_action
from techbridge.calls import rules
from techbridge.calls.models import RequiredAttachment, Submission, SubmissionAttachment
from techbridge.catalogue.uploads import UploadRefused, check_upload


@transaction.atomic
def upload_document(
    *,
    submission: Submission,
    requirement: RequiredAttachment,
    actor: User,
    upload: UploadedFile,
    request: HttpRequest | None = None,
) -> SubmissionAttachment:
    """Attach (or replace) the document for one requirement of the call."""
    if not rules.can_edit_submission(actor, submission):
        raise PermissionDenied
    if requirement.call_id != submission.call_id:
        raise PermissionDenied
    name = upload.name or "file"
    try:
        checked = check_upload(
            upload, name, upload.size or 0, settings.CATALOGUE_ATTACHMENT_MAX_BYTES
        )
    except UploadRefused as error:
        raise ValidationError(str(error), code="refused") from error
    previous = SubmissionAttachment.objects.filter(submission=submission, requirement=requirement)
    for old in previous:
        old.file.delete(save=False)
    previous.delete()
    document = SubmissionAttachment(
        submission=submission,
        requirement=requirement,
        original_name=name[:255],
        media_type=checked.media_type,
        size=upload.size or 0,
        uploaded_by=actor,
    )
    # Stored under a neutral name: the uploaded name is never trusted on disk.
    document.file.save(get_valid_filename(f"document.{checked.extension}"), upload, save=False)
    document.save()
    record_action(
        actor=actor,
        action=AuditAction.SUBMISSION_DOCUMENT_ADDED,
        target=submission,
        details={"requirement": requirement.pk, "name": document.original_name},
        request=request,
    )
    return document

"""Applications to a call: a technology offer of the applicant, answers, documents."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from techbridge.accounts.models import Organisation
from techbridge.calls.enums import SubmissionStatus
from techbridge.calls.models.calls import Call, RequiredAttachment
from techbridge.catalogue.models import TechnologyOffer
from techbridge.i18n_text import pick_text


class Submission(models.Model):
    """One application: the applicant's technology offer entered into a call.

    ``snapshot`` holds the offer's project texts as submitted (never the holder's name or
    organisation): reviewers read the snapshot, so later catalogue edits do not change
    what was reviewed and blind pages cannot show who applied. ``number`` is the
    project's code within the call (P-001…), the only name reviewers see.
    """

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="submissions"
    )
    number = models.PositiveIntegerField(_("number"))
    offer = models.ForeignKey(
        TechnologyOffer,
        verbose_name=_("technology offer"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="call_submissions",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="call_submissions",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.DRAFT,
        db_index=True,
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    snapshot = models.JSONField(_("project as submitted"), default=dict, blank=True)
    status_reason = models.TextField(_("reason of the last status change"), blank=True)
    eligibility_problems = models.JSONField(_("eligibility problems"), default=list, blank=True)
    eligibility_checked_at = models.DateTimeField(
        _("eligibility checked at"), null=True, blank=True
    )
    eligibility_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eligibility confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    eligibility_confirmed_at = models.DateTimeField(
        _("eligibility confirmed at"), null=True, blank=True
    )
    revision_requests = models.TextField(_("what to revise"), blank=True)
    revision_due_at = models.DateTimeField(_("revision due by"), null=True, blank=True)
    review_round = models.PositiveSmallIntegerField(_("review round"), default=1)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["call_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["call", "offer"], name="one_application_per_offer"),
            models.UniqueConstraint(fields=["call", "number"], name="unique_number_per_call"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {pick_text(self.snapshot.get('titles') or self.offer.titles).text}"

    @property
    def code(self) -> str:
        """The project's blind code within its call."""
        return f"P-{self.number:03d}"

    @property
    def titles(self) -> dict[str, str]:
        return self.snapshot.get("titles") or {}


class SubmissionAttachment(models.Model):
    """A document uploaded for one of the call's required documents."""

    submission = models.ForeignKey(
        Submission,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    requirement = models.ForeignKey(
        RequiredAttachment,
        verbose_name=_("required document"),
        on_delete=models.CASCADE,
        related_name="uploads",
    )
    file = models.FileField(_("file"), upload_to="calls/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    media_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")
        ordering = ["requirement__position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "requirement"], name="one_upload_per_requirement"
            )
        ]

    def __str__(self) -> str:
        return self.original_name

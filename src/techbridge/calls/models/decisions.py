"""Pending decisions, the editable message templates and the outbox."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from techbridge.calls.enums import DecisionOutcome, MessageKind, OutboxStatus
from techbridge.calls.models.calls import Call
from techbridge.calls.models.submissions import Submission
from techbridge.calls.reasons import selection_reason
from techbridge.catalogue.enums import ContentLanguage


class PendingDecision(models.Model):
    """A decision held until organisers apply all decisions of the call at once.

    ``reason`` says why (from the selection core: rank, quota, cut-off); ``requests``
    tells the applicant what to revise when the outcome is "revise and resubmit".
    """

    submission = models.OneToOneField(
        Submission,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="pending_decision",
    )
    outcome = models.CharField(_("decision"), max_length=10, choices=DecisionOutcome.choices)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    # The same reason as data (selection core), to say it in each reader's language.
    reason_code = models.CharField(_("reason code"), max_length=40, blank=True)
    reason_details = models.JSONField(_("reason details"), default=dict, blank=True)
    requests = models.TextField(_("what to revise"), blank=True)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    score = models.FloatField(_("calibrated score"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("pending decision")
        verbose_name_plural = _("pending decisions")
        ordering = ["rank", "submission__number"]

    def __str__(self) -> str:
        return f"{self.submission.code}: {self.get_outcome_display()}"

    def reason_text(self, language: str | None = None) -> str:
        """The reason in ``language`` (default: the active one)."""
        with translation.override(language or translation.get_language()):
            return selection_reason(self.reason_code, self.reason_details) or self.reason


class MessageTemplate(models.Model):
    """The text of one kind of message in one language, edited by organisers.

    Placeholders in braces (``{project_title}``) are filled when a message is queued;
    ``services.outbox.PLACEHOLDERS`` lists them. Literal braces are doubled.
    """

    kind = models.CharField(_("message"), max_length=20, choices=MessageKind.choices)
    language = models.CharField(_("language"), max_length=2, choices=ContentLanguage.choices)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last edited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")
        ordering = ["kind", "language"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "language"], name="one_template_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.language})"


class OutboxMessage(models.Model):
    """An e-mail rendered in its recipient's language, held until an organiser releases
    it (or discards it)."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="outbox"
    )
    submission = models.ForeignKey(
        Submission,
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    to_address = models.EmailField(_("e-mail address"))
    kind = models.CharField(_("message"), max_length=20, choices=MessageKind.choices)
    language = models.CharField(_("language"), max_length=2, choices=ContentLanguage.choices)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.HELD
    )
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("released by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox")
        ordering = ["status", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.to_address}: {self.subject}"

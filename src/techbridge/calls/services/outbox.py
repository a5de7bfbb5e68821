"""The outbox: decision messages rendered in each recipient's language from templates
organisers edit, held until an organiser releases (or discards) them."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from string import Formatter
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from techbridge.accounts.models import User
from techbridge.audit.enums import AuditAction
from techbridge.audit.services import record_action
from techbridge.calls import rules
from techbridge.calls.deadlines import time_in_zone
from techbridge.calls.enums import MessageKind, OutboxStatus
from techbridge.calls.models import Call, MessageTemplate, OutboxMessage, Submission
from techbridge.i18n_text import FALLBACK_ORDER, content_language, pick_text
from techbridge.mail import absolute_url

logger = logging.getLogger(__name__)

#: What templates may use, in braces: ``{project_title}``.
PLACEHOLDERS = {
    "applicant_name": gettext_lazy("the applicant's name"),
    "project_title": gettext_lazy("the project's title, in the recipient's language if given"),
    "project_code": gettext_lazy("the project's code in the call (P-001)"),
    "call_title": gettext_lazy("the call's title, in the recipient's language"),
    "requests": gettext_lazy("what the organisers ask to revise"),
    "revision_deadline": gettext_lazy("when the revised application is due"),
    "link": gettext_lazy("the link to the application page"),
    "site_name": gettext_lazy("the platform's name"),
}


def template_problems(text: str) -> list[str]:
    """Why a template text cannot be used (unknown placeholders, unbalanced braces)."""
    try:
        parsed = list(Formatter().parse(text))
    except ValueError:
        return [_("Braces do not match: write a placeholder as {name} and a brace as {{ or }}.")]
    problems = []
    for _literal, name, format_spec, conversion in parsed:
        if name is None:
            continue
        if name not in PLACEHOLDERS or format_spec or conversion:
            problems.append(
                _("Unknown placeholder {%(name)s}; use one of: %(known)s.")
                % {"name": name, "known": ", ".join(f"{{{key}}}" for key in PLACEHOLDERS)}
            )
    return problems


def render_text(text: str, values: dict[str, str]) -> str:
    """Fill the placeholders of a checked template."""
    return text.format_map({name: values.get(name, "") for name in PLACEHOLDERS})


def template_for(kind: str, language: str) -> MessageTemplate:
    """The template of a kind in a language, else in the nearest language there is."""
    templates = {
        template.language: template for template in MessageTemplate.objects.filter(kind=kind)
    }
    for candidate in FALLBACK_ORDER[language]:
        if candidate in templates:
            return templates[candidate]
    raise ValueError(f"no message template for {kind}")


def _values(submission: Submission, recipient: User, language: str) -> dict[str, str]:
    with translation.override(recipient.preferred_language):
        link = absolute_url(reverse("calls:application", kwargs={"pk": submission.pk}))
        deadline = ""
        if submission.revision_due_at:
            deadline = time_in_zone(submission.revision_due_at, recipient.time_zone)
    return {
        "applicant_name": recipient.full_name,
        "project_title": pick_text(submission.titles, language).text,
        "project_code": submission.code,
        "call_title": pick_text(submission.call.titles, language).text,
        "requests": submission.revision_requests,
        "revision_deadline": deadline,
        "link": link,
        "site_name": settings.SITE_NAME,
    }


def queue_decision_message(submission: Submission) -> OutboxMessage:
    """Render the decision's message for the applicant, in their language, and hold it."""
    recipient = submission.applicant
    language = content_language(recipient.preferred_language)
    template = template_for(MessageKind(submission.status), language)
    values = _values(submission, recipient, template.language)
    return OutboxMessage.objects.create(
        call=submission.call,
        submission=submission,
        recipient=recipient,
        to_address=recipient.email,
        kind=template.kind,
        language=template.language,
        subject=" ".join(render_text(template.subject, values).split())[:300],
        body=render_text(template.body, values),
    )


def release_messages(
    *,
    call: Call,
    actor: User,
    message_ids: Iterable[int] | None = None,
    request: HttpRequest | None = None,
) -> int:
    """Send held messages of the call (all, or those listed); returns how many were sent.

    Each message is locked, sent and marked in its own transaction, so two organisers
    releasing at once never send a message twice, and a failure leaves the rest held.
    """
    if not rules.is_call_organiser(actor, call):
        raise PermissionDenied
    held = OutboxMessage.objects.filter(call=call, status=OutboxStatus.HELD)
    if message_ids is not None:
        held = held.filter(pk__in=list(message_ids))
    sent = 0
    for pk in list(held.values_list("pk", flat=True)):
        with transaction.atomic():
            message = OutboxMessage.objects.select_for_update().get(pk=pk)
            if message.status != OutboxStatus.HELD:
                continue
            EmailMessage(subject=message.subject, body=message.body, to=[message.to_address]).send()
            message.status = OutboxStatus.SENT
            message.sent_at = timezone.now()
            message.released_by = actor
            message.save(update_fields=["status", "sent_at", "released_by"])
            sent += 1
    if sent:
        record_action(
            actor=actor,
            action=AuditAction.OUTBOX_RELEASED,
            target=call,
            details={"sent": sent},
            request=request,
        )
    return sent


@transaction.atomic
def discard_message(
    *, message: OutboxMessage, actor: User, request: HttpRequest | None = None
) -> OutboxMessage:
    if not rules.is_call_organiser(actor, message.call):
        raise PermissionDenied
    message = OutboxMessage.objects.select_for_update().get(pk=message.pk)
    if message.status != OutboxStatus.HELD:
        raise ValidationError(_("Only a held message can be discarded."))
    message.status = OutboxStatus.DISCARDED
    message.save(update_fields=["status"])
    record_action(
        actor=actor,
        action=AuditAction.OUTBOX_DISCARDED,
        target=message.call,
        details={"message": message.pk, "to": message.to_address},
        request=request,
    )
    return message


@transaction.atomic
def update_template(
    *,
    template: MessageTemplate,
    actor: User,
    subject: str,
    body: str,
    request: HttpRequest | None = None,
) -> MessageTemplate:
    """Save an organiser's edit of a template after checking its placeholders."""
    if not rules.is_call_organiser(actor):
        raise PermissionDenied
    errors: dict[str, Any] = {}
    for name, text in (("subject", subject), ("body", body)):
        problems = template_problems(text)
        if problems:
            errors[name] = problems
    if errors:
        raise ValidationError(errors)
    template.subject = subject.strip()
    template.body = body.strip()
    template.updated_by = actor
    template.save()
    record_action(
        actor=actor,
        action=AuditAction.MESSAGE_TEMPLATE_UPDATED,
        target=template,
        details={"kind": template.kind, "language": template.language},
        request=request,
    )
    return template

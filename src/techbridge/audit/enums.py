"""What the audit log records. Later domains add their own actions here."""

from django.db import models
from django.utils.translation import pgettext_lazy


class AuditAction(models.TextChoices):
    SIGN_IN = "accounts.sign_in", pgettext_lazy("audit action", "Signed in")
    SIGN_IN_FAILED = "accounts.sign_in_failed", pgettext_lazy("audit action", "Failed sign-in")
    SIGN_OUT = "accounts.sign_out", pgettext_lazy("audit action", "Signed out")
    SIGN_UP = "accounts.sign_up", pgettext_lazy("audit action", "Signed up")
    EMAIL_CONFIRMED = "accounts.email_confirmed", pgettext_lazy("audit action", "Confirmed e-mail")
    PASSWORD_CHANGED = (
        "accounts.password_changed",
        pgettext_lazy("audit action", "Changed password"),
    )
    PASSWORD_RESET = "accounts.password_reset", pgettext_lazy("audit action", "Reset password")
    PROFILE_UPDATED = "accounts.profile_updated", pgettext_lazy("audit action", "Updated profile")
    ORGANISATION_CREATED = (
        "accounts.organisation_created",
        pgettext_lazy("audit action", "Registered an organisation"),
    )
    ORGANISATION_UPDATED = (
        "accounts.organisation_updated",
        pgettext_lazy("audit action", "Updated an organisation"),
    )
    ORGANISATION_VERIFIED = (
        "accounts.organisation_verified",
        pgettext_lazy("audit action", "Verified an organisation"),
    )
    ORGANISATION_UNVERIFIED = (
        "accounts.organisation_unverified",
        pgettext_lazy("audit action", "Withdrew an organisation's verification"),
    )
    MEMBERSHIP_REQUESTED = (
        "accounts.membership_requested",
        pgettext_lazy("audit action", "Asked to join an organisation"),
    )
    ROLE_GRANTED = "accounts.role_granted", pgettext_lazy("audit action", "Granted a role")
    ROLE_REVOKED = "accounts.role_revoked", pgettext_lazy("audit action", "Revoked a role")
    ITEM_CREATED = (
        "catalogue.item_created",
        pgettext_lazy("audit action", "Created a catalogue item"),
    )
    ITEM_UPDATED = (
        "catalogue.item_updated",
        pgettext_lazy("audit action", "Edited a catalogue item"),
    )
    ITEM_STATUS_CHANGED = (
        "catalogue.item_status_changed",
        pgettext_lazy("audit action", "Changed the status of a catalogue item"),
    )
    ATTACHMENT_ADDED = (
        "catalogue.attachment_added",
        pgettext_lazy("audit action", "Attached a file"),
    )
    ATTACHMENT_REMOVED = (
        "catalogue.attachment_removed",
        pgettext_lazy("audit action", "Removed an attachment"),
    )
    INTEREST_SENT = "catalogue.interest_sent", pgettext_lazy("audit action", "Expressed interest")
    INTEREST_ANSWERED = (
        "catalogue.interest_answered",
        pgettext_lazy("audit action", "Answered an expression of interest"),
    )
    CATALOGUE_IMPORTED = (
        "catalogue.imported",
        pgettext_lazy("audit action", "Imported catalogue items"),
    )
    EVENT_REGISTERED = (
        "events.registered",
        pgettext_lazy("audit action", "Registered for an event"),
    )
    REGISTRATION_UPDATED = (
        "events.registration_updated",
        pgettext_lazy("audit action", "Changed an event registration"),
    )
    REGISTRATION_STATUS_CHANGED = (
        "events.registration_status_changed",
        pgettext_lazy("audit action", "Changed the status of an event registration"),
    )
    CHECKED_IN = "events.checked_in", pgettext_lazy("audit action", "Checked a participant in")
    PITCH_ADDED = "events.pitch_added", pgettext_lazy("audit action", "Added a roadshow pitch")
    MEETING_REQUESTED = (
        "events.meeting_requested",
        pgettext_lazy("audit action", "Requested a meeting"),
    )
    MEETING_REQUEST_STATUS_CHANGED = (
        "events.meeting_request_status_changed",
        pgettext_lazy("audit action", "Answered or withdrew a meeting request"),
    )
    SCHEDULING_STARTED = (
        "events.scheduling_started",
        pgettext_lazy("audit action", "Started the meeting scheduler"),
    )
    SCHEDULING_FINISHED = (
        "events.scheduling_finished",
        pgettext_lazy("audit action", "Meeting scheduler finished"),
    )
    MEETING_STATUS_CHANGED = (
        "events.meeting_status_changed",
        pgettext_lazy("audit action", "Changed the status of a meeting"),
    )
    MEETING_MOVED = "events.meeting_moved", pgettext_lazy("audit action", "Moved a meeting")
    MEETING_OUTCOME_RECORDED = (
        "events.meeting_outcome_recorded",
        pgettext_lazy("audit action", "Recorded the outcome of a meeting"),
    )
    DEAL_STARTED = "deals.started", pgettext_lazy("audit action", "Started following up a deal")
    DEAL_STAGE_CHANGED = (
        "deals.stage_changed",
        pgettext_lazy("audit action", "Changed the stage of a deal"),
    )
    DEAL_UPDATED = "deals.updated", pgettext_lazy("audit action", "Updated a deal's next step")
    CALL_CREATED = "calls.call_created", pgettext_lazy("audit action", "Created a call")
    CALL_UPDATED = "calls.call_updated", pgettext_lazy("audit action", "Changed a call")
    CALL_PUBLISHED = "calls.call_published", pgettext_lazy("audit action", "Published a call")
    SUBMISSION_CREATED = (
        "calls.submission_created",
        pgettext_lazy("audit action", "Started an application"),
    )
    SUBMISSION_UPDATED = (
        "calls.submission_updated",
        pgettext_lazy("audit action", "Edited an application"),
    )
    SUBMISSION_STATUS_CHANGED = (
        "calls.submission_status_changed",
        pgettext_lazy("audit action", "Changed the status of an application"),
    )
    SUBMISSION_DOCUMENT_ADDED = (
        "calls.submission_document_added",
        pgettext_lazy("audit action", "Attached a document to an application"),
    )
    ELIGIBILITY_CONFIRMED = (
        "calls.eligibility_confirmed",
        pgettext_lazy("audit action", "Confirmed the eligibility check"),
    )
    POOL_CHANGED = "calls.pool_changed", pgettext_lazy("audit action", "Changed an expert pool")
    CONFLICT_DECLARED = (
        "calls.conflict_declared",
        pgettext_lazy("audit action", "Declared a conflict of interest"),
    )
    ASSIGNMENT_RUN_STARTED = (
        "calls.assignment_run_started",
        pgettext_lazy("audit action", "Started the reviewer assignment"),
    )
    ASSIGNMENT_RUN_CANCELLED = (
        "calls.assignment_run_cancelled",
        pgettext_lazy("audit action", "Cancelled the reviewer assignment"),
    )
    ASSIGNMENTS_APPLIED = (
        "calls.assignments_applied",
        pgettext_lazy("audit action", "Applied a reviewer assignment"),
    )
    ASSIGNMENT_CHANGED = (
        "calls.assignment_changed",
        pgettext_lazy("audit action", "Changed a reviewer assignment"),
    )
    REVIEW_SUBMITTED = "calls.review_submitted", pgettext_lazy("audit action", "Sent a review")
    REVIEW_ABSTAINED = (
        "calls.review_abstained",
        pgettext_lazy("audit action", "Abstained from a review"),
    )
    DECISIONS_PROPOSED = (
        "calls.decisions_proposed",
        pgettext_lazy("audit action", "Proposed the selection"),
    )
    DECISION_CHANGED = (
        "calls.decision_changed",
        pgettext_lazy("audit action", "Changed a pending decision"),
    )
    DECISIONS_APPLIED = (
        "calls.decisions_applied",
        pgettext_lazy("audit action", "Applied the decisions"),
    )
    OUTBOX_RELEASED = (
        "calls.outbox_released",
        pgettext_lazy("audit action", "Released messages from the outbox"),
    )
    OUTBOX_DISCARDED = (
        "calls.outbox_discarded",
        pgettext_lazy("audit action", "Discarded a message from the outbox"),
    )
    MESSAGE_TEMPLATE_UPDATED = (
        "calls.message_template_updated",
        pgettext_lazy("audit action", "Edited a message template"),
    )

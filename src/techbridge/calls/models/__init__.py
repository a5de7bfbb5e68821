"""Models of the calls domain, split by subdomain; import them from here."""

from techbridge.calls.models.calls import (
    Call,
    CallQuestion,
    Criterion,
    FieldQuota,
    RequiredAttachment,
    ReviewPhase,
)
from techbridge.calls.models.decisions import MessageTemplate, OutboxMessage, PendingDecision
from techbridge.calls.models.reviewing import (
    AssignmentRun,
    DeclaredConflict,
    PoolMember,
    ProjectBid,
    Review,
    ReviewAssignment,
)
from techbridge.calls.models.submissions import Submission, SubmissionAttachment

__all__ = [
    "AssignmentRun",
    "Call",
    "CallQuestion",
    "Criterion",
    "DeclaredConflict",
    "FieldQuota",
    "MessageTemplate",
    "OutboxMessage",
    "PendingDecision",
    "PoolMember",
    "ProjectBid",
    "RequiredAttachment",
    "Review",
    "ReviewAssignment",
    "ReviewPhase",
    "Submission",
    "SubmissionAttachment",
]

"""Choices of the calls domain: submission states, bids, conflicts, runs, outbox."""

from django.db import models
from django.utils.translation import pgettext_lazy


class SubmissionStatus(models.TextChoices):
    """The states of an application to a call (see ``services.submissions``)."""

    DRAFT = "draft", pgettext_lazy("submission status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("submission status", "Submitted")
    ELIGIBLE = "eligible", pgettext_lazy("submission status", "Eligible")
    INELIGIBLE = "ineligible", pgettext_lazy("submission status", "Not eligible")
    UNDER_REVIEW = "under_review", pgettext_lazy("submission status", "Under review")
    SCORED = "scored", pgettext_lazy("submission status", "Scored")
    SELECTED = "selected", pgettext_lazy("submission status", "Selected")
    RESERVE = "reserve", pgettext_lazy("submission status", "On the reserve list")
    REJECTED = "rejected", pgettext_lazy("submission status", "Not selected")
    REVISE = "revise", pgettext_lazy("submission status", "Revise and resubmit")
    WITHDRAWN = "withdrawn", pgettext_lazy("submission status", "Withdrawn")


#: The outcomes an organiser decides; they are also submission states.
DECISION_STATUSES = (
    SubmissionStatus.SELECTED,
    SubmissionStatus.RESERVE,
    SubmissionStatus.REJECTED,
    SubmissionStatus.REVISE,
)


class DecisionOutcome(models.TextChoices):
    """A pending decision, held until organisers apply the decisions in bulk."""

    SELECTED = "selected", pgettext_lazy("decision", "Select")
    RESERVE = "reserve", pgettext_lazy("decision", "Reserve list")
    REJECTED = "rejected", pgettext_lazy("decision", "Reject")
    REVISE = "revise", pgettext_lazy("decision", "Revise and resubmit")


class Bid(models.TextChoices):
    """How much an expert wants to review a project."""

    EAGER = "eager", pgettext_lazy("bid", "Eager")
    WILLING = "willing", pgettext_lazy("bid", "Willing")
    NOT_WILLING = "not_willing", pgettext_lazy("bid", "Not willing")


class ConflictSource(models.TextChoices):
    """Why an expert may not review a project."""

    SAME_ORGANISATION = (
        "same_organisation",
        pgettext_lazy("conflict source", "Same organisation"),
    )
    SHARED_AFFILIATION = (
        "shared_affiliation",
        pgettext_lazy("conflict source", "Shared past affiliation"),
    )
    DECLARED = "declared", pgettext_lazy("conflict source", "Declared by the expert")
    ORGANISER = "organiser", pgettext_lazy("conflict source", "Recorded by an organiser")


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("review status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("review status", "Submitted")
    ABSTAINED = "abstained", pgettext_lazy("review status", "Abstained")


class RunStatus(models.TextChoices):
    """A background run of the reviewer-assignment solver."""

    QUEUED = "queued", pgettext_lazy("run status", "Waiting for a worker")
    RUNNING = "running", pgettext_lazy("run status", "Running")
    FINISHED = "finished", pgettext_lazy("run status", "Finished")
    APPLIED = "applied", pgettext_lazy("run status", "Applied")
    CANCELLED = "cancelled", pgettext_lazy("run status", "Cancelled")
    FAILED = "failed", pgettext_lazy("run status", "Failed")


class SolverStatus(models.TextChoices):
    """The solver's verdict on an assignment (``techbridge.core.assignment``)."""

    OPTIMAL = "optimal", pgettext_lazy("solver status", "Optimal")
    FEASIBLE = "feasible", pgettext_lazy("solver status", "Feasible, not proven optimal")
    INFEASIBLE = "infeasible", pgettext_lazy("solver status", "Not every constraint can hold")


class OutboxStatus(models.TextChoices):
    HELD = "held", pgettext_lazy("outbox status", "Waiting for release")
    SENT = "sent", pgettext_lazy("outbox status", "Sent")
    DISCARDED = "discarded", pgettext_lazy("outbox status", "Discarded")


class MessageKind(models.TextChoices):
    """Messages that wait in the outbox, one editable template per kind and language."""

    SELECTED = "selected", pgettext_lazy("message kind", "Project selected")
    RESERVE = "reserve", pgettext_lazy("message kind", "Project on the reserve list")
    REJECTED = "rejected", pgettext_lazy("message kind", "Project not selected")
    REVISE = "revise", pgettext_lazy("message kind", "Revision requested")

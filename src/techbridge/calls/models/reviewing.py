"""The expert pool of a call, bids, conflicts, reviewer assignments, runs and reviews."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from techbridge.calls.enums import (
    Bid,
    ConflictSource,
    ReviewStatus,
    RunStatus,
    SolverStatus,
)
from techbridge.calls.models.calls import Call, ReviewPhase
from techbridge.calls.models.submissions import Submission
from techbridge.catalogue.models import ExpertProfile


class PoolMember(models.Model):
    """An expert (a user with the expert role and an expert profile) in a call's pool.

    ``minimum_load`` and ``maximum_load`` override the call's defaults when set.
    """

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="pool"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("expert"),
        on_delete=models.CASCADE,
        related_name="expert_pools",
    )
    profile = models.ForeignKey(
        ExpertProfile, verbose_name=_("expert profile"), on_delete=models.PROTECT
    )
    minimum_load = models.PositiveSmallIntegerField(_("least projects"), null=True, blank=True)
    maximum_load = models.PositiveSmallIntegerField(_("most projects"), null=True, blank=True)
    is_active = models.BooleanField(_("in the pool"), default=True)
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("pool expert")
        verbose_name_plural = _("expert pool")
        ordering = ["call_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "user"], name="one_pool_seat_per_expert")
        ]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def code(self) -> str:
        """The expert's anonymous label in exports of the solver's input."""
        return f"E-{self.pk:04d}"

    def load_bounds(self) -> tuple[int, int]:
        minimum = self.call.expert_minimum_load if self.minimum_load is None else self.minimum_load
        maximum = self.call.expert_maximum_load if self.maximum_load is None else self.maximum_load
        return minimum, maximum


class ProjectBid(models.Model):
    """An expert's wish to review (or not) one project."""

    member = models.ForeignKey(
        PoolMember, verbose_name=_("expert"), on_delete=models.CASCADE, related_name="bids"
    )
    submission = models.ForeignKey(
        Submission, verbose_name=_("application"), on_delete=models.CASCADE, related_name="bids"
    )
    bid = models.CharField(_("bid"), max_length=12, choices=Bid.choices)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("bid")
        verbose_name_plural = _("bids")
        constraints = [
            models.UniqueConstraint(fields=["member", "submission"], name="one_bid_per_project")
        ]

    def __str__(self) -> str:
        return f"{self.member} · {self.submission.code} · {self.get_bid_display()}"


class DeclaredConflict(models.Model):
    """A conflict of interest declared by the expert or recorded by an organiser.

    Conflicts found automatically (same organisation, shared past affiliation) are not
    stored: they are computed from the current data each time (``selectors.conflicts``).
    """

    member = models.ForeignKey(
        PoolMember, verbose_name=_("expert"), on_delete=models.CASCADE, related_name="conflicts"
    )
    submission = models.ForeignKey(
        Submission,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="declared_conflicts",
    )
    source = models.CharField(
        _("source"),
        max_length=20,
        choices=[
            (ConflictSource.DECLARED.value, ConflictSource.DECLARED.label),
            (ConflictSource.ORGANISER.value, ConflictSource.ORGANISER.label),
        ],
    )
    reason = models.TextField(_("reason"), max_length=1000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("declared conflict of interest")
        verbose_name_plural = _("declared conflicts of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "submission"], name="one_declared_conflict_per_pair"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} · {self.submission.code}"


class AssignmentRun(models.Model):
    """One background run of the assignment solver: progress, cancellation, result.

    ``proposal`` holds the pairs ``[[submission id, member id], …]`` the solver chose;
    nothing changes until an organiser applies the run.
    """

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="assignment_runs"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    progress = models.FloatField(_("progress"), default=0.0)
    progress_message = models.CharField(_("what it is doing"), max_length=300, blank=True)
    cancel_requested = models.BooleanField(_("cancellation requested"), default=False)
    solver_status = models.CharField(
        _("solver verdict"), max_length=12, choices=SolverStatus.choices, blank=True
    )
    objective = models.FloatField(_("total affinity"), null=True, blank=True)
    upper_bound = models.FloatField(_("proven bound"), null=True, blank=True)
    proposal = models.JSONField(_("proposed pairs"), default=list, blank=True)
    kept_pairs = models.JSONField(_("pairs kept from before"), default=list, blank=True)
    unfilled = models.JSONField(_("projects short of reviewers"), default=list, blank=True)
    explanations = models.JSONField(_("explanations"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("assignment run")
        verbose_name_plural = _("assignment runs")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.call} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.status in (RunStatus.QUEUED, RunStatus.RUNNING)

    @property
    def percent(self) -> int:
        return round(100 * self.progress)


class ReviewAssignment(models.Model):
    """An expert assigned to review one project. ``is_locked``: fixed by an organiser;
    re-runs of the solver keep locked pairs and pairs whose review has started."""

    submission = models.ForeignKey(
        Submission,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    member = models.ForeignKey(
        PoolMember, verbose_name=_("expert"), on_delete=models.CASCADE, related_name="assignments"
    )
    is_locked = models.BooleanField(_("locked by an organiser"), default=False)
    run = models.ForeignKey(
        AssignmentRun,
        verbose_name=_("from run"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    affinity = models.FloatField(_("affinity"), null=True, blank=True)
    notified_at = models.DateTimeField(_("expert told at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminder at"), null=True, blank=True)
    created_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reviewer assignment")
        verbose_name_plural = _("reviewer assignments")
        ordering = ["submission__number", "id"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "member"], name="one_assignment_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.submission.code} ← {self.member}"


class Review(models.Model):
    """An expert's review of one project: per-criterion scores, comments, abstentions.

    ``scores`` maps each criterion key to ``{"score": int | None, "comment": str,
    "abstain": bool}``; an abstention on a criterion needs its reason as the comment.
    ``feedback`` is shown to the applicant without the reviewer's name (when the phase
    allows); ``private_note`` is for organisers only.
    """

    assignment = models.OneToOneField(
        ReviewAssignment,
        verbose_name=_("assignment"),
        on_delete=models.CASCADE,
        related_name="review",
    )
    phase = models.ForeignKey(
        ReviewPhase,
        verbose_name=_("phase"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    scores = models.JSONField(_("scores"), default=dict, blank=True)
    feedback = models.TextField(_("feedback to the applicant"), blank=True)
    private_note = models.TextField(_("note to the organisers"), blank=True)
    abstain_reason = models.TextField(_("reason for abstaining"), blank=True)
    total = models.FloatField(_("total (0–100)"), null=True, blank=True)
    review_round = models.PositiveSmallIntegerField(_("review round"), default=1)
    previous_total = models.FloatField(_("total in the previous round"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved at"), auto_now=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["assignment__submission__number", "id"]

    def __str__(self) -> str:
        return str(self.assignment)

"""A call for projects and its rules: eligibility, questions, rubric, quotas, phases."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from techbridge.catalogue.enums import ReadinessLevel
from techbridge.catalogue.models import TechnologyField
from techbridge.i18n_text import MultilingualTextField, pick_text


class Call(models.Model):
    """A call for technology projects (征集 · сбор заявок), standalone or for an event.

    ``decision_version`` grows by one each time the pending decisions change or are
    applied: two organisers deciding at once compare it (optimistic locking), so the
    second one is told instead of silently overwriting the first.
    """

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="calls",
    )
    titles = MultilingualTextField(_("title"), max_length=300)
    themes = MultilingualTextField(_("theme"), blank=True)
    industry_focus = MultilingualTextField(_("industry focus"), max_length=1000, blank=True)
    region_focus = MultilingualTextField(_("region focus"), max_length=500, blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    time_zone = models.CharField(
        _("time zone of the organisers"), max_length=64, default="Asia/Shanghai"
    )
    minimum_readiness_level = models.PositiveSmallIntegerField(
        _("minimum readiness level"), choices=ReadinessLevel.choices, null=True, blank=True
    )
    eligible_countries = models.JSONField(
        _("countries of the applicant organisation"),
        default=list,
        blank=True,
        help_text=_("Empty: organisations of every country may apply."),
    )
    projects_to_select = models.PositiveSmallIntegerField(
        _("projects to select"), default=6, validators=[MinValueValidator(1)]
    )
    reserve_size = models.PositiveSmallIntegerField(_("size of the reserve list"), default=2)
    reviews_per_project = models.PositiveSmallIntegerField(
        _("reviews per project"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    expert_minimum_load = models.PositiveSmallIntegerField(
        _("least projects per expert"), default=0
    )
    expert_maximum_load = models.PositiveSmallIntegerField(
        _("most projects per expert"), default=10, validators=[MinValueValidator(1)]
    )
    revision_days = models.PositiveSmallIntegerField(
        _("days to revise and resubmit"), default=14, validators=[MinValueValidator(1)]
    )
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    decision_version = models.PositiveIntegerField(_("version of the decisions"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("call for projects")
        verbose_name_plural = _("calls for projects")
        ordering = ["-closes_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="call_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=models.Q(expert_maximum_load__gte=models.F("expert_minimum_load")),
                name="call_expert_loads_ordered",
            ),
        ]

    def __str__(self) -> str:
        return pick_text(self.titles).text

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.is_published and self.opens_at <= now < self.closes_at


class RequiredAttachment(models.Model):
    """A document every application must carry (say, a pitch deck), in three languages."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="required_attachments"
    )
    labels = MultilingualTextField(_("document"), max_length=300)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        ordering = ["call_id", "position", "id"]

    def __str__(self) -> str:
        return pick_text(self.labels).text


class CallQuestion(models.Model):
    """A yes/no question of the call; ``required_answer`` (when set) is an eligibility
    rule: an application answering otherwise is not eligible."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="questions"
    )
    texts = MultilingualTextField(_("question"), max_length=1000)
    required_answer = models.BooleanField(
        _("answer required for eligibility"),
        null=True,
        blank=True,
        help_text=_("Empty: any answer is accepted."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["call_id", "position", "id"]

    def __str__(self) -> str:
        return pick_text(self.texts).text


class Criterion(models.Model):
    """One weighted criterion of the rubric, scored on its own integer scale."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="criteria"
    )
    key = models.SlugField(_("code"), max_length=40)
    names = MultilingualTextField(_("criterion"), max_length=200)
    descriptions = MultilingualTextField(_("what reviewers judge"), max_length=2000, blank=True)
    scale_guides = MultilingualTextField(
        _("meaning of the scale"),
        max_length=2000,
        blank=True,
        help_text=_("For example: 1 = no novelty, 3 = improves known solutions, 5 = new."),
    )
    weight = models.DecimalField(
        _("weight"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0.01)]
    )
    scale_minimum = models.SmallIntegerField(_("lowest score"), default=1)
    scale_maximum = models.SmallIntegerField(_("highest score"), default=5)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("rubric")
        ordering = ["call_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "key"], name="unique_criterion_per_call"),
            models.CheckConstraint(
                condition=models.Q(scale_maximum__gt=models.F("scale_minimum")),
                name="criterion_scale_ordered",
            ),
        ]

    def __str__(self) -> str:
        return pick_text(self.names).text

    @property
    def scale(self) -> range:
        return range(self.scale_minimum, self.scale_maximum + 1)


class FieldQuota(models.Model):
    """At most ``maximum`` selected projects in a technology field (and its subfields)."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="quotas"
    )
    field = models.ForeignKey(
        TechnologyField, verbose_name=_("technology field"), on_delete=models.PROTECT
    )
    maximum = models.PositiveSmallIntegerField(_("at most"))

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        ordering = ["call_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "field"], name="one_quota_per_field")
        ]

    def __str__(self) -> str:
        return f"{self.field}: {self.maximum}"


class ReviewPhase(models.Model):
    """A review phase with its dates and what reviewers and applicants may do in it.

    Outside every phase nothing is allowed but reading: reviewing needs a phase that
    allows it, and applicants see feedback only in a phase that shows it.
    """

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="phases"
    )
    names = MultilingualTextField(_("phase"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    reviewers_may_review = models.BooleanField(_("reviewers score projects"), default=True)
    reviewers_may_bid = models.BooleanField(_("reviewers bid and declare conflicts"), default=True)
    is_blind = models.BooleanField(
        _("blind: applicant and organisation hidden from reviewers"), default=True
    )
    applicants_see_feedback = models.BooleanField(
        _("applicants see anonymised feedback"), default=False
    )

    class Meta:
        verbose_name = _("review phase")
        verbose_name_plural = _("review phases")
        ordering = ["call_id", "starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="phase_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return pick_text(self.names).text

    def is_current(self, now=None) -> bool:
        now = now or timezone.now()
        return self.starts_at <= now < self.ends_at

"""The standing catalogue: technology offers, technology needs and expert profiles.

All three share ``CatalogueItem`` (multi-table inheritance), so that the lifecycle,
attachments, expressions of interest, search postings and, later, embeddings point at one
table. Texts are multilingual (``{"zh": …, "ru": …, "en": …}``) and ``source_language``
says which one the author wrote first.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from techbridge.accounts.models import Organisation
from techbridge.catalogue.enums import (
    CheckPoint,
    ContentLanguage,
    CooperationForm,
    Currency,
    IntellectualPropertyStatus,
    InterestStatus,
    ItemKind,
    ItemStatus,
    ReadinessLevel,
)
from techbridge.i18n_text import MultilingualTextField, pick_text


class TechnologyField(models.Model):
    """One node of the platform's own technology taxonomy, editable by organisers."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    names = MultilingualTextField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent field"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("technology field")
        verbose_name_plural = _("technology fields")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return pick_text(self.names).text


class CatalogueItem(models.Model):
    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="catalogue_items",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="catalogue_items",
    )
    source_language = models.CharField(
        _("language written in"), max_length=2, choices=ContentLanguage.choices
    )
    titles = MultilingualTextField(_("title"), max_length=300)
    # Drafts may be half-filled; completeness is checked on submission (services.lifecycle).
    summaries = MultilingualTextField(_("summary"), max_length=2000, blank=True)
    descriptions = MultilingualTextField(_("description"), blank=True)
    fields = models.ManyToManyField(
        TechnologyField, verbose_name=_("technology fields"), related_name="items"
    )
    cooperation_forms = models.JSONField(_("cooperation forms"), default=list, blank=True)
    keywords = models.JSONField(_("keywords"), default=dict, blank=True)
    target_industries = MultilingualTextField(_("target industries"), max_length=500, blank=True)
    target_regions = MultilingualTextField(_("target regions"), max_length=500, blank=True)

    status = models.CharField(
        _("status"), max_length=10, choices=ItemStatus.choices, default=ItemStatus.DRAFT
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True, db_index=True)
    expiry_reminded_at = models.DateTimeField(_("expiry reminder sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("catalogue item")
        verbose_name_plural = _("catalogue items")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["kind", "status", "-published_at"], name="catalogue_listing"),
            # Public lists are read newest first among published rows: walking this index
            # gives that order, the status, the organisation (for the country and type
            # filters) and (included for PostgreSQL; SQLite indexes hold the row id
            # anyway) the id, without reading the wide rows, for the page and the count.
            # Status comes second so that a search, which filters on status too, is still
            # driven by its matches rather than by this index, whether or not the
            # database has statistics (SQLite without ANALYZE).
            models.Index(
                fields=["published_at", "status", "organisation"],
                include=["id"],
                name="catalogue_published",
            ),
        ]

    def __str__(self) -> str:
        return pick_text(self.titles).text

    @property
    def specific(self) -> CatalogueItem:
        """The offer, need or expert profile this row belongs to."""
        return getattr(
            self,
            {"offer": "technologyoffer", "need": "technologyneed", "expert": "expertprofile"}[
                self.kind
            ],
        )

    @property
    def cooperation_form_labels(self) -> list[str]:
        return [
            str(CooperationForm(code).label)
            for code in self.cooperation_forms
            if code in CooperationForm.values
        ]

    @property
    def languages(self) -> list[str]:
        return [language for language in ("zh", "ru", "en") if self.titles.get(language)]


class TechnologyOffer(CatalogueItem):
    readiness_level = models.PositiveSmallIntegerField(
        _("technology readiness level"), choices=ReadinessLevel.choices, db_index=True
    )
    ip_status = models.CharField(
        _("intellectual property"),
        max_length=20,
        choices=IntellectualPropertyStatus.choices,
        default=IntellectualPropertyStatus.NONE,
    )
    patents = models.JSONField(_("patent numbers"), default=list, blank=True)
    advantages = MultilingualTextField(
        _("advantage over the incumbent solution"), max_length=2000, blank=True
    )

    class Meta:
        verbose_name = _("technology offer")
        verbose_name_plural = _("technology offers")

    def save(self, *args, **kwargs):
        self.kind = ItemKind.OFFER
        super().save(*args, **kwargs)


class TechnologyNeed(CatalogueItem):
    target_parameters = MultilingualTextField(_("target parameters"), max_length=2000, blank=True)
    budget_minimum = models.DecimalField(
        _("budget from"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    budget_maximum = models.DecimalField(
        _("budget up to"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.CNY
    )
    deadline = models.DateField(_("needed by"), null=True, blank=True)
    minimum_readiness_level = models.PositiveSmallIntegerField(
        _("minimum readiness level"), choices=ReadinessLevel.choices, null=True, blank=True
    )

    class Meta:
        verbose_name = _("technology need")
        verbose_name_plural = _("technology needs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(budget_maximum__isnull=True)
                | models.Q(budget_minimum__isnull=True)
                | models.Q(budget_maximum__gte=models.F("budget_minimum")),
                name="need_budget_range_ordered",
            )
        ]

    def save(self, *args, **kwargs):
        self.kind = ItemKind.NEED
        super().save(*args, **kwargs)


class ExpertProfile(CatalogueItem):
    """An expert's or talent's profile. ``titles`` holds the headline (expertise),
    ``summaries`` the short biography."""

    display_names = MultilingualTextField(_("name"), max_length=200)
    academic_titles = MultilingualTextField(_("academic title"), max_length=200, blank=True)
    spoken_languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    affiliations = models.JSONField(_("affiliations"), default=list, blank=True)
    publications = MultilingualTextField(_("publications"), blank=True)
    availability = MultilingualTextField(_("availability"), max_length=500, blank=True)
    open_to_visits = models.BooleanField(_("open to visits"), default=False)
    open_to_joint_labs = models.BooleanField(_("open to joint laboratories"), default=False)
    open_to_relocation = models.BooleanField(_("open to relocation"), default=False)

    class Meta:
        verbose_name = _("expert profile")
        verbose_name_plural = _("expert profiles")

    def save(self, *args, **kwargs):
        self.kind = ItemKind.EXPERT
        super().save(*args, **kwargs)


class ModerationReview(models.Model):
    """An organiser's check of an item against the checklist, and the decision."""

    class Decision(models.TextChoices):
        PUBLISH = "publish", _("Publish")
        RETURN = "return", _("Return to the author")

    item = models.ForeignKey(
        CatalogueItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    checks = models.JSONField(_("checklist"), default=dict)
    comment = models.TextField(_("comment to the author"), blank=True)
    created_at = models.DateTimeField(_("checked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("check before publication")
        verbose_name_plural = _("checks before publication")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.item} · {self.get_decision_display()}"

    @property
    def failed_checks(self) -> list[str]:
        return [str(CheckPoint(code).label) for code, passed in self.checks.items() if not passed]


class Attachment(models.Model):
    item = models.ForeignKey(
        CatalogueItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to="catalogue/%Y/%m/")
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
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class ExpressionOfInterest(models.Model):
    """Someone's interest in an item. The owner (or an organiser) accepts it; then both
    sides see each other's contact details."""

    item = models.ForeignKey(
        CatalogueItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="interests"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("from"),
        on_delete=models.CASCADE,
        related_name="sent_interests",
    )
    sender_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    message = models.TextField(_("why you are interested"), max_length=3000)
    message_language = models.CharField(
        _("language of the message"), max_length=2, choices=ContentLanguage.choices
    )
    cooperation_form = models.CharField(
        _("cooperation you propose"), max_length=20, choices=CooperationForm.choices
    )
    status = models.CharField(
        _("status"), max_length=10, choices=InterestStatus.choices, default=InterestStatus.SENT
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["item", "sender"], name="one_interest_per_sender")
        ]

    def __str__(self) -> str:
        return f"{self.sender} → {self.item}"


class SearchPosting(models.Model):
    """One search term of one item: the inverted index of the catalogue's full-text search
    (terms from ``techbridge.core.text.tokenize``, identical on SQLite and PostgreSQL)."""

    item = models.ForeignKey(CatalogueItem, on_delete=models.CASCADE, related_name="+")
    term = models.CharField(max_length=64)
    weight = models.PositiveSmallIntegerField(default=1)

    class Meta:
        # With the weight in the index, a search reads matches and scores from the index
        # alone, not from the table, however many items share a term.
        indexes = [models.Index(fields=["term", "item", "weight"], name="catalogue_search_term")]
        constraints = [
            models.UniqueConstraint(fields=["item", "term"], name="one_posting_per_term")
        ]

    def __str__(self) -> str:
        return f"{self.term} → {self.item_id}"

"""Deals: a match followed up, stage by stage, until cooperation lands."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from techbridge.accounts.models import Organisation
from techbridge.catalogue.enums import Currency
from techbridge.deals.enums import DealStage
from techbridge.events.enums import NextStep
from techbridge.events.models import Event, Meeting
from techbridge.i18n_text import MultilingualTextField, pick_text


class Deal(models.Model):
    """The follow-up between two parties. Its stage changes only through
    ``techbridge.deals.services.change_deal_stage``."""

    titles = MultilingualTextField(_("title"), max_length=300)
    first_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("first party"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    first_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("first party's organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    second_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("second party"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    second_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("second party's organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deals",
    )
    meeting = models.OneToOneField(
        Meeting,
        verbose_name=_("started at meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deal",
    )
    stage = models.CharField(
        _("stage"), max_length=15, choices=DealStage.choices, default=DealStage.CONTACTED
    )
    stage_changed_at = models.DateTimeField(_("stage changed at"), null=True, blank=True)
    value = models.DecimalField(
        _("value"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.CNY
    )
    next_step = models.CharField(
        _("next step"), max_length=10, choices=NextStep.choices, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    next_step_due = models.DateField(_("next step by"), null=True, blank=True)
    landed_at = models.DateField(_("landed on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("deal")
        verbose_name_plural = _("deals")
        ordering = ["-updated_at", "-id"]

    def __str__(self) -> str:
        return pick_text(self.titles).text

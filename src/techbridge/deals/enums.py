"""Choices of the deals domain."""

from django.db import models
from django.utils.translation import pgettext_lazy


class DealStage(models.TextChoices):
    """The follow-up of a match until cooperation lands (落地 · внедрение), in order;
    ``stopped`` ends a follow-up that leads nowhere."""

    CONTACTED = "contacted", pgettext_lazy("deal stage", "Contacted")
    MEETING_HELD = "meeting_held", pgettext_lazy("deal stage", "Meeting held")
    NDA = "nda", pgettext_lazy("deal stage", "Non-disclosure agreement")
    DUE_DILIGENCE = "due_diligence", pgettext_lazy("deal stage", "Due diligence")
    AGREEMENT = "agreement", pgettext_lazy("deal stage", "Agreement signed")
    LANDED = "landed", pgettext_lazy("deal stage", "Landed")
    STOPPED = "stopped", pgettext_lazy("deal stage", "Stopped")


# The stages a deal moves forward through, in order.
PROGRESSION = [
    DealStage.CONTACTED,
    DealStage.MEETING_HELD,
    DealStage.NDA,
    DealStage.DUE_DILIGENCE,
    DealStage.AGREEMENT,
    DealStage.LANDED,
]

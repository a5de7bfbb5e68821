"""Choices of the events domain."""

from django.db import models
from django.utils.translation import pgettext_lazy


class EventKind(models.TextChoices):
    FORUM = "forum", pgettext_lazy("event kind", "Forum")
    ROADSHOW = "roadshow", pgettext_lazy("event kind", "Technology roadshow")
    MATCHMAKING = "matchmaking", pgettext_lazy("event kind", "Matchmaking session")


class EventFormat(models.TextChoices):
    ONLINE = "online", pgettext_lazy("event format", "Online")
    OFFLINE = "offline", pgettext_lazy("event format", "On site")
    HYBRID = "hybrid", pgettext_lazy("event format", "Hybrid (on site and online)")


class OrganisingRole(models.TextChoices):
    """The roles organising units hold, shown on every event page in this order."""

    HOST = "host", pgettext_lazy("organising role", "Host")
    ORGANISER = "organiser", pgettext_lazy("organising role", "Organiser")
    CO_ORGANISER = "co_organiser", pgettext_lazy("organising role", "Co-organiser")
    SPECIAL_SUPPORT = "special_support", pgettext_lazy("organising role", "Special support")
    TECHNICAL_SUPPORT = "technical_support", pgettext_lazy("organising role", "Technical support")
    PARTNER = "partner", pgettext_lazy("organising role", "Partner")

from django.db import models
from django.utils.translation import pgettext_lazy


class EmbeddingStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("embedding status", "Waiting to be computed")
    READY = "ready", pgettext_lazy("embedding status", "Ready")
    FAILED = "failed", pgettext_lazy("embedding status", "Failed")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "techbridge.matchmaking"
    verbose_name = _("Matching")

    def ready(self) -> None:
        from techbridge.matchmaking import receivers  # noqa: F401  (keeps embeddings current)

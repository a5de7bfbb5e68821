"""Delete stored embeddings of every model but the one configured now.

    manage.py purge_embeddings [--dry-run]

Vectors are cached in the database by model (the encoder's name and calibration
revision). After ``MATCHING_MODEL`` changes or a new release recalibrates the encoder,
the background worker re-embeds every item and the old model's vectors are never read
again; this command deletes them (and unlabelled rows written before embeddings carried
their model). Run it once the worker has caught up (``/<language>/matching/status/``);
running it earlier only means those items are embedded again.
"""

from django.core.management.base import BaseCommand

from techbridge.core.matching.embedding_cache import cache_model_name
from techbridge.matchmaking.adapter import encoder
from techbridge.matchmaking.cache import other_models, purge_other_models


class Command(BaseCommand):
    help = "Delete stored embeddings of models other than the configured one."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only count them")

    def handle(self, *args, dry_run: bool, **options):
        model = cache_model_name(encoder().inner)
        if dry_run:
            stale = other_models(model).count()
            self.stdout.write(f"{stale} embeddings of other models (current: {model})")
            return
        deleted = purge_other_models(model)
        self.stdout.write(f"{deleted} embeddings of other models deleted (current: {model})")

"""Signals other domains listen to (matching keeps its embeddings current through them),
so that the catalogue never imports the apps above it."""

from django.dispatch import Signal

#: Sent after a transaction saved an item's texts or status; ``item_id`` is the pk.
item_changed = Signal()

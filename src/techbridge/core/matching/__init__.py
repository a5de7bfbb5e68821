"""Cross-lingual matching of needs, offers and experts (zh / ru / en).

The public surface: items (:class:`MatchItem`), encoders (:func:`load_encoder`),
embedding caches, vector indexes (:func:`create_index`), the engine
(:class:`MatchEngine`), reasons (:func:`explain_match`) and near-duplicate detection
(:func:`find_near_duplicates`). ``docs/matching.md`` explains the design and the
measurements behind every default.
"""

from techbridge.core.matching.embedding_cache import (
    CachingEncoder,
    EmbeddingCache,
    InMemoryEmbeddingCache,
    SqliteEmbeddingCache,
)
from techbridge.core.matching.encoders import (
    DEFAULT_MODEL,
    Encoder,
    EncoderLoadError,
    Role,
    load_encoder,
)
from techbridge.core.matching.engine import MatchEngine
from techbridge.core.matching.fusion import Match, QueryMatches
from techbridge.core.matching.indexes import ExactIndex, VectorIndex, create_index
from techbridge.core.matching.items import ITEM_KINDS, ItemKind, MatchItem
from techbridge.core.matching.preparation import UnusableTextError
from techbridge.core.matching.settings import MATCH_MODES, MatchMode, MatchSettings

__all__ = [
    "DEFAULT_MODEL",
    "ITEM_KINDS",
    "MATCH_MODES",
    "CachingEncoder",
    "EmbeddingCache",
    "Encoder",
    "EncoderLoadError",
    "ExactIndex",
    "InMemoryEmbeddingCache",
    "ItemKind",
    "Match",
    "MatchEngine",
    "MatchItem",
    "MatchMode",
    "MatchSettings",
    "QueryMatches",
    "Role",
    "SqliteEmbeddingCache",
    "UnusableTextError",
    "VectorIndex",
    "create_index",
    "load_encoder",
]

"""Fusing the signals of one (query, item) pair into the score matches are ranked by.

    hybrid = (dense' + w_l · lexical' + w_s · (structured − 0.5)) / (1 + w_l)

with the dense and lexical scores already standardised per language pair
(:mod:`~techbridge.core.matching.pair_scaling`). A missing structured score counts as
neutral (the −0.5 centres it), so items without structured data are neither helped nor
hurt. "dense" mode ranks by dense', "lexical" mode by lexical'.
"""

from __future__ import annotations

from dataclasses import dataclass

from techbridge.core.matching.settings import MatchMode, MatchSettings


@dataclass(frozen=True)
class Match:
    """One matched item: its fused score and the (scaled) signals behind it."""

    id: str
    score: float
    dense: float | None
    lexical: float
    structured: float | None


@dataclass(frozen=True)
class QueryMatches:
    """The matches of one query, best first."""

    query_id: str
    matches: list[Match]


def fuse(
    mode: MatchMode,
    settings: MatchSettings,
    dense: float | None,
    lexical: float,
    structured: float | None,
) -> float:
    """The ranking score of one pair in ``mode`` (see the module docstring)."""
    if mode == "dense":
        return dense if dense is not None else 0.0
    if mode == "lexical":
        return lexical
    score = (dense if dense is not None else 0.0) + settings.lexical_weight * lexical
    if structured is not None:
        score += settings.structured_weight * (structured - 0.5)
    return float(score / (1.0 + settings.lexical_weight))

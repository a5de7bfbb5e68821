"""The knobs of the matching engine, with the values the benchmarks chose."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from techbridge.core.matching.encoders import Role
from techbridge.core.matching.language_bias import DEFAULT_PRIOR_WEIGHT, BiasCorrection
from techbridge.core.matching.preparation import DEFAULT_MAX_TOKENS

MatchMode = Literal["dense", "lexical", "hybrid"]
HubnessCorrection = Literal["none", "csls"]
MATCH_MODES: tuple[MatchMode, ...] = ("hybrid", "dense", "lexical")


@dataclass(frozen=True)
class MatchSettings:
    """How the engine ranks. Defaults are the measured best (``docs/matching.md``).

    * ``mode``: "dense" (embeddings only), "lexical" (concepts and codes only, no
      encoder needed) or "hybrid" (both, plus structured fields).
    * ``bias_correction``: "none", "centre" (per-language mean-centring),
      "centre_project" (also project out the directions between language means) or
      "centre_align" (centring, then each language turned part of the way towards the
      others by the rotations of :mod:`~techbridge.core.matching.alignment_maps`;
      plain centring for encoders without shipped rotations).
    * ``alignment_weight``: the share β of the rotated vector in "centre_align".
    * ``prior_weight``: how many pool texts the reference language means are worth.
    * ``scale_language_pairs``: standardise dense scores per language pair
      (:mod:`~techbridge.core.matching.pair_scaling`).
    * ``use_pool_statistics`` / ``use_reference_statistics``: which means to blend.
    * ``hubness_correction``: "csls" subtracts from each dense cosine the mean of the
      two texts' similarities to their ``hubness_neighbours`` nearest pool items
      (cross-domain similarity local scaling, Conneau et al. 2018), against "hub"
      items that are close to everything; "none" keeps the cosine.
    * ``anchor_weight``: weight of the anchor-profile similarity added to the dense
      cosine (:mod:`~techbridge.core.matching.anchor_profiles`); 0 turns it off.
    * ``query_role`` / ``pool_role``: E5 prefixes; "query" on both sides is the
      symmetric setting recommended for similarity between texts of the same kind.
    * ``lexical_weight`` / ``structured_weight``: weights of the lexical and
      structured scores against the dense score (weight 1) in hybrid mode.
    * ``candidates_per_signal``: how many candidates each signal proposes for large
      pools before all signals score the union.
    * ``max_tokens``: texts longer than this are cut before encoding.
    """

    mode: MatchMode = "hybrid"
    bias_correction: BiasCorrection = "centre_align"
    alignment_weight: float = 0.5
    prior_weight: float = DEFAULT_PRIOR_WEIGHT
    scale_language_pairs: bool = True
    hubness_correction: HubnessCorrection = "none"
    hubness_neighbours: int = 10
    anchor_weight: float = 0.25
    use_pool_statistics: bool = True
    use_reference_statistics: bool = True
    query_role: Role = "query"
    pool_role: Role = "query"
    lexical_weight: float = 1.0
    structured_weight: float = 0.2
    candidates_per_signal: int = 200
    max_tokens: int = DEFAULT_MAX_TOKENS

"""Removing language bias from multilingual embeddings.

A multilingual encoder places every text near the other texts of its language: the
language is one of the strongest directions in its embedding space. Without correction
a Chinese need finds Chinese offers first, whatever they are about. The correction kept
(measured in ``docs/matching.md``) is per-language mean-centring (Libovický et al.,
2020): subtract from each vector the mean vector of its language, then re-normalise.

The per-language means must be good even for small pools. They are estimated as a
weighted blend (a shrinkage estimate) of

* reference means computed once from TechBridge's own parallel reference corpus
  (``data/reference_corpus.tsv``: the same needs and offers written in zh, ru and en,
  so that the means differ only by language, not by topic), and
* the means of the pool being matched, which fit its text style best,

    mean_L = (n_L · pool_mean_L + k · reference_mean_L) / (n_L + k),

where ``n_L`` is the number of pool texts in language L and ``k`` (``prior_weight``)
is the number of pool texts the reference is worth. Small pools lean on the
reference, large pools on themselves.

Optionally the directions along which the language means differ are projected out as
well ("centre_project"), a stronger correction evaluated in the benchmark. The default,
"centre_align", follows centring with a partial rotation of each language towards the
others (:mod:`~techbridge.core.matching.alignment_maps`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from techbridge.core.matching.encoders import normalise_rows
from techbridge.core.text import SUPPORTED_LANGUAGES, Language

BiasCorrection = Literal["none", "centre", "centre_project", "centre_align"]

#: How many pool texts the reference statistics are worth (``k`` above). Measured on the
#: development set: pools of 5–10 texts per language gain from it, large pools do not
#: notice it.
DEFAULT_PRIOR_WEIGHT = 10.0


@dataclass(frozen=True)
class LanguageMeans:
    """Per-language mean embeddings, and how many texts each was estimated from."""

    means: Mapping[Language, NDArray[np.float32]]
    counts: Mapping[Language, float]

    @property
    def dimension(self) -> int:
        return int(next(iter(self.means.values())).shape[0])

    @staticmethod
    def from_vectors(vectors: NDArray[np.float32], languages: Sequence[Language]) -> LanguageMeans:
        """The mean vector of each language present in ``languages``."""
        codes = np.array(languages)
        means: dict[Language, NDArray[np.float32]] = {}
        counts: dict[Language, float] = {}
        for language in SUPPORTED_LANGUAGES:
            mask = codes == language
            if mask.any():
                means[language] = vectors[mask].mean(axis=0).astype(np.float32)
                counts[language] = float(mask.sum())
        return LanguageMeans(means, counts)


def blend_means(
    reference: LanguageMeans | None,
    pool: LanguageMeans | None,
    *,
    prior_weight: float = DEFAULT_PRIOR_WEIGHT,
) -> dict[Language, NDArray[np.float32]]:
    """The shrinkage blend of pool and reference means, per language.

    A language known to only one side takes that side's mean; a language known to
    neither is absent from the result (its texts are then only globally centred).
    """
    blended: dict[Language, NDArray[np.float32]] = {}
    for language in SUPPORTED_LANGUAGES:
        reference_mean = reference.means.get(language) if reference else None
        pool_mean = pool.means.get(language) if pool else None
        if reference_mean is not None and pool_mean is not None and pool is not None:
            count = pool.counts[language]
            blended[language] = (
                (count * pool_mean + prior_weight * reference_mean) / (count + prior_weight)
            ).astype(np.float32)
        elif pool_mean is not None:
            blended[language] = pool_mean
        elif reference_mean is not None:
            blended[language] = reference_mean
    return blended


class LanguageBiasCorrector:
    """Applies one bias correction with fixed means; build a new one when means change."""

    def __init__(
        self,
        means: Mapping[Language, NDArray[np.float32]],
        method: BiasCorrection = "centre",
        *,
        rotations: Mapping[Language, NDArray[np.float32]] | None = None,
        alignment_weight: float = 0.5,
    ) -> None:
        self.method = method
        self.means = dict(means)
        self.rotations = dict(rotations or {}) if method == "centre_align" else {}
        self.alignment_weight = alignment_weight
        self._global_mean = (
            np.mean(np.stack(list(self.means.values())), axis=0).astype(np.float32)
            if self.means
            else None
        )
        self._projection: NDArray[np.float32] | None = None
        if method == "centre_project" and len(self.means) >= 2:
            self._projection = _difference_basis(self.means)

    def correct(
        self, vectors: NDArray[np.float32], languages: Sequence[Language]
    ) -> NDArray[np.float32]:
        """Corrected, L2-normalised copies of ``vectors`` (rows in ``languages``)."""
        vectors = np.asarray(vectors, dtype=np.float32)
        if self.method == "none" or vectors.shape[0] == 0:
            return normalise_rows(vectors)
        corrected = vectors.copy()
        codes = np.array(languages)
        for language in SUPPORTED_LANGUAGES:
            mask = codes == language
            if not mask.any():
                continue
            mean = self.means.get(language, self._global_mean)
            if mean is not None:
                corrected[mask] -= mean
            rotation = self.rotations.get(language)
            if rotation is not None:
                centred = normalise_rows(corrected[mask])
                weight = self.alignment_weight
                corrected[mask] = (1 - weight) * centred + weight * (centred @ rotation)
        if self._projection is not None:
            corrected -= (corrected @ self._projection) @ self._projection.T
        return normalise_rows(corrected)


def _difference_basis(means: Mapping[Language, NDArray[np.float32]]) -> NDArray[np.float32]:
    """An orthonormal basis of the span of the differences between language means."""
    ordered = [means[language] for language in SUPPORTED_LANGUAGES if language in means]
    differences = np.stack([mean - ordered[0] for mean in ordered[1:]], axis=1)
    basis, _ = np.linalg.qr(differences)
    result: NDArray[np.float32] = basis.astype(np.float32)
    return result

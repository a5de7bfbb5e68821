"""Rotations that align each language's embedding space with the others.

Mean-centring removes the offset between languages, but the spaces of Chinese, Russian
and English texts also differ by orientation: after centring, a Chinese text and its
Russian translation are still less alike than two Chinese paraphrases. Following the
cross-lingual alignment literature (orthogonal Procrustes, Schönemann 1966; used for
word embeddings by Xing et al. 2015 and Conneau et al. 2018), TechBridge learns for
each language L an orthogonal matrix W_L that brings its centred embeddings of parallel
sentences closest to a pivot, the mean of the three versions of each sentence:

    W_L = argmin ‖X_L W − P‖  over orthogonal W  =  U Vᵀ,  where U Σ Vᵀ = X_Lᵀ P

and the corrected vector is ``normalise((1 − β) · v + β · v W_L)`` for a centred v
(β = ``alignment_weight``: the rotation learned from a few hundred sentences is not
trusted fully). Rotations are orthogonal, so they keep lengths and within-language
similarities nearly as they were; they only turn the language spaces towards each
other.

The parallel sentences are TechBridge's own: ``data/parallel/`` (359 sentences from
technology offers, needs and forum news across the twelve domains, written in zh, ru and
en for this purpose) and, for the rotations shipped with the embedded encoders
(``data/alignment_<encoder name>.npz``), also the 410 sentences of the bitext benchmark,
which therefore does not use the rotations (its figures are not affected). For other
encoders the rotations are learned from ``data/parallel/`` on first use (about a
thousand short texts to encode, cached like any embedding). Regenerate the shipped
ones after changing an encoder or the sentences with

    .venv/bin/python -m techbridge.core.matching.alignment_maps bench/data/bitext
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from importlib import resources
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from techbridge.core.matching.encoders import EMBEDDED_MODELS, Encoder, Role
from techbridge.core.text import SUPPORTED_LANGUAGES, Language

_PACKAGE = "techbridge.core.matching"
_ROLES: tuple[Role, ...] = ("query", "passage")
_CORPUS = "data/parallel"
#: Rotations by (encoder name, role), learned or loaded once per process.
_LEARNED: dict[tuple[str, Role], dict[Language, NDArray[np.float32]]] = {}


def _shipped_file(model: str) -> str:
    return f"data/alignment_{model}.npz"


def learn_rotations(
    parallel: Mapping[Language, NDArray[np.float32]],
) -> dict[Language, NDArray[np.float32]]:
    """Orthogonal maps of each language onto the pivot, from parallel embeddings.

    ``parallel[L]`` holds row i = the embedding of sentence i in language L (the same
    sentences, in the same order, in every language).
    """
    counts = {vectors.shape[0] for vectors in parallel.values()}
    if len(counts) != 1:
        raise ValueError("parallel embeddings must have the same number of rows per language")
    centred = {}
    for language, vectors in parallel.items():
        shifted = vectors - vectors.mean(axis=0)
        centred[language] = shifted / np.maximum(
            np.linalg.norm(shifted, axis=1, keepdims=True), 1e-12
        )
    pivot = np.mean(np.stack(list(centred.values())), axis=0)
    rotations: dict[Language, NDArray[np.float32]] = {}
    for language, vectors in centred.items():
        left, _, right = np.linalg.svd(vectors.T @ pivot)
        rotations[language] = (left @ right).astype(np.float32)
    return rotations


def shipped_rotations(encoder: Encoder, role: Role) -> dict[Language, NDArray[np.float32]] | None:
    """The precomputed rotations for ``encoder``, or ``None`` when none are shipped."""
    if encoder.name not in EMBEDDED_MODELS:
        return None
    shipped = resources.files(_PACKAGE).joinpath(_shipped_file(encoder.name))
    if not shipped.is_file():
        return None
    with resources.as_file(shipped) as path, np.load(path) as data:
        return {
            language: data[f"{role}_{language}"].astype(np.float32)
            for language in SUPPORTED_LANGUAGES
        }


def rotations_for(encoder: Encoder, role: Role) -> dict[Language, NDArray[np.float32]]:
    """The shipped rotations for ``encoder``, else rotations learned now from the
    package's parallel sentences."""
    key = (encoder.name, role)
    if key not in _LEARNED:
        shipped = shipped_rotations(encoder, role)
        _LEARNED[key] = (
            shipped
            if shipped is not None
            else learn_rotations(encode_parallel(encoder, shipped_parallel_sentences(), role))
        )
    return _LEARNED[key]


def shipped_parallel_sentences() -> dict[Language, list[str]]:
    """The parallel sentences inside the package (``data/parallel/``)."""
    with resources.as_file(resources.files(_PACKAGE).joinpath(_CORPUS)) as directory:
        return read_parallel_sentences(Path(directory))


def encode_parallel(
    encoder: Encoder, sentences: Mapping[Language, list[str]], role: Role
) -> dict[Language, NDArray[np.float32]]:
    """Each language's sentences encoded in ``role``."""
    return {language: encoder.encode(sentences[language], role) for language in SUPPORTED_LANGUAGES}


def read_parallel_sentences(directory: Path) -> dict[Language, list[str]]:
    """``zh.txt``, ``ru.txt`` and ``en.txt`` of ``directory``: one sentence per line,
    line i of each file translating line i of the others."""
    sentences = {
        language: [
            line.strip()
            for line in (directory / f"{language}.txt").read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        for language in SUPPORTED_LANGUAGES
    }
    if len({len(lines) for lines in sentences.values()}) != 1:
        raise ValueError(f"{directory}: the three files must have the same number of lines")
    return sentences


def write_shipped_rotations(
    encoder: Encoder, sentences: Mapping[Language, list[str]], path: Path
) -> None:
    arrays: dict[str, NDArray[np.float16]] = {}
    for role in _ROLES:
        rotations = learn_rotations(encode_parallel(encoder, sentences, role))
        for language, rotation in rotations.items():
            arrays[f"{role}_{language}"] = rotation.astype(np.float16)
    np.savez_compressed(path, **arrays)  # type: ignore[arg-type]


if __name__ == "__main__":
    from techbridge.core.matching import anchor_profiles
    from techbridge.core.matching.encoders import load_encoder

    corpus = shipped_parallel_sentences()
    for extra in sys.argv[1:]:
        for language, lines in read_parallel_sentences(Path(extra)).items():
            corpus[language] = corpus[language] + lines
    for model in EMBEDDED_MODELS:
        encoder = load_encoder(model)
        directory = Path(__file__).resolve().parent
        write_shipped_rotations(encoder, corpus, directory / _shipped_file(model))
        anchors = directory / anchor_profiles.shipped_file(model)
        anchor_profiles.write_shipped_embeddings(encoder, corpus, anchors)
        print(f"wrote rotations and anchors of {model} from {len(corpus['zh'])} sentences")

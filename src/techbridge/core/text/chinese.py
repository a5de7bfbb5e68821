"""Chinese word segmentation with jieba, initialised lazily and quietly.

jieba builds a prefix dictionary on first use (about a second) and logs that on
stderr; batch commands must keep stderr for progress and errors, so the logger is
silenced and the built dictionary is cached in TechBridge's cache directory, where
later processes load it in a fraction of the time.
"""

from __future__ import annotations

import logging
import threading
import warnings
from collections.abc import Iterator
from typing import Any

from techbridge.core.cache_location import default_cache_directory

_lock = threading.Lock()
_segmenter: Any = None


def _load_segmenter() -> Any:
    """Return the process-wide jieba tokenizer, building it on first call."""
    global _segmenter
    if _segmenter is not None:
        return _segmenter
    with _lock:
        if _segmenter is None:
            with warnings.catch_warnings():
                # jieba 0.42 has regex literals with invalid escapes; Python warns about
                # them when compiling jieba for the first time, which is noise for us.
                warnings.simplefilter("ignore", DeprecationWarning)
                warnings.simplefilter("ignore", SyntaxWarning)
                import jieba  # deferred: loading jieba costs time only once Chinese is seen

            jieba.setLogLevel(logging.WARNING)
            segmenter = jieba.Tokenizer()
            segmenter.tmp_dir = str(default_cache_directory())
            segmenter.initialize()
            _segmenter = segmenter
    return _segmenter


def segment_for_search(run: str) -> Iterator[str]:
    """Yield jieba's search-mode words for a run of Chinese text.

    Search mode yields each dictionary word and, for long words, also their
    dictionary sub-words ("铜合金" → "合金", "铜合金"), so a query for "合金" finds
    "铜合金". The HMM for unknown words is off: it would glue characters into
    accidental "words" that then match nothing; unknown words fall back to single
    characters, which still match character by character.
    """
    segmenter = _load_segmenter()
    words: Iterator[str] = segmenter.cut_for_search(run, HMM=False)
    return words

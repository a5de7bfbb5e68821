"""Finding English words on a page that should be entirely in another language."""

import re
from html.parser import HTMLParser

# Acronyms that are the same in every language, and "English", the endonym that language
# selectors show (as they show 简体中文 and Русский on English pages).
ALLOWED = {
    "TRL",
    "IP",
    "API",
    "PDF",
    "XLSX",
    "CSV",
    "JSON",
    "UTC",
    "OpenAPI",
    "QR",
    "iCal",
    "B2B",
    "English",
}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’-]+")
ROMAN_NUMERAL = re.compile(r"^[IVXLC]+$")
SKIPPED_TAGS = {"script", "style", "template", "noscript"}
VOID_TAGS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
}


class _VisibleText(HTMLParser):
    """Collects the interface text a reader sees, with attribute texts (placeholders,
    labels, titles), except user content (elements with a ``lang``) and scripts."""

    def __init__(self, page_language: str) -> None:
        super().__init__()
        self.page_language = page_language.lower()
        self.stack: list[tuple[str, bool]] = []
        self.texts: list[str] = []

    def _hidden(self) -> bool:
        return any(skip for _tag, skip in self.stack)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        # Texts users write carry their language in a ``lang`` attribute (the templates'
        # convention); they may rightly hold Latin units and formulas (MPa, Cu–Cr–Zr).
        # Interface text never carries one below <html>.
        user_content = tag != "html" and "lang" in attributes
        skip = tag in SKIPPED_TAGS or user_content
        if not self._hidden() and not skip:
            for name in ("placeholder", "title", "aria-label", "alt", "data-confirm"):
                if attributes.get(name):
                    self.texts.append(attributes[name])
            if tag == "input" and attributes.get("type") in {"submit", "button"}:
                self.texts.append(attributes.get("value") or "")
        if tag not in VOID_TAGS:
            self.stack.append((tag, skip))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not self._hidden():
            self.texts.append(data)


def english_words(html: str, page_language: str, also_allowed: set[str] = frozenset()) -> list[str]:
    """Latin-script words visible on a zh or ru page, minus acronyms, e-mail and web
    addresses, and words in ``also_allowed``."""
    parser = _VisibleText(page_language)
    parser.feed(html)
    text = " ".join(parser.texts)
    text = re.sub(r"\S+@\S+|https?://\S+|\b[\w.-]+\.(?:example|com|cn|ru|org)\b", " ", text)
    words = (word.strip("-'’") for word in LATIN_WORD.findall(text))
    return [
        word
        for word in words
        if len(word) > 1
        and word not in ALLOWED
        and word not in also_allowed
        and not ROMAN_NUMERAL.match(word)
    ]

"""The catalogue's full-text search: an inverted index of normalised terms.

Terms come from ``techbridge.core.text.tokenize`` (jieba for Chinese, Snowball for
Russian and English), so «медные сплавы» finds «медного сплава» and 铜合金 finds texts
segmented the same way, on SQLite and PostgreSQL alike. Titles weigh more than keywords,
keywords more than summaries and descriptions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db.models import Count, OuterRef, QuerySet, Subquery, Sum

from techbridge.catalogue.models import CatalogueItem, SearchPosting
from techbridge.core.text import detect_language, tokenize

TITLE_WEIGHT = 4
KEYWORD_WEIGHT = 2
TEXT_WEIGHT = 1
MAX_WEIGHT = 32_000
MAX_TERM_LENGTH = 64
MAX_QUERY_TERMS = 12


def _terms(text: str, language: str | None = None) -> list[str]:
    """Search terms of a text. Items know each text's language; a query's is detected.
    (The analysers follow each word's script in any case; the language is passed for rules
    that may depend on it.)"""
    if not text:
        return []
    if language not in ("zh", "ru", "en"):
        language = detect_language(text).language or "en"
    return [term for term in tokenize(text, language) if len(term) <= MAX_TERM_LENGTH]


def item_terms(item: CatalogueItem) -> Counter[str]:
    """The weighted terms of every text of the item, in every language it is written in."""
    weights: Counter[str] = Counter()
    # An offer, need or expert profile is its own specific row; only a saved base row needs
    # the extra query (bulk indexing passes specific rows).
    specific = item.specific if item.pk and type(item) is CatalogueItem else item
    keywords = {language: " ".join(words) for language, words in item.keywords.items()}
    sources: list[tuple[Iterable[tuple[str, str]], int]] = [
        (item.titles.items(), TITLE_WEIGHT),
        (keywords.items(), KEYWORD_WEIGHT),
        (item.summaries.items(), TEXT_WEIGHT),
        (item.descriptions.items(), TEXT_WEIGHT),
    ]
    for extra in ("advantages", "target_parameters", "display_names"):
        texts = getattr(specific, extra, None)
        if texts:
            weight = TITLE_WEIGHT if extra == "display_names" else TEXT_WEIGHT
            sources.append((texts.items(), weight))
    for texts, weight in sources:
        for language, text in texts:
            for term in _terms(str(text), language):
                weights[term] = min(weights[term] + weight, MAX_WEIGHT)
    return weights


def index_item(item: CatalogueItem) -> None:
    """Replace the item's postings; call inside the transaction that saved it."""
    SearchPosting.objects.filter(item=item).delete()
    SearchPosting.objects.bulk_create(
        SearchPosting(item=item, term=term, weight=weight)
        for term, weight in item_terms(item).items()
    )


def index_items(items: Iterable[CatalogueItem], *, batch_size: int = 5000) -> int:
    """Index many items at once (imports, demo data, benchmarks); returns postings written."""
    pending: list[SearchPosting] = []
    written = 0
    identifiers = []
    for item in items:
        identifiers.append(item.pk)
        pending.extend(
            SearchPosting(item_id=item.pk, term=term, weight=weight)
            for term, weight in item_terms(item).items()
        )
    SearchPosting.objects.filter(item_id__in=identifiers).delete()
    for start in range(0, len(pending), batch_size):
        SearchPosting.objects.bulk_create(pending[start : start + batch_size])
        written += len(pending[start : start + batch_size])
    return written


def query_terms(query: str) -> list[str]:
    """The distinct terms of a search query, in order, at most ``MAX_QUERY_TERMS``."""
    seen: dict[str, None] = {}
    for term in _terms(query):
        seen.setdefault(term, None)
    return list(seen)[:MAX_QUERY_TERMS]


def apply_search(items: QuerySet[CatalogueItem], query: str) -> QuerySet[CatalogueItem]:
    """Items containing every term of the query, annotated with ``search_score``.

    Chinese search-mode segmentation yields both a compound and its parts (铜合金, 铜,
    合金); requiring every term keeps precision, and the compound's own posting ranks exact
    phrases first.
    """
    terms = query_terms(query)
    if not terms:
        return items
    if len(terms) == 1:
        # An item has at most one posting per term, so the term's postings are the matches;
        # without a grouping the database can estimate how many there are (PostgreSQL then
        # joins them by hash instead of looking items up one by one).
        matching = SearchPosting.objects.filter(term=terms[0]).values("item")
    else:
        # The postings are intersected in the index (term, item, weight) before any item
        # row is read.
        matching = (
            SearchPosting.objects.filter(term__in=terms)
            .values("item")
            .annotate(matched=Count("term"))
            .filter(matched=len(terms))
            .values("item")
        )
    score = (
        SearchPosting.objects.filter(item=OuterRef("pk"), term__in=terms)
        .values("item")
        .annotate(total=Sum("weight"))
        .values("total")
    )
    return items.filter(pk__in=matching).annotate(search_score=Subquery(score))

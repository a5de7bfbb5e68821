import math
from collections import Counter

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from techbridge.core.matching.concepts import parse_lexicon
from techbridge.core.matching.lexical import (
    Bm25Index,
    LanguageBm25,
    extract_codes,
    neutral_terms,
    term_cosine,
)

_TERMS = ["copper", "alloy", "steel", "铜", "медь", "battery"]
LEXICON = parse_lexicon(["mat.copper_alloy\tmaterials\t铜合金\tмедный сплав\tcopper alloy"])


def test_bm25_scores_match_the_formula():
    index = Bm25Index(k1=1.2, b=0.75)
    index.add("d1", {"copper": 2, "alloy": 1})
    index.add("d2", {"alloy": 1})
    index.add("d3", {"steel": 3})
    scores = dict(
        zip(index.document_ids(), index.score_all({"copper": 1, "alloy": 1}), strict=True)
    )
    average_length = (3 + 1 + 3) / 3

    def idf(frequency):
        return math.log(1 + (3 - frequency + 0.5) / (frequency + 0.5))

    def saturate(count, length):
        return count * 2.2 / (count + 1.2 * (0.25 + 0.75 * length / average_length))

    assert math.isclose(scores["d1"], idf(1) * saturate(2, 3) + idf(2) * saturate(1, 3))
    assert math.isclose(scores["d2"], idf(2) * saturate(1, 1))
    assert scores["d3"] == 0.0


@given(
    st.lists(st.dictionaries(st.sampled_from(_TERMS), st.integers(1, 3)), min_size=1, max_size=12),
    st.dictionaries(st.sampled_from(_TERMS), st.integers(1, 3)),
    st.data(),
)
def test_scores_of_some_documents_are_those_of_all_documents_at_their_positions(
    documents, query, data
):
    index = Bm25Index()
    for number, terms in enumerate(documents):
        index.add(f"d{number}", terms)
    count = len(index.document_ids())
    positions = np.array(
        data.draw(st.lists(st.integers(0, count - 1), max_size=2 * count)), dtype=np.int64
    )
    everything = index.score_all(query)
    assert np.array_equal(index.score_all(query, positions), everything[positions])


def test_bm25_remove_and_replace_documents():
    index = Bm25Index()
    index.add("d1", {"copper": 1})
    index.add("d2", {"copper": 1})
    index.remove(["d1", "unknown"])
    index.add("d2", {"steel": 1})
    assert index.document_ids() == ["d2"]
    assert index.score_all({"copper": 1}).tolist() == [0.0]
    assert index.idf("copper") == 0.0


def test_self_score_is_the_score_against_an_identical_document():
    index = Bm25Index()
    index.add("d1", {"copper": 2, "alloy": 1})
    index.add("d2", {"steel": 1})
    assert math.isclose(
        index.self_score({"copper": 2, "alloy": 1}), index.score_all({"copper": 1, "alloy": 1})[0]
    )


def test_extract_codes_keeps_acronyms_and_alphanumerics_but_not_units():
    text = "Сплав C19400, 700 MPa, 45% IACS; GaN и LiFePO4, 5G, Cu–Cr–Zr"
    assert extract_codes(text) == ["c19400", "gan", "lifepo4", "5g"]


def test_neutral_terms_are_the_same_across_languages():
    zh = neutral_terms("C19400铜合金带材", "zh", LEXICON)
    ru = neutral_terms("Лента из медного сплава C19400", "ru", LEXICON)
    en = neutral_terms("C19400 copper alloy strip", "en", LEXICON)
    assert zh == ru == en == Counter({"concept:mat.copper_alloy": 1, "code:c19400": 1})


def test_language_bm25_finds_other_inflections_of_the_query():
    search = LanguageBm25()
    search.add("o1", "Производство медного сплава для контактов", "ru")
    search.add("o2", "Полимерные композиты для кабелей", "ru")
    search.add("o3", "铜合金", "zh")
    found = search.search("медные сплавы", "ru")
    assert [item_id for item_id, _ in found] == ["o1"]
    assert search.search("медные сплавы", "en") == []
    search.remove(["o1"])
    assert search.search("медные сплавы", "ru") == []


def test_typical_self_score_is_the_median_document_self_score():
    index = Bm25Index()
    for number, terms in enumerate([{"a": 1}, {"a": 1, "b": 1}, {"a": 1, "b": 1, "c": 1}]):
        index.add(f"d{number}", terms)
    selves = sorted(
        index.self_score(terms) for terms in [{"a": 1}, {"a": 1, "b": 1}, {"a": 1, "b": 1, "c": 1}]
    )
    assert math.isclose(index.typical_self_score(), float(np.median(selves)))


def test_term_cosine_of_disjoint_and_equal_counts():
    assert term_cosine(Counter({"a": 1}), Counter({"b": 1})) == 0.0
    assert term_cosine(Counter(), Counter({"b": 1})) == 0.0
    assert abs(term_cosine(Counter({"a": 2, "b": 1}), Counter({"a": 2, "b": 1})) - 1.0) < 1e-12

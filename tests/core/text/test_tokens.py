from hypothesis import given, settings
from hypothesis import strategies as st

from techbridge.core.text import normalise, tokenize


def test_tokenize_russian_inflections_give_the_same_terms():
    assert tokenize("медные сплавы", "ru") == tokenize("медного сплава", "ru")
    assert tokenize("медные сплавы", "ru") == ["медн", "сплав"]


def test_tokenize_english_inflections_give_the_same_terms():
    assert tokenize("Copper alloys", "en") == tokenize("copper alloy", "en") == ["copper", "alloy"]


def test_tokenize_drops_stopwords_in_each_language():
    assert tokenize("Мы ищем технологию для очистки воды", "ru") == ["технолог", "очистк", "вод"]
    assert tokenize("We are looking for a technology of water treatment", "en") == [
        "technolog",
        "water",
        "treatment",
    ]
    assert tokenize("我们希望寻找污水处理的技术", "zh") == ["污水", "处理", "污水处理", "技术"]


def test_tokenize_chinese_search_mode_yields_sub_words():
    assert tokenize("铜合金带材", "zh") == ["合金", "铜合金", "带材"]


def test_tokenize_mixed_scripts_are_analysed_by_their_own_script():
    assert tokenize("C19400铜合金用于5G基站，ＧａＮ芯片", "zh") == [
        "c19400",
        "合金",
        "铜合金",
        "5g",
        "基站",
        "gan",
        "芯片",
    ]
    assert tokenize("Сплав Cu–Cr–Zr, электропроводность 80 % IACS", "ru") == [
        "сплав",
        "cu",
        "cr",
        "zr",
        "электропроводн",
        "iac",
    ]


def test_tokenize_drops_short_numbers_and_single_letters_keeps_codes():
    assert tokenize("a 7 12 350 LiFePO4 x", "en") == ["350", "lifepo4"]


def test_tokenize_empty_text_gives_no_terms():
    assert tokenize("", "ru") == []
    assert tokenize(" …, — ", "zh") == []


def test_normalise_folds_width_case_and_yo():
    assert normalise("ＡＢＣ Ёлка") == "abc елка"


_WESTERN_WORDS = st.lists(
    st.sampled_from(
        [
            "медные", "сплавы", "обработка", "стали", "электропроводность", "были",
            "которому", "generalization", "generously", "alloys", "conditioning",
            "being", "batteries", "running", "лазерной", "сварки", "ё", "IACS", "5G",
        ]
    ),
    max_size=12,
)  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(_WESTERN_WORDS)
def test_tokenize_is_idempotent_on_its_own_output(words):
    terms = tokenize(" ".join(words), "ru")
    assert tokenize(" ".join(terms), "ru") == terms


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_tokenize_terms_are_normalised_and_non_empty(text):
    for term in tokenize(text, "en"):
        assert term
        assert term == normalise(term)
        assert " " not in term


def test_tokenize_chinese_output_retokenizes_to_the_same_set():
    text = "锂电池用极薄电解铜箔生产技术，要求抗拉强度高、无针孔"
    terms = tokenize(text, "zh")
    assert set(tokenize(" ".join(terms), "zh")) == set(terms)

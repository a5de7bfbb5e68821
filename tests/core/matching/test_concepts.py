import pytest

from techbridge.core.matching.concepts import default_lexicon, parse_lexicon

LEXICON = parse_lexicon(
    [
        "# a comment",
        "id\tdomain\tzh\tru\ten",
        "mat.copper_alloy\tmaterials\t铜合金|铜基合金\tмедный сплав\tcopper alloy",
        "mat.copper\tmaterials\t铜\tмедь|медный\tcopper",
        "mfg.connector\tmanufacturing\t连接器\tразъем\tconnector",
    ]
)


def test_find_names_the_same_concepts_in_three_languages():
    found = {
        language: LEXICON.find(text, language)
        for language, text in [
            ("zh", "高强度铜合金用于连接器"),
            ("ru", "Прочные медные сплавы для разъёмов"),
            ("en", "Strong copper alloys for connectors"),
        ]
    }
    assert (
        found["zh"]
        == found["ru"]
        == found["en"]
        == {
            "mat.copper_alloy": 1,
            "mat.copper": 1,
            "mfg.connector": 1,
        }
    )


def test_find_matches_multi_word_terms_in_any_order_within_a_window():
    assert LEXICON.find("сплавы медные", "ru")["mat.copper_alloy"] == 1
    assert LEXICON.find("медных и никелевых сплавов", "ru")["mat.copper_alloy"] == 1
    assert "mat.copper_alloy" not in LEXICON.find(
        "медь; в отчёте также есть раздел про сплав", "ru"
    )


def test_find_counts_separate_places_once_each():
    assert LEXICON.find("铜合金和铜基合金", "zh")["mat.copper_alloy"] == 2
    assert LEXICON.find("copper alloy. Another copper alloy.", "en")["mat.copper_alloy"] == 2


def test_find_looks_for_every_language_in_every_text():
    assert LEXICON.find("Медный сплав (铜合金) for connectors", "ru") == {
        "mat.copper_alloy": 2,
        "mat.copper": 2,
        "mfg.connector": 1,
    }


def test_concept_labels_are_the_first_terms():
    assert LEXICON["mat.copper_alloy"].labels() == {
        "zh": "铜合金",
        "ru": "медный сплав",
        "en": "copper alloy",
    }


def test_parse_lexicon_reports_the_bad_line():
    with pytest.raises(ValueError, match="line 2: expected 5 tab-separated fields"):
        parse_lexicon(["id\tdomain\tzh\tru\ten", "broken\tline"])
    with pytest.raises(ValueError, match="concept ids must be unique"):
        parse_lexicon(["a\td\t铜\tмедь\tcopper", "a\td\t铝\tалюминий\taluminium"])


def test_default_lexicon_covers_the_twelve_domains_with_hundreds_of_concepts():
    lexicon = default_lexicon()
    domains = {concept.domain for concept in lexicon.concepts()}
    assert len(lexicon) >= 500
    assert {
        "aerospace", "ai", "materials", "energy_environment", "biomedicine", "education",
        "geoscience_mining", "ict", "manufacturing", "agriculture_food", "chemistry",
        "energy_storage",
    } <= domains  # fmt: skip
    for concept in lexicon.concepts():
        assert set(concept.terms) == {"zh", "ru", "en"}, concept.id

"""Place names and calendar words as alignment evidence."""

import numpy as np
import pytest

from techbridge.core.matching.alignment import evidence_scores
from techbridge.core.matching.concepts import default_lexicon
from techbridge.core.matching.names import NameList, default_names


def found(text: str, language: str) -> set[str]:
    return {name.removeprefix("name:") for name in default_names().find(text, language)}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("下一届论坛计划于明年秋季在哈尔滨举行。", "zh"),
        ("Следующий форум планируется провести осенью будущего года в Харбине.", "ru"),
        ("The next forum is planned for autumn next year in Harbin.", "en"),
    ],
)
def test_the_same_names_are_found_in_every_language(text, language):
    assert found(text, language) == {"cn.harbin", "time.autumn"}


@pytest.mark.parametrize(
    "text",
    ["Москва", "в Москве", "под Москвой", "Нижний Новгород", "в Нижнем Новгороде"],
)
def test_russian_names_are_found_in_their_cases(text):
    assert found(text, "ru") & {"ru.moscow", "ru.nizhny_novgorod"}


def test_indeclinable_names_match_only_as_written():
    assert found("провинция Цзянси", "ru") == {"cn.jiangxi"}
    assert found("провинция Цзянсу", "ru") == {"cn.jiangsu"}


@pytest.mark.parametrize(
    "text", ["китайский язык", "германий и индий", "уральский", "читать", "ось вращения"]
)
def test_words_derived_from_names_or_sharing_their_letters_are_not_names(text):
    assert found(text, "ru") == set()


@pytest.mark.parametrize(
    ("text", "language"),
    [("内蒙古", "zh"), ("во Внутренней Монголии", "ru"), ("in Inner Mongolia", "en")],
)
def test_a_longer_name_hides_the_shorter_name_inside_it(text, language):
    assert found(text, language) == {"cn.inner_mongolia"}


def test_names_make_the_translation_win_over_a_near_duplicate():
    source = ["我们正在寻找愿意在江西建厂的投资方。"]
    targets = [
        "Мы ищем инвестора, готового построить завод в провинции Ляонин.",
        "Мы ищем инвестора, готового построить завод в провинции Цзянси.",
    ]
    with_names = evidence_scores(source, "zh", targets, "ru", default_lexicon())
    without = evidence_scores(source, "zh", targets, "ru", default_lexicon(), NameList([]))
    assert with_names[0, 1] > with_names[0, 0]
    assert np.isclose(without[0, 0], without[0, 1])

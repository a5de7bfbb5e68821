from hypothesis import given, settings
from hypothesis import strategies as st

from techbridge.core.text import DetectionStatus, detect_language


def test_detect_language_chinese_with_latin_acronyms_is_chinese():
    detection = detect_language("我公司研发5G基站射频功放模块，GaN芯片热流密度高")
    assert detection.language == "zh"
    assert detection.status is DetectionStatus.DETECTED


def test_detect_language_russian_with_formula_is_russian():
    detection = detect_language("Режим обработки сплава Cu–0,8Cr–0,1Zr для кристаллизаторов")
    assert detection.language == "ru"
    assert detection.status is DetectionStatus.DETECTED


def test_detect_language_english_sentence_is_english():
    detection = detect_language("Low-cost die-attach material for SiC power modules")
    assert detection.language == "en"
    assert detection.status is DetectionStatus.DETECTED
    assert detection.shares == {"zh": 0.0, "ru": 0.0, "en": 1.0, "other": 0.0}


def test_detect_language_blank_or_letterless_text_is_empty():
    for text in ["", "   \n\t", "123 456 — 7.5 %", "!!!"]:
        detection = detect_language(text)
        assert detection.status is DetectionStatus.EMPTY
        assert detection.language is None
        assert detection.is_usable is False


def test_detect_language_japanese_is_unknown_despite_han_characters():
    detection = detect_language("銅合金の製造方法について説明します")
    assert detection.status is DetectionStatus.UNKNOWN
    assert detection.language is None


def test_detect_language_arabic_and_korean_are_unknown():
    assert detect_language("سبيكة النحاس").status is DetectionStatus.UNKNOWN
    assert detect_language("구리 합금 기술").status is DetectionStatus.UNKNOWN


def test_detect_language_half_russian_half_english_is_mixed_with_dominant_language():
    detection = detect_language("Медный сплав высокой прочности — high strength copper")
    assert detection.status is DetectionStatus.MIXED
    assert detection.language == "ru"
    assert detection.is_usable is True


def test_detect_language_chinese_quoting_russian_title_is_mixed():
    detection = detect_language("合作项目：Технология литья меди")
    assert detection.status is DetectionStatus.MIXED
    assert detection.language == "ru"


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=60))
def test_detect_language_shares_sum_to_one_unless_empty(text):
    detection = detect_language(text)
    if detection.status is DetectionStatus.EMPTY:
        assert detection.shares == {}
    else:
        assert abs(sum(detection.shares.values()) - 1.0) < 1e-9
    assert (detection.language is not None) == (
        detection.status in {DetectionStatus.DETECTED, DetectionStatus.MIXED}
    )

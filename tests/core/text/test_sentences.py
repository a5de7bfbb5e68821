from techbridge.core.text import split_sentences


def test_split_sentences_russian_keeps_abbreviations_initials_and_units():
    text = (
        "Закалка при 450 °C. Предел прочности 560 МПа, т. е. выше аналога. "
        "Академик А. С. Попов предложил метод. УГТ 6, есть патент РФ. Ищем партнёра!"
    )
    assert split_sentences(text, "ru") == [
        "Закалка при 450 °C.",
        "Предел прочности 560 МПа, т. е. выше аналога.",
        "Академик А. С. Попов предложил метод.",
        "УГТ 6, есть патент РФ.",
        "Ищем партнёра!",
    ]


def test_split_sentences_english_keeps_decimals_and_abbreviations():
    text = (
        "The foil is 4.5 μm thick, e.g. for Fig. 3 cells. Dr. Smith agrees? Yes. "
        "Works at 5 V. Done."
    )
    assert split_sentences(text, "en") == [
        "The foil is 4.5 μm thick, e.g. for Fig. 3 cells.",
        "Dr. Smith agrees?",
        "Yes.",
        "Works at 5 V.",
        "Done.",
    ]


def test_split_sentences_chinese_splits_at_full_width_marks_not_decimals():
    text = "目前使用的C19400铜合金强度偏低。要求抗拉强度不低于700 MPa！厚度4.5 μm；可接受技术许可。"
    assert split_sentences(text, "zh") == [
        "目前使用的C19400铜合金强度偏低。",
        "要求抗拉强度不低于700 MPa！",
        "厚度4.5 μm；",
        "可接受技术许可。",
    ]


def test_split_sentences_line_breaks_always_split_and_blank_lines_vanish():
    assert split_sentences("Первая строка\n\n  Вторая строка  \n", "ru") == [
        "Первая строка",
        "Вторая строка",
    ]


def test_split_sentences_empty_text_gives_no_sentences():
    assert split_sentences("", "en") == []
    assert split_sentences("  \n ", "zh") == []


def test_split_sentences_keeps_every_non_space_character():
    text = "Сплав «М1». Он прочен (до 600 МПа).\nТретье предложение?"
    joined = "".join(split_sentences(text, "ru"))
    assert joined.replace(" ", "") == text.replace(" ", "").replace("\n", "")

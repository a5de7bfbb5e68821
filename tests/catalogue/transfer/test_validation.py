"""Checking rows: every reason, with its line (or JSON item) and column, all collected."""

import datetime

import pytest
from django.utils.translation import override

from techbridge.catalogue.enums import CooperationForm
from techbridge.catalogue.transfer.columns import columns_for, normalise_header
from techbridge.catalogue.transfer.readers import read_upload
from techbridge.catalogue.transfer.validation import check_rows, location_label
from tests.catalogue.transfer.files import csv_bytes, json_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

OFFER_HEADER = [
    "source_language",
    "title_zh",
    "title_ru",
    "fields",
    "readiness_level",
    "patents",
    "cooperation_forms",
]
GOOD_OFFER = ["ru", "铜合金连续铸造", "Непрерывное литьё медных сплавов", "materials.copper", "6",
              "RU 2712345 C1", "licence"]  # fmt: skip


def _offer_report(*rows, header=OFFER_HEADER):
    return check_rows("offer", read_upload(csv_bytes([header, *rows]), "offers.csv"))


def _problems(report):
    return [(problem.position, problem.column, problem.message) for problem in report.problems]


def _with(**changes):
    row = list(GOOD_OFFER)
    for key, value in changes.items():
        row[OFFER_HEADER.index(key)] = value
    return row


def test_good_offer_row_gives_values_for_create_item():
    report = _offer_report(GOOD_OFFER)
    assert report.problems == []
    assert report.is_clean
    (row,) = report.valid_rows
    assert row.position == 2
    assert row.field_codes == ("materials.copper",)
    assert row.values == {
        "source_language": "ru",
        "titles": {"zh": "铜合金连续铸造", "ru": "Непрерывное литьё медных сплавов"},
        "readiness_level": 6,
        "patents": ["RU 2712345 C1"],
        "cooperation_forms": ["licence"],
    }


def test_unknown_field_code_is_reported_with_its_line():
    report = _offer_report(GOOD_OFFER, _with(fields="materials.copper; space.warp"))
    assert _problems(report) == [
        (
            3,
            "fields",
            "Unknown technology field “space.warp”; use a code from the list of fields, such "
            "as “aerospace”.",
        )
    ]
    assert [row.position for row in report.valid_rows] == [2]
    assert not report.is_clean
    assert report.can_import_valid_rows


def test_field_names_in_any_language_are_accepted_as_codes():
    report = _offer_report(_with(fields="материалы на основе меди; 增材制造"))
    assert report.problems == []
    assert report.valid_rows[0].field_codes == ("materials.copper", "manufacturing.additive")


def test_readiness_level_out_of_range_and_not_a_number():
    report = _offer_report(_with(readiness_level="12"), _with(readiness_level="high"))
    assert _problems(report) == [
        (2, "readiness_level", "The readiness level must be from 1 to 9, not 12."),
        (
            3,
            "readiness_level",
            "“high” is not a readiness level: give a whole number from 1 to 9.",
        ),
    ]


def test_readiness_level_accepts_a_prefix():
    assert (
        _offer_report(_with(readiness_level="TRL 7")).valid_rows[0].values["readiness_level"] == 7
    )


def test_missing_readiness_level_of_an_offer():
    report = _offer_report(_with(readiness_level=""))
    assert _problems(report) == [
        (2, "readiness_level", "Give the readiness level, a whole number from 1 to 9.")
    ]


def test_bad_patent_number_has_the_patents_module_message():
    report = _offer_report(_with(patents="RU 2712345 C1; XX 123"))
    assert _problems(report) == [
        (
            2,
            "patents",
            "“XX 123”: the number must start with one of the office codes CN, RU, EA, WO, US, EP.",
        )
    ]


def test_patent_numbers_are_normalised():
    report = _offer_report(_with(patents="us 11,234,567 b2;EA039876B1"))
    assert report.valid_rows[0].values["patents"] == ["US 11234567 B2", "EA 039876 B1"]


def test_missing_title_is_reported():
    report = _offer_report(_with(title_zh="", title_ru=""))
    assert _problems(report) == [(2, "title", "Enter this text in at least one language.")]


def test_text_too_long_names_the_language_column():
    report = _offer_report(_with(title_ru="д" * 301))
    assert _problems(report) == [
        (
            2,
            "title_ru",
            "The Russian text is too long (301 characters, at most 300).",
        )
    ]


def test_unknown_cooperation_form_lists_the_codes():
    report = _offer_report(_with(cooperation_forms="licence; friendship"))
    assert _problems(report) == [
        (
            2,
            "cooperation_forms",
            "Unknown cooperation form “friendship”; use one of licence, joint_rd, "
            "joint_venture, sale, localisation, investment.",
        )
    ]


def test_cooperation_form_labels_in_russian_are_accepted():
    with override("ru"):
        russian_label = str(CooperationForm.LICENCE.label)
    report = _offer_report(_with(cooperation_forms=russian_label))
    assert report.valid_rows[0].values["cooperation_forms"] == ["licence"]


def test_unknown_language_and_intellectual_property_codes():
    header = ["source_language", "title_en", "readiness_level", "ip_status"]
    report = _offer_report(["de", "Casting", "5", "secret"], header=header)
    assert _problems(report) == [
        (2, "source_language", "Unknown language “de”; use zh, ru or en."),
        (
            2,
            "ip_status",
            "Unknown intellectual property status “secret”; use one of patented, "
            "patent_pending, know_how, software, none.",
        ),
    ]


def test_source_language_is_needed_when_titles_are_in_several_languages():
    report = _offer_report(_with(source_language=""))
    assert _problems(report) == [
        (2, "source_language", "Say which language the item was written in: zh, ru or en.")
    ]


def test_source_language_is_taken_from_a_single_title():
    report = _offer_report(_with(source_language="", title_zh=""))
    assert report.valid_rows[0].values["source_language"] == "ru"


def test_every_problem_of_every_row_is_collected():
    report = _offer_report(
        GOOD_OFFER,
        _with(readiness_level="0", fields="nowhere", patents="RU 1"),
        GOOD_OFFER,
        _with(title_zh="", title_ru="", cooperation_forms="gift"),
    )
    assert [(position, column) for position, column, _message in _problems(report)] == [
        (3, "fields"),
        (3, "readiness_level"),
        (3, "patents"),
        (5, "title"),
        (5, "cooperation_forms"),
    ]
    assert report.bad_positions == [3, 5]
    assert [row.position for row in report.valid_rows] == [2, 4]


NEED_HEADER = [
    "title_zh",
    "budget_minimum",
    "budget_maximum",
    "currency",
    "deadline",
    "minimum_readiness_level",
]


def _need_report(*rows):
    return check_rows("need", read_upload(csv_bytes([NEED_HEADER, *rows]), "needs.csv"))


def test_need_budget_and_deadline_are_read():
    report = _need_report(["寒区保温材料", "1 000 000", "5,000,000", "RUB", "31.12.2026", "5"])
    assert report.valid_rows[0].values == {
        "titles": {"zh": "寒区保温材料"},
        "source_language": "zh",
        "budget_minimum": 1_000_000,
        "budget_maximum": 5_000_000,
        "currency": "RUB",
        "deadline": datetime.date(2026, 12, 31),
        "minimum_readiness_level": 5,
    }


def test_need_budget_range_reversed():
    report = _need_report(["保温", "5000000", "1000000", "CNY", "", ""])
    assert _problems(report) == [
        (2, "budget_maximum", "The upper end of the budget is below the lower end.")
    ]


def test_need_budget_needs_a_currency_and_a_number():
    report = _need_report(
        ["保温", "about a million", "", "", "", ""], ["保温", "", "100", "", "", ""]
    )
    assert _problems(report) == [
        (
            2,
            "budget_minimum",
            "“about a million” is not an amount: write a whole number without the currency, "
            "for example 1500000.",
        ),
        (3, "currency", "Give the currency of the budget: CNY, RUB, USD or EUR."),
    ]


def test_need_budget_cannot_be_negative_or_too_large():
    report = _need_report(["保温", "-5", "100000000000000", "CNY", "", ""])
    assert _problems(report) == [
        (2, "budget_minimum", "An amount cannot be negative."),
        (2, "budget_maximum", "The amount 100000000000000 is too large."),
    ]


def test_need_bad_dates_are_reported():
    report = _need_report(["保温", "", "", "", "2026-02-30", ""], ["保温", "", "", "", "soon", ""])
    message = "“%s” is not a date: write it as YYYY-MM-DD, for example 2026-12-31."
    assert _problems(report) == [
        (2, "deadline", message % "2026-02-30"),
        (3, "deadline", message % "soon"),
    ]


def test_unknown_currency_is_reported():
    report = _need_report(["保温", "1", "2", "GBP", "", ""])
    assert _problems(report) == [
        (2, "currency", "Unknown currency “GBP”; use one of CNY, RUB, USD, EUR.")
    ]


def test_expert_rows_need_a_name_and_take_yes_or_no():
    header = ["name_ru", "title_ru", "spoken_languages", "open_to_visits", "open_to_relocation"]
    rows = [
        ["Иванов П. С.", "Порошковая металлургия", "ru; en", "да", "no"],
        ["", "Металлургия", "ru", "maybe", ""],
    ]
    report = check_rows("expert", read_upload(xlsx_bytes([header, *rows]), "experts.xlsx"))
    assert _problems(report) == [
        (3, "name", "Give the expert's name."),
        (3, "open_to_visits", "“maybe” is neither yes nor no."),
    ]
    assert report.valid_rows[0].values == {
        "display_names": {"ru": "Иванов П. С."},
        "titles": {"ru": "Порошковая металлургия"},
        "source_language": "ru",
        "spoken_languages": ["ru", "en"],
        "open_to_visits": True,
        "open_to_relocation": False,
    }


def test_unknown_and_duplicate_columns_are_header_problems():
    report = _offer_report([*GOOD_OFFER, "note"], header=[*OFFER_HEADER[:-1], "title_ru", "Notes"])
    assert [(p.position, p.column, p.message) for p in report.header_problems] == [
        (1, "title_ru", "Columns 3 and 7 are the same column, “title_ru”."),
        (
            1,
            "",
            "Column 8, “Notes”, is not a column of this template; rename or remove it (its "
            "values would otherwise be lost).",
        ),
    ]
    assert not report.can_import_valid_rows


def test_value_in_a_column_without_header_is_reported():
    report = _offer_report([*GOOD_OFFER, "", "stray"])
    assert _problems(report) == [(2, "", "Column 9 has a value but no header: “stray”.")]


def test_headers_of_a_template_in_any_language_are_understood():
    for language in ("zh-hans", "ru", "en"):
        with override(language):
            headers = [column.header_text() for column in columns_for("offer")]
        # Read in another language than the template's.
        with override("en" if language != "en" else "ru"):
            report = check_rows("offer", read_upload(csv_bytes([headers, ["x"]]), "x.csv"))
        assert report.header_problems == [], language


def test_headers_are_distinct_in_every_language():
    for kind in ("offer", "need", "expert"):
        for language in ("zh-hans", "ru", "en"):
            with override(language):
                headers = [
                    normalise_header(column.header_text())
                    for column in columns_for(kind, with_information=True)
                ]
            assert len(headers) == len(set(headers)), (kind, language)


def test_json_items_are_checked_with_their_index():
    document = [
        {"source_language": "ru", "title": {"ru": "Литьё", "zh": "铸造"}, "readiness_level": 4,
         "fields": ["materials.copper"], "patents": ["RU 2712345 C1"]},
        {"title": "Литьё", "readiness_level": 4},
        {"title": {"de": "Guss"}, "readiness_level": 4, "colour": "red"},
        ["not", "an", "object"],
    ]  # fmt: skip
    report = check_rows("offer", read_upload(json_bytes(document), "offers.json"))
    assert _problems(report) == [
        (
            1,
            "title",
            'Give this text as an object by language, for example {"zh": "…", "ru": "…"}.',
        ),
        (1, "title", "Enter this text in at least one language."),
        (2, "", "Unknown key “colour”; use the keys of the template."),
        (2, "title", "Unknown language “de”; use zh, ru or en."),
        (2, "title", "Enter this text in at least one language."),
        (3, "", "Each item must be an object with the keys of the template."),
        (3, "title", "Enter this text in at least one language."),
        (3, "readiness_level", "Give the readiness level, a whole number from 1 to 9."),
    ]
    assert report.valid_rows[0].values["titles"] == {"ru": "Литьё", "zh": "铸造"}
    assert location_label("json", 2) == "item 2"
    assert location_label("csv", 7) == "line 7"


def test_problems_are_in_russian_when_the_reader_reads_russian():
    with override("ru"):
        report = _offer_report(
            _with(title_zh="", title_ru=""),
            _with(title_ru="д" * 301),
            _with(readiness_level="12"),
        )
        where = location_label("csv", 4)
    assert _problems(report) == [
        (2, "title", "Заполните это поле хотя бы на одном языке."),
        (
            3,
            "title_ru",
            "Текст (язык: русский) слишком длинный: символов — 301, допустимо не более 300.",
        ),
        (4, "readiness_level", "Уровень готовности должен быть от 1 до 9, а не 12."),
    ]
    assert where == "строка 4"

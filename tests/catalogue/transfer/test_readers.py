"""Reading uploads: every format and encoding, and refusing disguised or oversized files."""

import io
import zipfile

import pytest

from techbridge.catalogue.transfer.readers import FileRefused, RawRows, read_upload
from tests.catalogue.transfer.files import csv_bytes, json_bytes, xlsx_bytes

HEADER = ["title_zh", "title_ru", "readiness_level"]
CHINESE = "铜基复合材料连续铸造技术"
RUSSIAN = "Технология непрерывного литья медных композитов для железных дорог"


@pytest.mark.parametrize("bom", [False, True])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_utf8_is_read_with_or_without_bom_and_any_separator(bom, delimiter):
    data = csv_bytes([HEADER, [CHINESE, RUSSIAN, "6"]], delimiter=delimiter, bom=bom)
    table = read_upload(data, "offers.csv")
    assert table.format == "csv"
    assert table.headers == HEADER
    assert table.rows == [(2, [CHINESE, RUSSIAN, "6"])]


def test_csv_gb18030_chinese_is_detected():
    data = csv_bytes(
        [["title_zh", "summary_zh"], [CHINESE, "用于电气化铁路接触线，强度高。"]],
        encoding="gb18030",
    )
    table = read_upload(data, "needs.csv")
    assert table.rows == [(2, [CHINESE, "用于电气化铁路接触线，强度高。"])]


def test_csv_windows_1251_russian_is_detected():
    data = csv_bytes(
        [["title_ru", "summary_ru"], [RUSSIAN, "Прочность выше на 30 % при той же проводимости."]],
        encoding="cp1251",
        delimiter=";",
    )
    table = read_upload(data, "offers.csv")
    assert table.rows == [(2, [RUSSIAN, "Прочность выше на 30 % при той же проводимости."])]


def test_csv_utf16_with_bom_is_read():
    data = csv_bytes([HEADER, [CHINESE, RUSSIAN, "3"]], encoding="utf-16", delimiter="\t")
    assert read_upload(data, "offers.txt").rows == [(2, [CHINESE, RUSSIAN, "3"])]


def test_csv_excel_separator_line_is_followed_and_not_counted():
    data = b"sep=|\r\n" + csv_bytes([HEADER, [CHINESE, RUSSIAN, "6"]], delimiter="|")
    table = read_upload(data, "offers.csv")
    assert table.headers == HEADER
    assert table.rows == [(2, [CHINESE, RUSSIAN, "6"])]


def test_csv_line_numbers_count_the_header_and_skip_nothing_but_blank_rows():
    data = csv_bytes([HEADER, ["a", "", "1"], ["", "", ""], ["b", "", "2"]])
    assert [position for position, _values in read_upload(data, "x.csv").rows] == [2, 4]


def test_csv_formula_guard_apostrophe_is_removed():
    data = csv_bytes([["title_en"], ["'=SUM(A1)"], ["'plain"]])
    assert read_upload(data, "x.csv").rows == [(2, ["=SUM(A1)"]), (3, ["'plain"])]


def test_xlsx_is_read_with_chinese_and_russian_and_typed_cells():
    data = xlsx_bytes([[*HEADER, "deadline"], [CHINESE, RUSSIAN, 7, None]])
    table = read_upload(data, "offers.xlsx")
    assert table.format == "xlsx"
    assert table.headers == [*HEADER, "deadline"]
    assert table.rows == [(2, [CHINESE, RUSSIAN, 7])]


def test_xlsx_dates_become_iso_text():
    import datetime

    data = xlsx_bytes([["deadline"], [datetime.datetime(2026, 12, 31)]])
    assert read_upload(data, "needs.xlsx").rows == [(2, ["2026-12-31"])]


def test_json_array_is_read_with_indexes():
    document = [{"title": {"zh": CHINESE}}, {"title": {"ru": RUSSIAN}}]
    table = read_upload(json_bytes(document), "offers.json")
    assert table.format == "json"
    assert table.headers is None
    assert table.rows == [(0, document[0]), (1, document[1])]


def test_raw_rows_survive_plain_data():
    table = read_upload(csv_bytes([HEADER, [CHINESE, RUSSIAN, "6"]]), "x.csv")
    assert RawRows.from_data(table.to_data()) == table


def test_xlsx_that_is_not_a_workbook_is_refused_as_disguised():
    with pytest.raises(FileRefused, match="does not contain what its name says"):
        read_upload(b"%PDF-1.7\n" + b"0" * 200, "offers.xlsx")


def test_zip_without_workbook_named_xlsx_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    with pytest.raises(FileRefused, match="not a XLSX file"):
        read_upload(buffer.getvalue(), "offers.xlsx")


def test_workbook_named_csv_is_refused_as_disguised():
    with pytest.raises(FileRefused, match="not a CSV file"):
        read_upload(xlsx_bytes([HEADER]), "offers.csv")


def test_legacy_excel_is_refused_with_advice():
    with pytest.raises(FileRefused, match="save it as Excel workbook"):
        read_upload(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 100, "offers.xls")


def test_unknown_extension_is_refused():
    with pytest.raises(FileRefused, match="upload a CSV, XLSX or JSON file"):
        read_upload(b"title_en\nx\n", "offers.docx")


def test_oversized_file_is_refused_with_the_limit(settings):
    settings.CATALOGUE_IMPORT_MAX_BYTES = 1024 * 1024
    with pytest.raises(FileRefused, match=r"too large: 1\.1 MB; the limit is 1 MB"):
        read_upload(b"title_en\n" + b"x" * (1024 * 1024 + 100_000), "offers.csv")


def test_too_many_rows_are_refused_with_the_limit(settings):
    settings.CATALOGUE_IMPORT_MAX_ROWS = 3
    data = csv_bytes([["title_en"], ["a"], ["b"], ["c"], ["d"]])
    with pytest.raises(FileRefused, match="more than 3 rows; import at most 3 rows"):
        read_upload(data, "offers.csv")


def test_empty_file_is_refused():
    with pytest.raises(FileRefused, match="is empty"):
        read_upload(b"  \n", "offers.csv")


def test_invalid_json_is_refused_with_its_position():
    with pytest.raises(FileRefused, match="line 2, column 1"):
        read_upload(b'[{"title": {"en": "x"}},\n]', "offers.json")


def test_json_that_is_not_an_array_is_refused():
    with pytest.raises(FileRefused, match="JSON array"):
        read_upload(json_bytes({"title": {"en": "x"}}), "offers.json")


def test_xlsx_with_a_value_beyond_the_column_limit_is_refused():
    row = ["x"] * 201
    with pytest.raises(FileRefused, match="has more than 200 columns"):
        read_upload(xlsx_bytes([["title_en"], row]), "offers.xlsx")

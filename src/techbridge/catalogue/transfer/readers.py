"""Reading an uploaded catalogue file into rows, checking it by its content first.

Accepted: CSV (UTF-8 with or without BOM, UTF-16 with BOM, GB18030 or Windows-1251,
separated by commas, semicolons or tabs, or as Excel's ``sep=`` line says), XLSX (the
first worksheet) and JSON (an array of objects). A file whose content does not match its
name is refused as disguised, and so are files over the size or row limits:
``FileRefused`` carries a translated reason, and nothing of a refused file is kept.

Reading does not judge the values: it keeps every cell as it was typed (text, number or
yes/no; dates as ``YYYY-MM-DD``), so that the checks can be run again, in the reader's
language, each time the preview is shown.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import json
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath
from typing import Any

import filetype
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import load_workbook

# Limits, overridable in settings (CATALOGUE_IMPORT_MAX_BYTES, CATALOGUE_IMPORT_MAX_ROWS).
# The rows stay in the session until the user decides, so they must stay small, and the
# import runs within one request (about 9 ms per item on this shared 2-core machine:
# bench/catalogue_transfer_bench.py); a workbook's unpacked size is bounded against
# compression bombs.
DEFAULT_MAX_BYTES = 4 * 1024 * 1024
DEFAULT_MAX_ROWS = 500
MAX_COLUMNS = 200
MAX_UNPACKED_BYTES = 64 * 1024 * 1024

FORMATS = ("csv", "xlsx", "json")
EXTENSIONS = {"csv": "csv", "txt": "csv", "tsv": "csv", "xlsx": "xlsx", "json": "json"}
OLE2_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_SIGNATURE = b"PK\x03\x04"
# Spreadsheets run a cell that starts with one of these as a formula; exports put an
# apostrophe before such texts and the CSV reader takes it away again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | bool | None


def max_bytes() -> int:
    return int(getattr(settings, "CATALOGUE_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def max_rows() -> int:
    return int(getattr(settings, "CATALOGUE_IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS))


class FileRefused(ValueError):
    """The file cannot be read; the message (translated) says why."""


@dataclass
class RawRows:
    """The rows of a file as typed. ``headers`` is the header row of a spreadsheet (None
    for JSON); each row is ``(position, values)``: the spreadsheet row number (the header
    being row 1) and its cells, or the JSON array index and its object."""

    format: str
    headers: list[str] | None
    rows: list[tuple[int, Any]] = field(default_factory=list)
    header_position: int = 1

    def to_data(self) -> dict[str, Any]:
        """Plain JSON-compatible data, to keep between two requests."""
        return {
            "format": self.format,
            "headers": self.headers,
            "header_position": self.header_position,
            "rows": [[position, values] for position, values in self.rows],
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> RawRows:
        return cls(
            format=data["format"],
            headers=data["headers"],
            header_position=data.get("header_position", 1),
            rows=[(position, values) for position, values in data["rows"]],
        )


def _too_many_rows(name: str) -> FileRefused:
    limit = max_rows()
    return FileRefused(
        ngettext(
            "“%(name)s” has more than %(limit)d row; import at most %(limit)d row at a time.",
            "“%(name)s” has more than %(limit)d rows; import at most %(limit)d rows at a time.",
            limit,
        )
        % {"name": name, "limit": limit}
    )


def _plain_cell(value: Any) -> Cell:
    """A spreadsheet cell as JSON-compatible data; dates as ISO text."""
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int | float) or value is None:
        return value
    return str(value)


def _is_blank(values: list[Cell]) -> bool:
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in values)


def _trim_headers(headers: list[Cell]) -> list[str]:
    """The header texts, without the empty cells that spreadsheets leave on the right."""
    texts = ["" if header is None else str(header).strip() for header in headers]
    while texts and not texts[-1]:
        texts.pop()
    return texts


# ---------------------------------------------------------------------------------------
# Text files


def _lowercase_cyrillic_share(text: str) -> float:
    beyond_ascii = [character for character in text if ord(character) > 127]
    if not beyond_ascii:
        return 0.0
    lowercase = sum(1 for character in beyond_ascii if "а" <= character <= "я" or character == "ё")
    return lowercase / len(beyond_ascii)


def decode_text(data: bytes, name: str) -> str:
    """The text of a CSV or JSON file. UTF-8 (with or without BOM) and UTF-16 with BOM are
    read as such; otherwise Windows-1251 is chosen when it reads as mostly lower-case
    Cyrillic (as Russian prose does, while Chinese bytes read through it give a mixture of
    capitals and symbols), else GB18030."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8")
        except UnicodeDecodeError:
            pass
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    else:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        try:
            cyrillic = data.decode("cp1251")
        except UnicodeDecodeError:
            cyrillic = None
        if cyrillic is not None and _lowercase_cyrillic_share(cyrillic) >= 0.6:
            return cyrillic
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            if cyrillic is not None:
                return cyrillic
    raise FileRefused(
        _(
            "The characters of “%(name)s” could not be read. Save the file as CSV in UTF-8 "
            "and upload it again."
        )
        % {"name": name}
    )


def _delimiter(first_line: str) -> str:
    """The separator that occurs most often in the header line: comma, semicolon or tab
    (Russian Excel writes semicolons, Chinese and English Excel commas)."""
    counts = {separator: first_line.count(separator) for separator in (",", ";", "\t")}
    return max(counts, key=lambda separator: (counts[separator], separator == ","))


def _unquote_formula(value: str) -> str:
    if len(value) > 1 and value[0] == "'" and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def read_csv(data: bytes, name: str) -> RawRows:
    text = decode_text(data, name)
    if "\x00" in text:
        raise _disguised(name, "CSV")
    first_line, _newline, rest = text.partition("\n")
    declared = first_line.strip()
    if len(declared) == 5 and declared.lower().startswith("sep="):
        # Excel's separator line: Excel hides it, so line numbers start after it.
        delimiter, text = declared[4], rest
    else:
        delimiter = _delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table = RawRows(format="csv", headers=None)
    try:
        for position, cells in enumerate(reader, start=1):
            values: list[Cell] = [_unquote_formula(cell) for cell in cells]
            if table.headers is None:
                if _is_blank(values):
                    continue
                table.headers = _trim_headers(values)
                table.header_position = position
                continue
            if _is_blank(values):
                continue
            if len(table.rows) >= max_rows():
                raise _too_many_rows(name)
            table.rows.append((position, values))
    except csv.Error as error:
        raise FileRefused(
            _("“%(name)s” could not be read as CSV near line %(line)d: %(reason)s")
            % {"name": name, "line": reader.line_num, "reason": str(error)}
        ) from error
    if table.headers is None:
        raise _empty(name)
    return table


# ---------------------------------------------------------------------------------------
# Spreadsheets


def read_xlsx(data: bytes, name: str) -> RawRows:
    """The first worksheet; the first non-empty row is the header."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile as error:
        raise _disguised(name, "XLSX") from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise FileRefused(
            _("“%(name)s” unpacks to more than %(limit)d MB; split it into smaller files.")
            % {"name": name, "limit": MAX_UNPACKED_BYTES // (1024 * 1024)}
        )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds of errors for broken workbooks
        raise FileRefused(
            _("“%(name)s” could not be opened as an Excel workbook (XLSX).") % {"name": name}
        ) from error
    try:
        if not workbook.worksheets:
            raise _empty(name)
        sheet = workbook.worksheets[0]
        table = RawRows(format="xlsx", headers=None)
        for position, cells in enumerate(
            sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1), start=1
        ):
            values = [_plain_cell(cell) for cell in cells]
            if len(values) > MAX_COLUMNS and not _is_blank(values[MAX_COLUMNS:]):
                # Reading stops at the limit; a value beyond it would be lost unseen.
                raise FileRefused(
                    _("“%(name)s” has more than %(limit)d columns.")
                    % {"name": name, "limit": MAX_COLUMNS}
                )
            values = values[:MAX_COLUMNS]
            if table.headers is None:
                if _is_blank(values):
                    continue
                table.headers = _trim_headers(values)
                table.header_position = position
                continue
            if _is_blank(values):
                continue
            if len(table.rows) >= max_rows():
                raise _too_many_rows(name)
            while values and (values[-1] is None or values[-1] == ""):
                values.pop()
            table.rows.append((position, values))
    finally:
        workbook.close()
    if table.headers is None:
        raise _empty(name)
    return table


# ---------------------------------------------------------------------------------------
# JSON


def read_json(data: bytes, name: str) -> RawRows:
    text = decode_text(data, name)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise FileRefused(
            _("“%(name)s” is not valid JSON: %(reason)s at line %(line)d, column %(column)d.")
            % {"name": name, "reason": error.msg, "line": error.lineno, "column": error.colno}
        ) from error
    if not isinstance(document, list):
        raise FileRefused(
            _("“%(name)s” must hold a JSON array of items, [{…}, {…}].") % {"name": name}
        )
    if len(document) > max_rows():
        raise _too_many_rows(name)
    if not document:
        raise _empty(name)
    return RawRows(format="json", headers=None, rows=list(enumerate(document)))


# ---------------------------------------------------------------------------------------
# Choosing the reader by content


def _empty(name: str) -> FileRefused:
    return FileRefused(_("“%(name)s” contains no rows to import.") % {"name": name})


def _disguised(name: str, expected: str) -> FileRefused:
    return FileRefused(
        _(
            "“%(name)s” does not contain what its name says (it is not a %(format)s file); "
            "the file was refused."
        )
        % {"name": name, "format": expected}
    )


def _is_binary(head: bytes) -> bool:
    """Bytes that no CSV or JSON file starts with: archives, documents, images."""
    if head.startswith((ZIP_SIGNATURE, OLE2_SIGNATURE, b"%PDF")):
        return True
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return filetype.guess(head) is not None or b"\x00" in head


def format_of(name: str) -> str:
    """The format a file name announces, or raise ``FileRefused``."""
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension in ("xls", "xlsm", "xlsb", "ods"):
        raise FileRefused(
            _(
                "“%(name)s” is in a spreadsheet format that cannot be imported; save it as "
                "Excel workbook (XLSX) or CSV."
            )
            % {"name": name}
        )
    if extension not in EXTENSIONS:
        raise FileRefused(
            _("“%(name)s” cannot be imported: upload a CSV, XLSX or JSON file.") % {"name": name}
        )
    return EXTENSIONS[extension]


def check_size(size: int, name: str) -> None:
    """Refuse a file over the size limit, saying how large it is."""
    limit = max_bytes()
    if size > limit:
        raise FileRefused(
            _("“%(name)s” is too large: %(size)s MB; the limit is %(limit)s MB.")
            % {"name": name, "size": f"{size / 1048576:.1f}", "limit": f"{limit / 1048576:.0f}"}
        )


def read_upload(data: bytes, name: str) -> RawRows:
    """Read an uploaded file after checking its size and that its content is what its name
    says. Raises ``FileRefused`` with the reason."""
    check_size(len(data), name)
    if not data.strip():
        raise FileRefused(_("“%(name)s” is empty.") % {"name": name})
    file_format = format_of(name)
    head = data[:8192]
    if file_format == "xlsx":
        if not head.startswith(ZIP_SIGNATURE) or not _is_workbook(data):
            raise _disguised(name, "XLSX")
        return read_xlsx(data, name)
    if _is_binary(head):
        raise _disguised(name, file_format.upper())
    if file_format == "json":
        return read_json(data, name)
    return read_csv(data, name)


def _is_workbook(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False

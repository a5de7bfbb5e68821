"""Building import files in tests: CSV in any encoding and separator, XLSX, JSON."""

import csv
import io
import json

from openpyxl import Workbook


def csv_bytes(rows, *, encoding="utf-8", delimiter=",", bom=False):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    data = buffer.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(rows, *, sheet_title="Items"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def json_bytes(document):
    return json.dumps(document, ensure_ascii=False).encode("utf-8")

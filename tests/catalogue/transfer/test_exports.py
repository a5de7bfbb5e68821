"""Exports of filtered lists and the templates to fill in."""

import csv
import io
import json

import pytest
from django.urls import reverse
from django.utils.translation import override
from openpyxl import load_workbook

from techbridge.catalogue.enums import ItemStatus
from techbridge.catalogue.models import TechnologyField
from techbridge.catalogue.transfer.columns import columns_for
from techbridge.catalogue.transfer.readers import read_upload
from techbridge.catalogue.transfer.validation import check_rows
from tests.catalogue.factories import OfferFactory
from tests.catalogue.transfer.conftest import organisation_of


def _url(name, language="en", **kwargs):
    with override(language):
        return reverse(f"catalogue_transfer:{name}", kwargs=kwargs)


def _content(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _header(kind, key):
    (column,) = [column for column in columns_for(kind, with_information=True) if column.key == key]
    return column.header_text()


def _csv_rows(response):
    text = _content(response).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("kind", ["offer", "need", "expert"])
@pytest.mark.parametrize("file_format", ["xlsx", "csv", "json"])
def test_every_template_imports_cleanly(client, db, kind, file_format):
    response = client.get(_url("template", "ru", kind=kind, file_format=file_format))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{file_format}"')
    table = read_upload(response.content, f"template.{file_format}")
    report = check_rows(kind, table)
    assert report.header_problems == []
    assert report.problems == []
    assert len(report.valid_rows) == 1


@pytest.mark.parametrize("language", ["zh-hans", "ru", "en"])
def test_template_headers_are_in_the_readers_language(client, db, language):
    response = client.get(_url("template", language, kind="offer", file_format="xlsx"))
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    header = next(workbook.worksheets[0].iter_rows(values_only=True))
    with override(language):
        expected = tuple(column.header_text() for column in columns_for("offer"))
    assert header == expected
    # The language names in the headers are translated too.
    with override(language):
        title_zh = _header("offer", "title_zh")
    assert {"zh-hans": "中文", "ru": "китайский", "en": "Chinese"}[language] in title_zh
    assert len(workbook.sheetnames) == 2  # the items, and the list of codes


def test_csv_template_has_a_bom_header_and_one_example(client, db):
    response = client.get(_url("template", kind="need", file_format="csv"))
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = _csv_rows(response)
    assert rows[0] == [column.header_text() for column in columns_for("need")]
    assert len(rows) == 2


def test_unknown_kind_or_format_is_not_found(client, db):
    assert client.get(_url("template", kind="event", file_format="csv")).status_code == 404
    assert client.get(_url("template", kind="offer", file_format="pdf")).status_code == 404
    assert client.get(_url("export") + "?kind=offer&format=pdf").status_code == 404


def test_public_export_has_only_published_items(client, db):
    published = OfferFactory(titles={"en": "Published copper alloy"})
    OfferFactory(titles={"en": "Draft copper alloy"}, status=ItemStatus.DRAFT, published_at=None)
    rows = _csv_rows(client.get(_url("export") + "?kind=offer&format=csv"))
    title_column = rows[0].index(_header("offer", "title_en"))
    assert [row[title_column] for row in rows[1:]] == ["Published copper alloy"]
    assert rows[1][rows[0].index(_header("offer", "id"))] == str(published.pk)


def test_export_applies_the_catalogue_filters(client, db):
    OfferFactory(titles={"en": "Copper casting"})
    OfferFactory(
        titles={"en": "Machine vision for inspection"},
        fields=[TechnologyField.objects.get(code="ai.vision")],
        readiness_level=3,
    )
    response = client.get(_url("export") + "?kind=offer&format=json&field=ai")
    items = json.loads(_content(response))
    assert [item["title"] for item in items] == [{"en": "Machine vision for inspection"}]
    response = client.get(_url("export") + "?kind=offer&format=json&trl_min=5")
    assert [item["title"] for item in json.loads(_content(response))] == [{"en": "Copper casting"}]


def test_owner_exports_their_own_items_in_any_status(client, holder):
    organisation = organisation_of(holder)
    OfferFactory(owner=holder, organisation=organisation, titles={"en": "Mine, published"})
    OfferFactory(
        owner=holder,
        organisation=organisation,
        titles={"en": "Mine, draft"},
        status=ItemStatus.DRAFT,
        published_at=None,
    )
    OfferFactory(titles={"en": "Someone else's"})
    client.force_login(holder)
    items = json.loads(_content(client.get(_url("export") + "?kind=offer&format=json&mine=1")))
    assert sorted(item["title"]["en"] for item in items) == ["Mine, draft", "Mine, published"]
    assert sorted(item["status"] for item in items) == ["draft", "published"]


def test_anonymous_cannot_export_mine(client, db):
    response = client.get(_url("export") + "?kind=offer&format=csv&mine=1")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/sign-in/")


def test_texts_that_look_like_formulas_stay_text(client, db):
    OfferFactory(titles={"en": '=HYPERLINK("http://example.com")'})
    rows = _csv_rows(client.get(_url("export") + "?kind=offer&format=csv"))
    assert '\'=HYPERLINK("http://example.com")' in rows[1]
    response = client.get(_url("export") + "?kind=offer&format=xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    cells = [cell for cell in sheet[2] if cell.value == '=HYPERLINK("http://example.com")']
    assert [cell.data_type for cell in cells] == ["s"]

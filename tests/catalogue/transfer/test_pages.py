"""Import pages: access, the preview that keeps everything until the user decides, and the
decision itself."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext, override

from techbridge.accounts.enums import MembershipStatus
from techbridge.audit.enums import AuditAction
from techbridge.audit.models import AuditEntry
from techbridge.catalogue.models import CatalogueItem, TechnologyOffer
from techbridge.catalogue.transfer.pending import SESSION_KEY
from tests.catalogue.transfer.conftest import organisation_of
from tests.catalogue.transfer.files import csv_bytes, xlsx_bytes
from tests.web.language_leaks import english_words

HEADER = ["source_language", "title_ru", "title_zh", "fields", "readiness_level"]
FIRST = ["ru", "Литьё медных сплавов", "铜合金铸造", "materials.copper", "6"]
BAD = ["ru", "", "", "materials.copper", "10"]
SECOND = ["ru", "Сварка трением", "摩擦焊", "manufacturing.machining", "4"]


def _url(name, language="en", **kwargs):
    with override(language):
        return reverse(f"catalogue_transfer:{name}", kwargs=kwargs)


def _upload(client, user, data, name="offers.csv", kind="offer", language="en"):
    return client.post(
        _url("upload", language),
        {
            "kind": kind,
            "organisation": organisation_of(user).pk,
            "file": SimpleUploadedFile(name, data),
        },
    )


def _token(response):
    match = re.search(r"/import/([^/]+)/$", response["Location"])
    assert match, response["Location"]
    return match.group(1)


def _fingerprint(page):
    return re.search(r'name="fingerprint" value="([0-9a-f]+)"', page).group(1)


def _nothing_changed(client):
    return (
        CatalogueItem.objects.count() == 0
        and not AuditEntry.objects.filter(action=AuditAction.CATALOGUE_IMPORTED).exists()
        and not client.session.get(SESSION_KEY)
    )


def test_anonymous_is_sent_to_sign_in(client, db):
    for response in (
        client.get(_url("upload")),
        client.post(_url("upload"), {"kind": "offer"}),
        client.post(_url("confirm", token="anything"), {"only_valid_rows": "1"}),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/sign-in/?next=")
    assert _nothing_changed(client)


def test_a_person_without_a_publishing_role_is_refused(client, interpreter):
    client.force_login(interpreter)
    assert client.get(_url("upload")).status_code == 403
    response = _upload(client, interpreter, csv_bytes([HEADER, FIRST]))
    assert response.status_code == 403
    assert _nothing_changed(client)


def test_a_seeker_cannot_import_offers(client, seeker):
    client.force_login(seeker)
    page = client.get(_url("upload")).content.decode()
    assert 'value="need"' in page
    assert 'value="offer"' not in page
    response = _upload(client, seeker, csv_bytes([HEADER, FIRST]), kind="offer")
    assert response.status_code == 403
    assert _nothing_changed(client)


def test_preview_lists_every_bad_row_and_changes_nothing_until_the_choice(client, holder):
    client.force_login(holder)
    response = _upload(client, holder, csv_bytes([HEADER, FIRST, BAD, SECOND]))
    assert response.status_code == 302
    token = _token(response)
    for _reload in range(2):
        page = client.get(_url("preview", token=token)).content.decode()
        assert "line 3" in page
        assert "Enter this text in at least one language." in page
        assert "The readiness level must be from 1 to 9, not 10." in page
        assert "Import only the 2 valid rows" in page
        assert "Литьё медных сплавов" in page
        assert CatalogueItem.objects.count() == 0
    response = client.post(
        _url("confirm", token=token),
        {"only_valid_rows": "1", "fingerprint": _fingerprint(page)},
    )
    assert response.status_code == 302
    with override("en"):
        assert response["Location"] == reverse("catalogue:mine")
    assert sorted(offer.titles["ru"] for offer in TechnologyOffer.objects.all()) == [
        "Литьё медных сплавов",
        "Сварка трением",
    ]
    assert AuditEntry.objects.get(action=AuditAction.CATALOGUE_IMPORTED).details["skipped"] == 1
    # The decision is taken once: the upload no longer waits.
    assert client.get(_url("preview", token=token))["Location"] == _url("upload")


def test_import_all_is_refused_while_a_row_is_bad(client, holder):
    client.force_login(holder)
    token = _token(_upload(client, holder, csv_bytes([HEADER, FIRST, BAD])))
    page = client.get(_url("preview", token=token)).content.decode()
    response = client.post(
        _url("confirm", token=token), {"only_valid_rows": "0", "fingerprint": _fingerprint(page)}
    )
    assert response["Location"] == _url("preview", token=token)
    assert CatalogueItem.objects.count() == 0
    assert (
        "1 row has problems; nothing was imported."
        in client.get(response["Location"]).content.decode()
    )


def test_a_clean_file_is_imported_whole(client, holder):
    client.force_login(holder)
    data = xlsx_bytes([HEADER, FIRST, SECOND])
    token = _token(_upload(client, holder, data, name="offers.xlsx"))
    page = client.get(_url("preview", token=token)).content.decode()
    assert "Import 2 items" in page
    client.post(
        _url("confirm", token=token), {"only_valid_rows": "0", "fingerprint": _fingerprint(page)}
    )
    assert TechnologyOffer.objects.count() == 2


def test_cancel_imports_nothing(client, holder):
    client.force_login(holder)
    token = _token(_upload(client, holder, csv_bytes([HEADER, FIRST, BAD])))
    response = client.post(_url("cancel", token=token))
    assert response["Location"] == _url("upload")
    assert _nothing_changed(client)


def test_a_changed_check_asks_to_look_again(client, holder):
    client.force_login(holder)
    token = _token(_upload(client, holder, csv_bytes([HEADER, FIRST, BAD])))
    response = client.post(
        _url("confirm", token=token), {"only_valid_rows": "1", "fingerprint": "stale"}
    )
    assert response["Location"] == _url("preview", token=token)
    assert CatalogueItem.objects.count() == 0


def test_losing_the_role_before_the_choice_refuses_the_import(client, holder):
    client.force_login(holder)
    token = _token(_upload(client, holder, csv_bytes([HEADER, FIRST])))
    page = client.get(_url("preview", token=token)).content.decode()
    holder.memberships.update(status=MembershipStatus.REVOKED)
    response = client.post(
        _url("confirm", token=token), {"only_valid_rows": "0", "fingerprint": _fingerprint(page)}
    )
    assert response.status_code == 403
    assert CatalogueItem.objects.count() == 0


def test_another_persons_upload_is_not_theirs(client, holder, expert):
    client.force_login(holder)
    token = _token(_upload(client, holder, csv_bytes([HEADER, FIRST])))
    client.force_login(expert)
    response = client.post(_url("confirm", token=token), {"only_valid_rows": "0"})
    assert response["Location"] == _url("upload")
    assert CatalogueItem.objects.count() == 0


def test_disguised_file_is_refused_on_the_form(client, holder):
    client.force_login(holder)
    response = _upload(client, holder, b"%PDF-1.7\n" + b"1" * 500, name="offers.xlsx")
    assert response.status_code == 200
    page = response.content.decode()
    assert "does not contain what its name says (it is not a XLSX file)" in page
    # The choices typed stay selected; only the file must be chosen again.
    assert re.search(r'<option value="offer" selected>', page)
    assert _nothing_changed(client)


def test_oversized_file_is_refused_on_the_form(client, holder, settings):
    settings.CATALOGUE_IMPORT_MAX_BYTES = 1024 * 1024
    client.force_login(holder)
    data = csv_bytes([HEADER]) + b"x" * (1024 * 1024 + 200_000)
    response = _upload(client, holder, data)
    assert "is too large: 1.2 MB; the limit is 1 MB." in response.content.decode()
    assert _nothing_changed(client)


@pytest.mark.parametrize(
    ("language", "where", "reason"),
    [
        ("ru", "строка 2", "Уровень готовности должен быть от 1 до 9, а не 10."),
        ("zh-hans", "第2行", "技术成熟度必须为1至9级，不能为10。"),
    ],
)
def test_problems_are_shown_in_the_readers_language(client, holder, language, where, reason):
    client.force_login(holder)
    token = _token(_upload(client, holder, csv_bytes([HEADER, BAD]), language=language))
    page = client.get(_url("preview", language, token=token)).content.decode()
    with override(language):
        missing_title = gettext("Enter this text in at least one language.")
    assert missing_title != "Enter this text in at least one language."
    for text in (where, reason, missing_title):
        assert text in page


def test_index_offers_templates_to_everyone(client, db):
    page = client.get(_url("index")).content.decode()
    assert _url("template", kind="offer", file_format="xlsx") in page
    assert _url("template", kind="expert", file_format="csv") in page


@pytest.mark.parametrize("language", ["ru", "zh-hans"])
def test_pages_have_no_english_in_chinese_or_russian(client, holder, language):
    client.force_login(holder)
    token = _token(_upload(client, holder, csv_bytes([HEADER, FIRST, BAD]), language=language))
    leaks = {}
    for name, arguments in (("index", {}), ("upload", {}), ("preview", {"token": token})):
        page = client.get(_url(name, language, **arguments)).content.decode()
        # Allowed: the test person's name, the file's name, the Latin of a field's Russian
        # name (in vitro diagnostics), ISO currency codes and the megabyte unit.
        allowed = {"Person", "offers", "csv", "in", "vitro", "CNY", "RUB", "USD", "EUR", "MB"}
        words = english_words(page, language, also_allowed=allowed)
        if words:
            leaks[name] = words
    assert leaks == {}

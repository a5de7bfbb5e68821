"""Attachments: checked by content, size-limited, downloaded safely."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from techbridge.catalogue.enums import ItemStatus
from techbridge.catalogue.models import Attachment
from tests.accounts.factories import UserFactory
from tests.catalogue.factories import OfferFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = bytes.fromhex("89504E470D0A1A0A0000000D49484452000000010000000108060000001F15C489")


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _upload(client, offer, name, content):
    return client.post(
        f"/en/catalogue/items/{offer.pk}/attachments/",
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )


@pytest.mark.parametrize(
    ("name", "content", "media_type"),
    [
        ("brochure.pdf", PDF, "application/pdf"),
        ("photo.png", PNG, "image/png"),
        (
            "specification.docx",
            _docx(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_accepted_files_are_attached_with_their_checked_type(client, name, content, media_type):
    offer = OfferFactory(status=ItemStatus.DRAFT)
    client.force_login(offer.owner)
    _upload(client, offer, name, content)
    attachment = Attachment.objects.get()
    assert (attachment.original_name, attachment.media_type) == (name, media_type)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("report.pdf", b"MZ\x90\x00 this is a Windows program", "is not an accepted file"),
        ("photo.png", PDF, "does not contain what its name says"),
        ("table.xlsx", _docx(), "does not contain what its name says"),
        ("empty.pdf", b"", "is empty"),
    ],
)
def test_disguised_or_unknown_files_are_refused_with_reason(client, name, content, reason):
    offer = OfferFactory(status=ItemStatus.DRAFT)
    client.force_login(offer.owner)
    response = _upload(client, offer, name, content)
    assert reason in response.content.decode()
    assert Attachment.objects.count() == 0


def test_oversized_file_is_refused(client, settings):
    settings.CATALOGUE_ATTACHMENT_MAX_BYTES = 100
    offer = OfferFactory(status=ItemStatus.DRAFT)
    client.force_login(offer.owner)
    response = _upload(client, offer, "big.pdf", PDF + b"0" * 200)
    assert "is too large" in response.content.decode()
    assert Attachment.objects.count() == 0


@pytest.mark.parametrize("who", ["anonymous", "stranger"])
def test_uploading_is_refused_to_others(client, who):
    offer = OfferFactory(status=ItemStatus.DRAFT)
    if who == "stranger":
        client.force_login(UserFactory())
    _upload(client, offer, "brochure.pdf", PDF)
    assert Attachment.objects.count() == 0


def test_download_is_a_sandboxed_attachment(client):
    offer = OfferFactory(status=ItemStatus.DRAFT)
    client.force_login(offer.owner)
    _upload(client, offer, "брошюра.pdf", PDF)
    client.force_login(offer.owner)
    offer.status = ItemStatus.PUBLISHED
    offer.save()
    client.logout()
    response = client.get(f"/en/catalogue/attachments/{Attachment.objects.get().pk}/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PDF


def test_attachment_of_a_draft_is_not_downloadable_by_others(client):
    offer = OfferFactory(status=ItemStatus.DRAFT)
    client.force_login(offer.owner)
    _upload(client, offer, "brochure.pdf", PDF)
    client.logout()
    assert (
        client.get(f"/en/catalogue/attachments/{Attachment.objects.get().pk}/").status_code == 404
    )

"""Checking uploaded files by their content, not by their name.

Accepted: PDF, PNG, JPEG, GIF, WebP, and Office documents (DOCX, XLSX, PPTX, which are ZIP
containers with a known main part; legacy DOC/XLS/PPT, which are OLE2 compound files).
A file whose content does not match its extension is refused as disguised.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

import filetype
from django.utils.translation import gettext as _

OLE2_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
# Main part of each Office Open XML document type.
OFFICE_PARTS = {
    "word/document.xml": (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xl/workbook.xml": (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "ppt/presentation.xml": (
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
}
IMAGE_OR_PDF = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
}
EXTENSIONS = {
    "pdf": {"pdf"},
    "png": {"png"},
    "jpg": {"jpg", "jpeg"},
    "gif": {"gif"},
    "webp": {"webp"},
    "docx": {"docx"},
    "xlsx": {"xlsx"},
    "pptx": {"pptx"},
    "ole": {"doc", "xls", "ppt"},
}
ACCEPTED_EXTENSIONS = sorted({extension for group in EXTENSIONS.values() for extension in group})


class UploadRefused(ValueError):
    """The file is refused; the message (translated) says why."""


@dataclass(frozen=True)
class CheckedFile:
    media_type: str
    extension: str


def _office_type(stream: IO[bytes]) -> tuple[str, str] | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return None
    for part, detected in OFFICE_PARTS.items():
        if part in names:
            return detected
    return None


def check_upload(stream: IO[bytes], name: str, size: int, max_bytes: int) -> CheckedFile:
    """Identify the file by its first bytes (and, for ZIP containers, their contents)."""
    if size > max_bytes:
        raise UploadRefused(
            _("“%(name)s” is too large: %(size)s MB; the limit is %(limit)s MB.")
            % {"name": name, "size": f"{size / 1048576:.1f}", "limit": f"{max_bytes / 1048576:.0f}"}
        )
    if size == 0:
        raise UploadRefused(_("“%(name)s” is empty.") % {"name": name})
    extension = PurePath(name).suffix.lower().lstrip(".")
    stream.seek(0)
    head = stream.read(8192)
    stream.seek(0)
    detected: tuple[str, str] | None = None
    if head.startswith(OLE2_SIGNATURE):
        detected = ("ole", "application/x-ole-storage")
    else:
        kind = filetype.guess(head)
        if kind is not None and kind.extension in IMAGE_OR_PDF:
            detected = (kind.extension, IMAGE_OR_PDF[kind.extension])
        elif (kind is not None and kind.extension == "zip") or head.startswith(b"PK\x03\x04"):
            detected = _office_type(stream)
            stream.seek(0)
    if detected is None:
        raise UploadRefused(
            _(
                "“%(name)s” is not an accepted file. Accepted: PDF, images (PNG, JPEG, GIF, "
                "WebP) and Office documents."
            )
            % {"name": name}
        )
    group, media_type = detected
    if extension not in EXTENSIONS[group]:
        raise UploadRefused(
            _(
                "“%(name)s” does not contain what its name says (its content is %(kind)s); "
                "the file was refused."
            )
            % {"name": name, "kind": group.upper()}
        )
    return CheckedFile(media_type=media_type, extension=extension)

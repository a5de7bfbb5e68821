"""Uploaded files waiting for the user's decision, kept in the user's session.

Between the upload and the user's choice ("import the valid rows" or "cancel") nothing is
written to the catalogue: the rows as read from the file wait in the session, compressed,
under a random token, for at most ``KEEP_SECONDS``. Each preview checks them again, so the
reasons are always in the language the page is read in.
"""

from __future__ import annotations

import base64
import json
import secrets
import time
import zlib
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

from techbridge.catalogue.transfer.readers import RawRows

SESSION_KEY = "catalogue_pending_imports"
KEEP_SECONDS = 2 * 3600
# A session keeps only the most recent uploads, so that abandoned ones do not pile up.
MAX_PENDING = 3


@dataclass(frozen=True)
class PendingImport:
    token: str
    owner_id: int
    kind: str
    organisation_id: int
    file_name: str
    rows: RawRows
    created_at: float


def _pack(rows: RawRows) -> str:
    data = json.dumps(rows.to_data(), ensure_ascii=False, separators=(",", ":"))
    return base64.b64encode(zlib.compress(data.encode("utf-8"), 6)).decode("ascii")


def _unpack(packed: str) -> RawRows:
    return RawRows.from_data(json.loads(zlib.decompress(base64.b64decode(packed))))


def _entries(session: MutableMapping[str, Any]) -> dict[str, dict[str, Any]]:
    entries = session.get(SESSION_KEY) or {}
    return {
        token: entry
        for token, entry in entries.items()
        if time.time() - entry.get("created_at", 0) <= KEEP_SECONDS
    }


def keep_pending_import(
    session: MutableMapping[str, Any],
    *,
    owner_id: int,
    kind: str,
    organisation_id: int,
    file_name: str,
    rows: RawRows,
) -> str:
    """Keep the rows until the user decides; return the token that names them."""
    entries = _entries(session)
    while len(entries) >= MAX_PENDING:
        oldest = min(entries, key=lambda token: entries[token]["created_at"])
        del entries[oldest]
    token = secrets.token_urlsafe(16)
    entries[token] = {
        "owner_id": owner_id,
        "kind": kind,
        "organisation_id": organisation_id,
        "file_name": file_name,
        "rows": _pack(rows),
        "created_at": time.time(),
    }
    session[SESSION_KEY] = entries
    return token


def pending_import(
    session: MutableMapping[str, Any], token: str, *, owner_id: int
) -> PendingImport | None:
    """The waiting upload of this token and owner, or None if it is unknown or expired."""
    entry = _entries(session).get(token)
    if entry is None or entry["owner_id"] != owner_id:
        return None
    return PendingImport(
        token=token,
        owner_id=entry["owner_id"],
        kind=entry["kind"],
        organisation_id=entry["organisation_id"],
        file_name=entry["file_name"],
        rows=_unpack(entry["rows"]),
        created_at=entry["created_at"],
    )


def forget_pending_import(session: MutableMapping[str, Any], token: str) -> None:
    entries = _entries(session)
    entries.pop(token, None)
    session[SESSION_KEY] = entries

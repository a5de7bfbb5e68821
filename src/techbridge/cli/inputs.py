"""Reading the batch commands' input files, with precise error locations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from techbridge.cli.errors import InputError


def read_json(path: str | Path) -> Any:
    """Load one JSON document; a missing or malformed file raises ``InputError``."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError([f"{path}: file not found"]) from None
    except UnicodeDecodeError as error:
        raise InputError(
            [f"{path}: not UTF-8 text ({error.reason} at byte {error.start})"]
        ) from None
    except OSError as error:
        raise InputError([f"{path}: cannot read ({error.strerror})"]) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError([f"{path}:{error.lineno}: invalid JSON ({error.msg})"]) from None


def read_jsonl(path: str | Path) -> list[tuple[int, Any]]:
    """Load a JSON Lines file as ``(line_number, value)`` pairs, skipping blank lines.

    Every malformed line is reported, not only the first.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError([f"{path}: file not found"]) from None
    except OSError as error:
        raise InputError([f"{path}: cannot read ({error.strerror})"]) from None
    rows: list[tuple[int, Any]] = []
    problems: list[str] = []
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if not line.strip():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"{path}:{number}: not UTF-8 text")
            continue
        try:
            rows.append((number, json.loads(text)))
        except json.JSONDecodeError as error:
            problems.append(f"{path}:{number}: invalid JSON ({error.msg})")
    if problems:
        raise InputError(problems)
    return rows

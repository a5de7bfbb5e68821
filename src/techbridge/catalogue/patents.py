"""Patent numbers: recognised offices and formats, normalised for display and search.

Accepted (spaces, commas and dots between groups are optional):

- CN: publication ``CN 112345678 B`` (7–9 digits, kind A/B/C/U/Y/S, optional digit) or
  application ``ZL 201910123456.7`` / ``CN 201910123456.7`` (12 digits and a check digit);
- RU: ``RU 2712345 C1``, ``RU 201234 U1`` (5–7 digits, kind A/C/U/S with 1 or 2);
- EA (Eurasian Patent Office): ``EA 039876 B1`` (6 digits, kind A1/A2/B1);
- WO (PCT): ``WO 2021/123456 A1`` (year / 6 digits, optional kind);
- US: ``US 11,234,567 B2`` (7–8 digits, kind A/B/E/S with optional digit) or a published
  application ``US 2021/0123456 A1``;
- EP: ``EP 3456789 B1`` (7 digits, kind A1/A2/A3/B1/B2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

_SEPARATORS = re.compile(r"[\s,.\u00a0]+")


@dataclass(frozen=True)
class _Format:
    office: str
    pattern: re.Pattern[str]
    example: str


_FORMATS = (
    _Format(
        "CN",
        re.compile(r"^(?:CN|ZL)(?P<year>\d{4})(?P<number>\d{8})(?P<check>[\dX])$"),
        "CN 201910123456.7",
    ),
    _Format("CN", re.compile(r"^CN(?P<number>\d{7,9})(?P<kind>[ABCUYS]\d?)$"), "CN 112345678 B"),
    _Format("RU", re.compile(r"^RU(?P<number>\d{5,7})(?P<kind>[ACUS][12]?)$"), "RU 2712345 C1"),
    _Format("EA", re.compile(r"^EA(?P<number>\d{6})(?P<kind>A1|A2|B1)$"), "EA 039876 B1"),
    _Format(
        "WO",
        re.compile(r"^WO(?P<year>(?:19|20)\d{2})/?(?P<number>\d{6})(?P<kind>A\d)?$"),
        "WO 2021/123456 A1",
    ),
    _Format(
        "US",
        re.compile(r"^US(?P<year>20\d{2})/?(?P<number>\d{7})(?P<kind>A\d)$"),
        "US 2021/0123456 A1",
    ),
    _Format("US", re.compile(r"^US(?P<number>\d{7,8})(?P<kind>[ABES]\d?)?$"), "US 11,234,567 B2"),
    _Format("EP", re.compile(r"^EP(?P<number>\d{7})(?P<kind>A1|A2|A3|B1|B2)?$"), "EP 3456789 B1"),
)
OFFICES = ("CN", "RU", "EA", "WO", "US", "EP")


class PatentNumberError(ValueError):
    """A patent number in no recognised format; the message says what was expected."""


def normalise_patent_number(raw: str) -> str:
    """Return the number in a canonical spelling (``RU 2712345 C1``) or raise
    ``PatentNumberError`` with a translated explanation."""
    compact = _SEPARATORS.sub("", raw.upper())
    compact = compact.replace("№", "")
    if not compact:
        raise PatentNumberError(_("Enter a patent number."))
    office = "CN" if compact.startswith("ZL") else compact[:2]
    if office not in OFFICES:
        raise PatentNumberError(
            _("“%(number)s”: the number must start with one of the office codes %(offices)s.")
            % {"number": raw.strip(), "offices": ", ".join(OFFICES)}
        )
    for patent_format in _FORMATS:
        if patent_format.office != office:
            continue
        match = patent_format.pattern.match(compact)
        if match is None:
            continue
        parts = match.groupdict()
        if "year" in parts and parts.get("check") is not None:
            return f"CN {parts['year']}{parts['number']}.{parts['check']}"
        number = parts["number"]
        if parts.get("year"):
            number = f"{parts['year']}/{number}"
        kind = parts.get("kind")
        return f"{office} {number} {kind}" if kind else f"{office} {number}"
    examples = " · ".join(f.example for f in _FORMATS if f.office == office)
    raise PatentNumberError(
        _(
            "“%(number)s” is not a valid %(office)s patent number; expected for example "
            "%(examples)s."
        )
        % {"number": raw.strip(), "office": office, "examples": examples}
    )

"""Patent numbers of the six offices, normalised; anything else refused with a reason."""

import pytest

from techbridge.catalogue.patents import PatentNumberError, normalise_patent_number


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("RU 2712345 C1", "RU 2712345 C1"),
        ("ru2712345c1", "RU 2712345 C1"),
        ("RU 201234 U1", "RU 201234 U1"),
        ("№ RU 2 712 345 C2", "RU 2712345 C2"),
        ("EA 039876 B1", "EA 039876 B1"),
        ("CN 112345678 B", "CN 112345678 B"),
        ("CN112345678A", "CN 112345678 A"),
        ("ZL 201910123456.7", "CN 201910123456.7"),
        ("CN 201910123456.X", "CN 201910123456.X"),
        ("WO 2021/123456 A1", "WO 2021/123456 A1"),
        ("WO2021123456", "WO 2021/123456"),
        ("US 11,234,567 B2", "US 11234567 B2"),
        ("US 2021/0123456 A1", "US 2021/0123456 A1"),
        ("EP 3456789 B1", "EP 3456789 B1"),
        ("EP3456789", "EP 3456789"),
    ],
)
def test_patent_number_is_normalised(raw, expected):
    assert normalise_patent_number(raw) == expected


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("DE 102019123456 A1", "office codes"),
        ("RU 27 C1", "not a valid RU patent number"),
        ("EA 12345 B1", "not a valid EA patent number"),
        ("WO 21/123 A1", "not a valid WO patent number"),
        ("EP 345678 B1", "not a valid EP patent number"),
        ("   ", "Enter a patent number"),
    ],
)
def test_malformed_patent_number_is_refused_with_reason(raw, fragment):
    with pytest.raises(PatentNumberError) as error:
        normalise_patent_number(raw)
    assert fragment in str(error.value)

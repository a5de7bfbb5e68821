"""Reading the interface language of an API request from Accept-Language."""

import pytest

from techbridge.api.languages import language_from_accept_header


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("ru", "ru"),
        ("ru-RU,ru;q=0.9", "ru"),
        ("zh-CN,zh;q=0.9", "zh-hans"),
        ("zh", "zh-hans"),
        ("zh-Hans-CN", "zh-hans"),
        ("en-GB", "en"),
        ("de-DE, ru;q=0.5, en;q=0.7", "en"),
        ("en;q=0.2, ru;q=0.8", "ru"),
        ("*, ru;q=0.1", "ru"),
        ("ru;q=0, en", "en"),
        ("ru;q=abc, zh", "zh-hans"),
        ("de, fr", None),
        ("", None),
        (";;;,,,", None),
        ("ru;" + "q=1;" * 200, None),
    ],
)
def test_language_from_accept_header(header, language):
    assert language_from_accept_header(header) == language

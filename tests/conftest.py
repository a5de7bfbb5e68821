"""Fixtures shared by the whole suite."""

import os

import pytest

# Playwright's synchronous API runs an event loop in the test thread; Django's guard
# against database calls from async code would otherwise refuse the ORM in browser tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.setdefault("OMP_NUM_THREADS", "1")


@pytest.fixture(autouse=True)
def _english_by_default(settings):
    """Tests state the language they read pages in; the default is English."""
    settings.LANGUAGE_CODE = "en"

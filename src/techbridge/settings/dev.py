"""Local development and the `make run` demo: SQLite, DEBUG, e-mail on the console."""

import os

from techbridge.settings.base import *  # noqa: F403
from techbridge.settings.base import VAR_DIR

DEBUG = os.environ.get("DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-not-secret-5d1e0c7f0a8b4c2e9d6f"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
VAR_DIR.mkdir(parents=True, exist_ok=True)

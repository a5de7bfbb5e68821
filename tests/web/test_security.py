"""Security baseline: CSP without inline scripts, CSRF, production settings."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_every_page_sends_a_strict_content_security_policy(client):
    response = client.get("/en/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"


def test_pages_carry_no_inline_script(client):
    UserFactory()
    for path in ("/en/", "/en/accounts/sign-in/", "/en/accounts/sign-up/", "/en/organisations/"):
        html = client.get(path).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag, (path, tag)
        assert not re.search(r"\son[a-z]+=", html), path


def test_assets_are_served_by_the_site_itself(client):
    html = client.get("/en/").content.decode()
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
    assert external == []


def test_forms_refuse_posts_without_csrf_token():
    user = UserFactory()
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/en/accounts/sign-in/", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in strict.session


def test_production_settings_pass_the_deployment_check():
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "techbridge.settings.production",
        "SECRET_KEY": "x" * 20 + "production-check-secret-with-enough-entropy-0123456789",
        "ALLOWED_HOSTS": "techbridge.example",
    }
    # The test suite allows the ORM under Playwright's event loop; a deployment must not.
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_secret_key():
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "techbridge.settings.production",
        "ALLOWED_HOSTS": "techbridge.example",
    }
    environment.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr

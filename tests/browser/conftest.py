"""Headless Chromium (Debian's, never a downloaded one) driven by Playwright."""

import importlib
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-results"


#: Rows that data migrations create and the pages need. Browser tests are transactional:
#: each ends by emptying every table, so each starts by putting these rows back.
DATA_MIGRATIONS = [
    ("techbridge.catalogue.migrations.0002_technology_fields", "load_fields"),
    ("techbridge.calls.migrations.0002_message_templates", "create_templates"),
]


@pytest.fixture(autouse=True)
def _data_of_the_migrations(transactional_db):
    for module, function in DATA_MIGRATIONS:
        getattr(importlib.import_module(module), function)(django_apps, None)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: `make test` installs it (apt package chromium).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, request):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 1280, "height": 900},
        timezone_id="Asia/Shanghai",
        locale="en-US",
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    console_errors = []
    page.on(
        "console", lambda message: message.type == "error" and console_errors.append(message.text)
    )
    yield page
    if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert console_errors == [], console_errors


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def sign_in(page, email, password, language="en"):
    page.goto(f"/{language}/accounts/sign-in/")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


@pytest.fixture
def another_page(browser, live_server):
    """Pages for further users in their own browser contexts (cookies apart)."""
    contexts = []

    def open_page(timezone_id="Asia/Shanghai"):
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": 1280, "height": 900},
            timezone_id=timezone_id,
            locale="en-US",
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()

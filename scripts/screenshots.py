"""Take screenshots of key pages in zh, ru and en with Debian's headless Chromium.

    python scripts/screenshots.py --base-url http://127.0.0.1:8000 [--out docs/screenshots]
        [--page home=/ --page organisations=/organisations/] [--width 1280]

The site must be running with the demo data (``make run``). Pages that need a signed-in
user take ``--sign-in EMAIL:PASSWORD``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

LANGUAGES = ("zh-hans", "ru", "en")
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--page", action="append", default=[], help="NAME=/path/ (no prefix)")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--full-page", action="store_true")
    parser.add_argument("--sign-in", default="", help="EMAIL:PASSWORD")
    parser.add_argument("--languages", default=",".join(LANGUAGES))
    arguments = parser.parse_args()
    pages = [item.split("=", 1) for item in arguments.page] or [["home", "/"]]
    out = Path(arguments.out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(
            viewport={"width": arguments.width, "height": arguments.height},
            timezone_id="Asia/Shanghai",
        )
        # As if the site's script had already remembered the browser's time zone.
        context.add_cookies(
            [{"name": "techbridge_time_zone", "value": "Asia/Shanghai", "url": arguments.base_url}]
        )
        page = context.new_page()
        if arguments.sign_in:
            email, password = arguments.sign_in.split(":", 1)
            page.goto(f"{arguments.base_url}/en/accounts/sign-in/")
            page.fill("input[name=email]", email)
            page.fill("input[name=password]", password)
            page.locator("main form button[type=submit]").first.click()
            page.wait_for_load_state()
        for language in arguments.languages.split(","):
            for name, path in pages:
                page.goto(f"{arguments.base_url}/{language}{path}")
                page.wait_for_load_state("networkidle")
                target = out / f"{name}-{language}.png"
                page.screenshot(path=str(target), full_page=arguments.full_page)
                print(target)
        browser.close()


if __name__ == "__main__":
    main()
